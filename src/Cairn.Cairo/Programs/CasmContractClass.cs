using System.Text.Json;
using Cairn.Primitives;

namespace Cairn.Cairo.Programs;

/// <summary>
/// A Cairo 1 compiled contract class (<c>starknet-sierra-compile</c> output, cairo-vm.md §6.3):
/// bytecode, the optional <c>bytecode_segment_lengths</c>, hints by pc (kept as JSON and compiled by
/// the runner) and entry points by type, each list sorted by selector.
/// </summary>
public sealed class CasmContractClass
{
    private readonly Dictionary<int, JsonElement[]> _hints;

    private CasmContractClass(
        Felt[] bytecode,
        NestedIntList? segmentLengths,
        Dictionary<int, JsonElement[]> hints,
        IReadOnlyList<CasmEntryPoint> external,
        IReadOnlyList<CasmEntryPoint> l1Handler,
        IReadOnlyList<CasmEntryPoint> constructor,
        string? compilerVersion)
    {
        Bytecode = bytecode;
        BytecodeSegmentLengths = segmentLengths;
        _hints = hints;
        External = external;
        L1Handler = l1Handler;
        Constructor = constructor;
        CompilerVersion = compilerVersion;
    }

    public IReadOnlyList<Felt> Bytecode { get; }

    /// <summary>The bytecode partition (null: one segment).</summary>
    public NestedIntList? BytecodeSegmentLengths { get; }

    /// <summary>Hints by pc, each a JSON value in the CASM hint encoding.</summary>
    public IReadOnlyDictionary<int, JsonElement[]> Hints => _hints;

    public IReadOnlyList<CasmEntryPoint> External { get; }

    public IReadOnlyList<CasmEntryPoint> L1Handler { get; }

    public IReadOnlyList<CasmEntryPoint> Constructor { get; }

    public string? CompilerVersion { get; }

    /// <summary>The entry points of <paramref name="type"/>.</summary>
    public IReadOnlyList<CasmEntryPoint> EntryPoints(EntryPointType type) => type switch
    {
        EntryPointType.External => External,
        EntryPointType.L1Handler => L1Handler,
        _ => Constructor,
    };

    /// <summary>The entry point of <paramref name="type"/> with <paramref name="selector"/>, or null.</summary>
    public CasmEntryPoint? FindEntryPoint(EntryPointType type, Felt selector)
    {
        foreach (var ep in EntryPoints(type))
        {
            if (ep.Selector == selector) return ep;
        }
        return null;
    }

    /// <summary>
    /// A class made in code (Cairn's system contracts, written with <see cref="Builder.CasmBuilder"/>):
    /// the bytecode as one segment, hints by pc in the CASM JSON encoding, entry points sorted by selector.
    /// </summary>
    public static CasmContractClass Create(
        IReadOnlyList<Felt> bytecode,
        IReadOnlyDictionary<int, IReadOnlyList<string>> hints,
        IEnumerable<CasmEntryPoint> external,
        IEnumerable<CasmEntryPoint>? l1Handler = null,
        IEnumerable<CasmEntryPoint>? constructor = null,
        string compilerVersion = "cairn")
    {
        var parsed = new Dictionary<int, JsonElement[]>();
        foreach (var (pc, list) in hints)
        {
            if ((uint)pc >= (uint)bytecode.Count) throw new ArgumentException($"hint pc {pc} is outside the bytecode", nameof(hints));
            var elements = new JsonElement[list.Count];
            for (int i = 0; i < list.Count; i++)
            {
                using var doc = JsonDocument.Parse(list[i]);
                elements[i] = doc.RootElement.Clone();
            }
            parsed[pc] = elements;
        }
        List<CasmEntryPoint> Sorted(IEnumerable<CasmEntryPoint>? eps)
        {
            var sorted = (eps ?? []).OrderBy(e => e.Selector.ToBigInteger()).ToList();
            foreach (var ep in sorted)
            {
                if ((uint)ep.Offset >= (uint)bytecode.Count) throw new ArgumentException($"entry point offset {ep.Offset} is outside the bytecode");
            }
            for (int i = 1; i < sorted.Count; i++)
            {
                if (sorted[i].Selector == sorted[i - 1].Selector) throw new ArgumentException($"two entry points of one type share selector {sorted[i].Selector}");
            }
            return sorted;
        }
        return new CasmContractClass(bytecode.ToArray(), null, parsed, Sorted(external), Sorted(l1Handler), Sorted(constructor), compilerVersion);
    }

    /// <summary>The class in the CASM JSON format that <see cref="Parse(string)"/> reads (and <c>starknet_getCompiledCasm</c> serves).</summary>
    public string ToJson(bool indented = false)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = indented }))
        {
            w.WriteStartObject();
            w.WriteString("prime", "0x" + CairoProgram.PrimeHex);
            if (CompilerVersion is not null) w.WriteString("compiler_version", CompilerVersion);
            w.WriteStartArray("bytecode");
            foreach (var word in Bytecode) w.WriteStringValue(word.ToHexString());
            w.WriteEndArray();
            if (BytecodeSegmentLengths is not null)
            {
                w.WritePropertyName("bytecode_segment_lengths");
                WriteNested(w, BytecodeSegmentLengths);
            }
            w.WriteStartArray("hints");
            foreach (var pc in _hints.Keys.Order())
            {
                w.WriteStartArray();
                w.WriteNumberValue(pc);
                w.WriteStartArray();
                foreach (var hint in _hints[pc]) hint.WriteTo(w);
                w.WriteEndArray();
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteStartObject("entry_points_by_type");
            WriteEntryPoints(w, "EXTERNAL", External);
            WriteEntryPoints(w, "L1_HANDLER", L1Handler);
            WriteEntryPoints(w, "CONSTRUCTOR", Constructor);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }

    private static void WriteNested(Utf8JsonWriter w, NestedIntList list)
    {
        if (list.Value is { } leaf)
        {
            w.WriteNumberValue(leaf);
            return;
        }
        w.WriteStartArray();
        foreach (var child in list.Children) WriteNested(w, child);
        w.WriteEndArray();
    }

    private static void WriteEntryPoints(Utf8JsonWriter w, string key, IReadOnlyList<CasmEntryPoint> eps)
    {
        w.WriteStartArray(key);
        foreach (var ep in eps)
        {
            w.WriteStartObject();
            w.WriteString("selector", ep.Selector.ToHexString());
            w.WriteNumber("offset", ep.Offset);
            w.WriteStartArray("builtins");
            foreach (var b in ep.Builtins) w.WriteStringValue(b);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    public static CasmContractClass Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ProgramLoadException($"cannot read {path}: {e.Message}");
        }
        return Parse(bytes);
    }

    public static CasmContractClass Parse(string json) => Parse(System.Text.Encoding.UTF8.GetBytes(json));

    /// <summary>Parses the class; malformed input is a <see cref="ProgramLoadException"/> naming the field.</summary>
    public static CasmContractClass Parse(ReadOnlySpan<byte> utf8Json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(utf8Json.ToArray(), new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            throw new ProgramLoadException($"malformed contract class JSON: {e.Message}");
        }
        using (doc)
        {
            try
            {
                return Read(doc.RootElement);
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException or KeyNotFoundException or OverflowException)
            {
                throw new ProgramLoadException($"malformed contract class JSON: {e.Message}");
            }
        }
    }

    private static CasmContractClass Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new ProgramLoadException("malformed contract class JSON: the top level must be an object");
        if (root.TryGetProperty("prime", out var prime))
        {
            string p = prime.GetString() ?? string.Empty;
            string digits = p.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? p[2..] : p;
            if (!string.Equals(digits.TrimStart('0'), CairoProgram.PrimeHex, StringComparison.OrdinalIgnoreCase))
            {
                throw new ProgramLoadException($"Unexpected prime for contract class: {p}");
            }
        }

        if (!root.TryGetProperty("bytecode", out var bc) || bc.ValueKind != JsonValueKind.Array)
        {
            throw new ProgramLoadException("malformed contract class JSON: missing array 'bytecode'");
        }
        var bytecode = new Felt[bc.GetArrayLength()];
        int i = 0;
        foreach (var w in bc.EnumerateArray())
        {
            string s = w.ValueKind == JsonValueKind.String ? w.GetString()! : w.GetRawText();
            if (!Felt.TryParse(s, out bytecode[i], out var err)) throw new ProgramLoadException($"malformed contract class JSON: bytecode[{i}] = '{s}': {err}");
            i++;
        }

        NestedIntList? lengths = null;
        if (root.TryGetProperty("bytecode_segment_lengths", out var bsl) && bsl.ValueKind != JsonValueKind.Null)
        {
            lengths = ReadNested(bsl, 0);
            if (lengths.Total() != bytecode.Length)
            {
                throw new ProgramLoadException($"malformed contract class JSON: bytecode_segment_lengths sum to {lengths.Total()}, the bytecode has {bytecode.Length} words");
            }
        }

        var hints = new Dictionary<int, JsonElement[]>();
        if (root.TryGetProperty("hints", out var h))
        {
            if (h.ValueKind != JsonValueKind.Array) throw new ProgramLoadException("malformed contract class JSON: 'hints' must be an array");
            foreach (var entry in h.EnumerateArray())
            {
                if (entry.ValueKind != JsonValueKind.Array || entry.GetArrayLength() != 2 || entry[0].ValueKind != JsonValueKind.Number || entry[1].ValueKind != JsonValueKind.Array)
                {
                    throw new ProgramLoadException("malformed contract class JSON: each hints entry must be [pc, [hint, …]]");
                }
                int pc = entry[0].GetInt32();
                if ((uint)pc >= (uint)bytecode.Length) throw new ProgramLoadException($"malformed contract class JSON: hint pc {pc} is outside the bytecode");
                var list = entry[1].EnumerateArray().Select(e => e.Clone()).ToArray();
                if (hints.TryGetValue(pc, out var existing)) list = [.. existing, .. list];
                hints[pc] = list;
            }
        }

        if (!root.TryGetProperty("entry_points_by_type", out var eps) || eps.ValueKind != JsonValueKind.Object)
        {
            throw new ProgramLoadException("malformed contract class JSON: missing object 'entry_points_by_type'");
        }
        string? version = root.TryGetProperty("compiler_version", out var cv) && cv.ValueKind == JsonValueKind.String ? cv.GetString() : null;
        return new CasmContractClass(bytecode, lengths, hints,
            ReadEntryPoints(eps, "EXTERNAL", bytecode.Length),
            ReadEntryPoints(eps, "L1_HANDLER", bytecode.Length),
            ReadEntryPoints(eps, "CONSTRUCTOR", bytecode.Length),
            version);
    }

    private static NestedIntList ReadNested(JsonElement e, int depth)
    {
        if (depth > 64) throw new ProgramLoadException("malformed contract class JSON: bytecode_segment_lengths is nested too deeply");
        if (e.ValueKind == JsonValueKind.Number)
        {
            int v = e.GetInt32();
            if (v < 0) throw new ProgramLoadException("malformed contract class JSON: negative bytecode segment length");
            return NestedIntList.Leaf(v);
        }
        if (e.ValueKind != JsonValueKind.Array) throw new ProgramLoadException("malformed contract class JSON: bytecode_segment_lengths must be an int or a list");
        return NestedIntList.Node(e.EnumerateArray().Select(c => ReadNested(c, depth + 1)).ToList());
    }

    private static List<CasmEntryPoint> ReadEntryPoints(JsonElement eps, string key, int bytecodeLength)
    {
        var list = new List<CasmEntryPoint>();
        if (!eps.TryGetProperty(key, out var arr)) return list;
        if (arr.ValueKind != JsonValueKind.Array) throw new ProgramLoadException($"malformed contract class JSON: entry_points_by_type.{key} must be an array");
        foreach (var ep in arr.EnumerateArray())
        {
            string sel = ep.GetProperty("selector").GetString() ?? string.Empty;
            if (!Felt.TryParse(sel, out var selector, out var err)) throw new ProgramLoadException($"malformed contract class JSON: {key} selector '{sel}': {err}");
            int offset = ep.GetProperty("offset").GetInt32();
            if ((uint)offset >= (uint)bytecodeLength) throw new ProgramLoadException($"malformed contract class JSON: {key} entry point offset {offset} is outside the bytecode");
            var builtins = new List<string>();
            if (ep.TryGetProperty("builtins", out var b))
            {
                foreach (var n in b.EnumerateArray()) builtins.Add(n.GetString() ?? throw new ProgramLoadException($"malformed contract class JSON: {key} builtin names must be strings"));
            }
            list.Add(new CasmEntryPoint(selector, offset, builtins));
        }
        return list;
    }
}
