using System.Buffers.Binary;
using System.IO.Compression;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Cairn.Cairo.Layouts;
using Cairn.Cairo.Programs;
using Cairn.Cairo.Runners;
using Cairn.Testing;

namespace Cairn.Cairo.Tests.Oracle;

/// <summary>
/// Files written by cairo-run (cairo-lang's Python VM) and found in public repositories, stored under
/// tests/Cairn.Cairo.Tests/Oracle/ (see the README there for each file's origin), and the helpers that
/// run our VM the way <c>cairn run</c> does and compare its files with them.
/// </summary>
internal static class OracleFixture
{
    public const int TraceRecordSize = 24;
    public const int MemoryRecordSize = 40;

    public static string Dir => Path.Combine(ScureOracle.RepoRoot, "tests", "Cairn.Cairo.Tests", "Oracle");

    public static string PathOf(string relative) => Path.Combine(Dir, relative);

    /// <summary>A fixture's text; <c>.gz</c> files are decompressed.</summary>
    public static string ReadText(string relative) => Encoding.UTF8.GetString(ReadBytes(relative));

    public static byte[] ReadBytes(string relative)
    {
        string path = PathOf(relative);
        if (!path.EndsWith(".gz", StringComparison.Ordinal)) return File.ReadAllBytes(path);
        using var file = File.OpenRead(path);
        using var gz = new GZipStream(file, CompressionMode.Decompress);
        using var ms = new MemoryStream();
        gz.CopyTo(ms);
        return ms.ToArray();
    }

    public static JsonElement ReadJson(string relative) => JsonDocument.Parse(ReadText(relative)).RootElement.Clone();

    /// <summary>The bytes of a <c>{"hex": "…"}</c> dump of a binary file.</summary>
    public static byte[] ReadHexDump(string relative) => Convert.FromHexString(ReadJson(relative).GetProperty("hex").GetString()!);

    /// <summary>
    /// Runs <paramref name="programJson"/> as <c>cairn run</c> does (program JSON → <see cref="CairoProgram"/>,
    /// <see cref="CairoRunner.RunMain"/>, the output writers).
    /// </summary>
    public static RunFiles Run(string programJson, string layout, bool proofMode, long? minSteps = null, LayoutVariant variant = LayoutVariant.CairoLang)
    {
        var program = CairoProgram.Parse(programJson);
        var runner = new CairoRunner(program, new CairoRunOptions
        {
            Layout = Layout.Get(layout, variant),
            ProofMode = proofMode,
            MinSteps = minSteps,
            RecordTrace = true,
        });
        runner.RunMain();
        using var trace = new MemoryStream();
        runner.WriteTrace(trace);
        using var memory = new MemoryStream();
        runner.WriteMemory(memory);
        string? pub = null, priv = null;
        if (proofMode)
        {
            pub = runner.GetAirPublicInput().ToJson();
            priv = runner.GetAirPrivateInput("/trace.bin", "/memory.bin").ToJson();
        }
        return new RunFiles(runner, trace.ToArray(), memory.ToArray(), pub, priv);
    }

    /// <summary>
    /// The program JSON rebuilt from the public input: the words at program.begin_addr up to the
    /// execution segment's first cell (execution.begin_addr − 2, the proof-mode stack's two cells),
    /// <c>__end__</c> = program.stop_ptr − program.begin_addr.
    /// </summary>
    public static string ProgramFromPublicMemory(JsonElement publicInput)
    {
        var segments = publicInput.GetProperty("memory_segments");
        long programBegin = segments.GetProperty("program").GetProperty("begin_addr").GetInt64();
        long end = segments.GetProperty("program").GetProperty("stop_ptr").GetInt64() - programBegin;
        long executionBase = segments.GetProperty("execution").GetProperty("begin_addr").GetInt64() - 2;
        var words = publicInput.GetProperty("public_memory").EnumerateArray()
            .Where(e => e.GetProperty("address").GetInt64() >= programBegin && e.GetProperty("address").GetInt64() < executionBase)
            .OrderBy(e => e.GetProperty("address").GetInt64())
            .Select(e => e.GetProperty("value").GetString()!)
            .ToList();
        Assert.Equal(executionBase - programBegin, words.Count);
        var program = new
        {
            prime = "0x800000000000011000000000000000000000000000000000000000000000001",
            data = words,
            builtins = Array.Empty<string>(),
            hints = new Dictionary<string, object>(),
            identifiers = new Dictionary<string, object>
            {
                ["__main__.__start__"] = new { pc = 0, type = "label" },
                ["__main__.__end__"] = new { pc = end, type = "label" },
            },
            main_scope = "__main__",
            reference_manager = new { references = Array.Empty<object>() },
            attributes = Array.Empty<object>(),
            debug_info = (object?)null,
        };
        return JsonSerializer.Serialize(program);
    }

    /// <summary>
    /// trace.bin records (ap, fp, pc). Used only for readable failure messages: the comparison
    /// itself is on bytes.
    /// </summary>
    public static (ulong Ap, ulong Fp, ulong Pc)[] TraceEntries(byte[] trace)
    {
        Assert.Equal(0, trace.Length % TraceRecordSize);
        var entries = new (ulong, ulong, ulong)[trace.Length / TraceRecordSize];
        for (int i = 0; i < entries.Length; i++)
        {
            var r = trace.AsSpan(i * TraceRecordSize, TraceRecordSize);
            entries[i] = (BinaryPrimitives.ReadUInt64LittleEndian(r), BinaryPrimitives.ReadUInt64LittleEndian(r[8..]), BinaryPrimitives.ReadUInt64LittleEndian(r[16..]));
        }
        return entries;
    }

    /// <summary>Asserts byte identity; on a difference names the first differing step.</summary>
    public static void AssertTraceIdentical(byte[] expected, byte[] actual)
    {
        if (expected.AsSpan().SequenceEqual(actual)) return;
        var e = TraceEntries(expected);
        var a = TraceEntries(actual);
        for (int i = 0; i < Math.Min(e.Length, a.Length); i++)
        {
            Assert.True(e[i] == a[i], $"trace step {i}: cairo-run (ap, fp, pc) = {e[i]}, ours = {a[i]}");
        }
        Assert.Fail($"trace lengths differ: cairo-run {e.Length} steps, ours {a.Length}");
    }

    /// <summary>The addresses of memory.bin's records, in file order.</summary>
    public static ulong[] MemoryAddresses(byte[] memory)
    {
        Assert.Equal(0, memory.Length % MemoryRecordSize);
        var addresses = new ulong[memory.Length / MemoryRecordSize];
        for (int i = 0; i < addresses.Length; i++) addresses[i] = BinaryPrimitives.ReadUInt64LittleEndian(memory.AsSpan(i * MemoryRecordSize));
        return addresses;
    }

    /// <summary>memory.bin as an address → value map; a repeated address is a malformed file.</summary>
    public static SortedDictionary<ulong, BigInteger> MemoryMap(byte[] memory)
    {
        var map = new SortedDictionary<ulong, BigInteger>();
        var addresses = MemoryAddresses(memory);
        for (int i = 0; i < addresses.Length; i++)
        {
            var value = new BigInteger(memory.AsSpan(i * MemoryRecordSize + 8, 32), isUnsigned: true, isBigEndian: false);
            Assert.True(map.TryAdd(addresses[i], value), $"memory.bin repeats address {addresses[i]}");
        }
        return map;
    }

    public static void AssertMemoryMapsEqual(byte[] expected, byte[] actual)
    {
        var e = MemoryMap(expected);
        var a = MemoryMap(actual);
        foreach (var (address, value) in e)
        {
            Assert.True(a.TryGetValue(address, out var ours), $"memory: cairo-run has [{address}] = 0x{value:x}, ours has no cell there");
            Assert.True(value == ours, $"memory: [{address}] is 0x{value:x} in cairo-run's file, 0x{ours:x} in ours");
        }
        foreach (var address in a.Keys) Assert.True(e.ContainsKey(address), $"memory: ours has [{address}] = 0x{a[address]:x}, cairo-run's file has no cell there");
    }

    /// <summary>
    /// The public inputs compared field by field: layout, rc_min, rc_max, n_steps, every
    /// memory_segments entry (in order) with begin_addr and stop_ptr, every public_memory entry
    /// (in order) with address, value (as a number) and page, and dynamic_params. cairo-lang before
    /// 0.11 wrote the last as <c>layout_params</c>. <paramref name="onlyOurs"/>: segments our layout has
    /// and the producer's did not (they must come after every common one); <paramref name="anySegmentOrder"/>:
    /// the producer wrote memory_segments from a hash map (lambdaclass/cairo-vm).
    /// </summary>
    public static void AssertPublicInputsEqual(JsonElement expected, JsonElement actual, IReadOnlyCollection<string>? onlyOurs = null, bool anySegmentOrder = false)
    {
        Assert.Equal(expected.GetProperty("layout").GetString(), actual.GetProperty("layout").GetString());
        foreach (var key in new[] { "rc_min", "rc_max", "n_steps" })
        {
            Assert.True(expected.GetProperty(key).GetInt64() == actual.GetProperty(key).GetInt64(),
                $"{key}: cairo-run {expected.GetProperty(key)}, ours {actual.GetProperty(key)}");
        }

        var es = expected.GetProperty("memory_segments").EnumerateObject().ToList();
        var @as = actual.GetProperty("memory_segments").EnumerateObject().ToList();
        if (onlyOurs is not null)
        {
            Assert.Equal(onlyOurs, @as.Skip(@as.Count - onlyOurs.Count).Select(p => p.Name));
            @as = @as.Take(@as.Count - onlyOurs.Count).ToList();
        }
        if (anySegmentOrder) es = es.OrderBy(p => @as.FindIndex(a => a.Name == p.Name) is var i && i < 0 ? int.MaxValue : i).ToList();
        Assert.Equal(es.Select(p => p.Name), @as.Select(p => p.Name));
        for (int i = 0; i < es.Count; i++)
        {
            foreach (var key in new[] { "begin_addr", "stop_ptr" })
            {
                long e = es[i].Value.GetProperty(key).GetInt64(), a = @as[i].Value.GetProperty(key).GetInt64();
                Assert.True(e == a, $"memory_segments.{es[i].Name}.{key}: cairo-run {e}, ours {a}");
            }
        }

        var ep = expected.GetProperty("public_memory").EnumerateArray().ToList();
        var ap = actual.GetProperty("public_memory").EnumerateArray().ToList();
        for (int i = 0; i < Math.Min(ep.Count, ap.Count); i++)
        {
            var e = (ep[i].GetProperty("address").GetInt64(), ParseHex(ep[i].GetProperty("value").GetString()!), ep[i].GetProperty("page").GetInt64());
            var a = (ap[i].GetProperty("address").GetInt64(), ParseHex(ap[i].GetProperty("value").GetString()!), ap[i].GetProperty("page").GetInt64());
            Assert.True(e == a, $"public_memory[{i}] (address, value, page): cairo-run {e}, ours {a}");
        }
        Assert.Equal(ep.Count, ap.Count);

        var dynamic = expected.TryGetProperty("dynamic_params", out var d) ? d : expected.GetProperty("layout_params");
        Assert.Equal(dynamic.GetRawText(), actual.GetProperty("dynamic_params").GetRawText());
    }

    /// <summary>
    /// The private inputs compared as parsed JSON after blanking trace_path and memory_path (the
    /// absolute paths of the machine that ran cairo-run).
    /// </summary>
    public static void AssertPrivateInputsEqual(JsonElement expected, JsonElement actual)
    {
        var e = expected.EnumerateObject().Where(p => p.Name is not ("trace_path" or "memory_path")).ToList();
        var a = actual.EnumerateObject().Where(p => p.Name is not ("trace_path" or "memory_path")).ToList();
        Assert.Equal(e.Select(p => p.Name), a.Select(p => p.Name));
        for (int i = 0; i < e.Count; i++) Assert.True(JsonElement.DeepEquals(e[i].Value, a[i].Value), $"private input '{e[i].Name}' differs");
        Assert.True(expected.TryGetProperty("trace_path", out _) && actual.TryGetProperty("trace_path", out _));
        Assert.True(expected.TryGetProperty("memory_path", out _) && actual.TryGetProperty("memory_path", out _));
    }

    private static BigInteger ParseHex(string hex)
    {
        Assert.StartsWith("0x", hex);
        return BigInteger.Parse("0" + hex[2..], System.Globalization.NumberStyles.HexNumber);
    }
}
