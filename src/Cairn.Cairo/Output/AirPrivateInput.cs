using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cairn.Cairo.Builtins;
using Cairn.Cairo.Memory;
using Cairn.Crypto.Curve;
using Cairn.Primitives;

namespace Cairn.Cairo.Output;

/// <summary>
/// <c>air_private_input.json</c> (cairo-vm.md §6.7): the absolute trace and memory paths, then one
/// key per builtin runner with a segment (output, segment_arena and gas have none) in runner order.
/// Felts are lower-case <c>0x</c> hex; lists are sorted by index; within a hash-like instance the
/// keys follow the first-write order of its input cells, as cairo-run writes them. Hash-like builtins list every
/// instance whose input cells are all present; range checks every written cell (index = offset);
/// ecdsa every registered signature (with <c>w = s⁻¹ mod n</c>); add_mod/mul_mod their instances and
/// the zero segment's relocated address (§4.11).
/// </summary>
public sealed class AirPrivateInput
{
    private AirPrivateInput(string tracePath, string memoryPath, IReadOnlyList<KeyValuePair<string, JsonNode>> builtins)
    {
        TracePath = tracePath;
        MemoryPath = memoryPath;
        Builtins = builtins;
    }

    public string TracePath { get; }

    public string MemoryPath { get; }

    /// <summary>The entry of each builtin, in runner order.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonNode>> Builtins { get; }

    /// <summary>
    /// Builds the private input from a finished run (after relocation of temporary segments and, in
    /// proof mode, <c>finalize_segments</c>).
    /// </summary>
    public static AirPrivateInput Create(
        IReadOnlyList<BuiltinRunner> builtins,
        VmMemory memory,
        RelocationTable table,
        Relocatable? zeroSegment,
        string tracePath,
        string memoryPath)
    {
        var entries = new List<KeyValuePair<string, JsonNode>>();
        foreach (var b in builtins)
        {
            if (!b.HasSegment) continue;
            JsonNode? node = b switch
            {
                OutputBuiltinRunner or SegmentArenaBuiltinRunner => null,
                RangeCheckBuiltinRunner => RangeCheck(b, memory),
                PedersenBuiltinRunner or BitwiseBuiltinRunner => Instances(b, memory, ["x", "y"]),
                EcOpBuiltinRunner => Instances(b, memory, ["p_x", "p_y", "q_x", "q_y", "m"]),
                KeccakBuiltinRunner => Instances(b, memory, [.. Enumerable.Range(0, 8).Select(i => $"input_s{i}")]),
                PoseidonBuiltinRunner => Instances(b, memory, ["input_s0", "input_s1", "input_s2"]),
                EcdsaBuiltinRunner ecdsa => Ecdsa(ecdsa, memory),
                ModBuiltinRunner mod => Mod(mod, memory, table, zeroSegment),
                _ => new JsonArray(),
            };
            if (node is not null) entries.Add(new(b.Name, node));
        }
        return new AirPrivateInput(tracePath, memoryPath, entries);
    }

    private static string Hex(Felt f) => f.ToHexString();

    private static JsonArray RangeCheck(BuiltinRunner b, VmMemory memory)
    {
        var list = new JsonArray();
        int used = memory.GetUsedSize(b.Base.Segment);
        for (int i = 0; i < used; i++)
        {
            var v = memory.GetCell(b.Base.Segment, i);
            if (!v.IsFelt) continue;
            list.Add(new JsonObject { ["index"] = i, ["value"] = Hex(v.FeltUnchecked) });
        }
        return list;
    }

    /// <summary>
    /// Every instance with all its input cells (integers) present. <paramref name="names"/> are the
    /// input cells' names in cell order; an instance's keys follow the order its input cells were
    /// first written (<see cref="BuiltinRunner.InputWriteOrder"/>), as cairo-lang's writers produce them
    /// by walking the memory in insertion order (e.g. ec_op written p, m, q gives p_x, p_y, m, q_x,
    /// q_y); cells written before the order was recorded come last, in cell order.
    /// </summary>
    private static JsonArray Instances(BuiltinRunner b, VmMemory memory, string[] names)
    {
        int used = memory.GetUsedSize(b.Base.Segment);
        int c = b.CellsPerInstance;
        int n = (used + c - 1) / c;
        var order = new List<int>?[n];
        foreach (int offset in b.InputWriteOrder ?? [])
        {
            if (offset / c < n) (order[offset / c] ??= []).Add(offset % c);
        }

        var list = new JsonArray();
        for (int index = 0; index < n; index++)
        {
            bool complete = true;
            for (int j = 0; j < names.Length && complete; j++) complete = memory.GetCell(b.Base.Segment, index * c + j).IsFelt;
            if (!complete) continue;
            var item = new JsonObject { ["index"] = index };
            foreach (int j in order[index] ?? []) item[names[j]] = Hex(memory.GetCell(b.Base.Segment, index * c + j).FeltUnchecked);
            for (int j = 0; j < names.Length; j++)
            {
                if (!item.ContainsKey(names[j])) item[names[j]] = Hex(memory.GetCell(b.Base.Segment, index * c + j).FeltUnchecked);
            }
            list.Add(item);
        }
        return list;
    }

    private static JsonArray Ecdsa(EcdsaBuiltinRunner b, VmMemory memory)
    {
        var list = new JsonArray();
        var n = StarkCurve.Order.ToBigInteger();
        foreach (var (address, (r, s)) in b.Signatures.OrderBy(kv => kv.Key.Offset))
        {
            if (!memory.TryGet(address, out var pubkey) || !pubkey.IsFelt) continue;
            if (!memory.TryGet(address.Add(1), out var msg) || !msg.IsFelt) continue;
            var w = BigInteger.ModPow(s.ToBigInteger(), n - 2, n);
            list.Add(new JsonObject
            {
                ["index"] = (long)(address.Offset / 2),
                ["pubkey"] = Hex(pubkey.FeltUnchecked),
                ["msg"] = Hex(msg.FeltUnchecked),
                ["signature_input"] = new JsonObject { ["r"] = Hex(r), ["w"] = Hex(Felt.FromBigInteger(w)) },
            });
        }
        return list;
    }

    private static JsonObject Mod(ModBuiltinRunner b, VmMemory memory, RelocationTable table, Relocatable? zeroSegment)
    {
        var instances = new JsonArray();
        foreach (var inst in b.GetPrivateInput(memory, table))
        {
            var batch = new JsonArray();
            foreach (var op in inst.Batch)
            {
                var o = new JsonObject { ["a_offset"] = op.AOffset };
                for (int i = 0; i < op.A.Length; i++) o[$"a{i}"] = Hex(op.A[i]);
                o["b_offset"] = op.BOffset;
                for (int i = 0; i < op.B.Length; i++) o[$"b{i}"] = Hex(op.B[i]);
                o["c_offset"] = op.COffset;
                for (int i = 0; i < op.C.Length; i++) o[$"c{i}"] = Hex(op.C[i]);
                batch.Add(o);
            }
            var item = new JsonObject { ["index"] = inst.Index };
            for (int i = 0; i < inst.P.Length; i++) item[$"p{i}"] = Hex(inst.P[i]);
            item["values_ptr"] = inst.ValuesPtr;
            item["offsets_ptr"] = inst.OffsetsPtr;
            item["n"] = inst.N;
            item["batch"] = batch;
            instances.Add(item);
        }
        return new JsonObject
        {
            ["instances"] = instances,
            ["zero_value_address"] = zeroSegment is { } z ? table.Relocate(z) : 0UL,
        };
    }

    /// <summary>Writes the JSON (4-space indentation, as cairo-lang's <c>json.dump(…, indent=4)</c>).</summary>
    public void Write(Stream stream)
    {
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, IndentSize = 4 }))
        {
            w.WriteStartObject();
            w.WriteString("trace_path", TracePath);
            w.WriteString("memory_path", MemoryPath);
            foreach (var (name, node) in Builtins)
            {
                w.WritePropertyName(name);
                node.WriteTo(w);
            }
            w.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
    }

    public string ToJson()
    {
        using var ms = new MemoryStream();
        Write(ms);
        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }
}
