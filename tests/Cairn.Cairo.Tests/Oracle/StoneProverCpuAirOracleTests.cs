using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Cairn.Cairo.Tests.Oracle;

/// <summary>
/// starkware-libs/stone-prover's CPU AIR test input (Oracle/stone-prover/README.md): the public input,
/// trace.bin and memory.bin of a 4-instruction proof-mode program run by cairo-run in the plain
/// layout to 32 steps. The program JSON is not published; it is rebuilt from the public memory (the
/// program segment is public in proof mode), with <c>__start__</c> at pc 0 and <c>__end__</c> at the
/// final pc.
/// </summary>
public partial class StoneProverCpuAirOracleTests
{
    private const string Dir = "stone-prover/";

    private static JsonElement PublicInput => OracleFixture.ReadJson(Dir + "cpu_air_test_instructions_public_input.json");

    /// <summary>The bytes of the C string literal in a stone-prover <c>*.bin.h</c> test header, checked against its <c>make_span(data, N)</c>.</summary>
    internal static byte[] ReadCHeaderBytes(string relative)
    {
        string text = OracleFixture.ReadText(relative);
        var literal = DataLiteral().Match(text);
        Assert.True(literal.Success, $"{relative}: no 'static const char* data = \"…\"'");
        var bytes = new List<byte>();
        string s = literal.Groups[1].Value;
        for (int i = 0; i < s.Length; i += 4)
        {
            Assert.Equal("\\x", s.Substring(i, 2));
            bytes.Add(byte.Parse(s.AsSpan(i + 2, 2), NumberStyles.HexNumber));
        }
        var length = SpanLength().Match(text);
        Assert.True(length.Success);
        Assert.Equal(int.Parse(length.Groups[1].Value, CultureInfo.InvariantCulture), bytes.Count);
        return [.. bytes];
    }

    [GeneratedRegex("static const char\\* data = \"((?:\\\\x[0-9a-f]{2})*)\";")]
    private static partial Regex DataLiteral();

    [GeneratedRegex("make_span\\(data, (\\d+)\\)")]
    private static partial Regex SpanLength();

    private static RunFiles Run() => OracleFixture.Run(OracleFixture.ProgramFromPublicMemory(PublicInput), "plain", proofMode: true, minSteps: 32);

    [Fact]
    public void Trace_is_byte_identical_to_cairo_run()
    {
        OracleFixture.AssertTraceIdentical(ReadCHeaderBytes(Dir + "cpu_air_test_instructions_trace.bin.h"), Run().Trace);
    }

    [Fact]
    public void Memory_equals_cairo_run_and_is_byte_identical_because_first_write_order_is_address_order_here()
    {
        byte[] expected = ReadCHeaderBytes(Dir + "cpu_air_test_instructions_memory.bin.h");
        var run = Run();
        OracleFixture.AssertMemoryMapsEqual(expected, run.Memory);
        Assert.Equal(expected, run.Memory);
    }

    [Fact]
    public void Public_input_is_textually_identical_to_cairo_run()
    {
        var run = Run();
        string expected = OracleFixture.ReadText(Dir + "cpu_air_test_instructions_public_input.json");
        OracleFixture.AssertPublicInputsEqual(JsonDocument.Parse(expected).RootElement, JsonDocument.Parse(run.PublicInput!).RootElement);
        Assert.Equal(expected, run.PublicInput);
    }

    [Fact]
    public void The_run_takes_4_steps_and_pads_to_4_without_min_steps()
    {
        // [ap] = 0x11, ap++; ap += 10; [ap − 10] = 0; jmp rel 0 (__end__) once: 4 steps. The execution
        // segment's used size is 4 (cells 9..12, not up to the final ap 22); only cell 9 (the stack's
        // execution_base + 2) is never an operand, so 1 hole, and 4 steps already satisfy the plain
        // layout (8·4 − 8·4/4 − 4·4 = 8 ≥ 1 memory units; 13·4 ≥ 11 range-check units). cairo-run must
        // have been given --min_steps 32 (or --steps 32): both give these files.
        var run = OracleFixture.Run(OracleFixture.ProgramFromPublicMemory(PublicInput), "plain", proofMode: true);
        Assert.Equal(4, run.Runner.OriginalSteps);
        Assert.Equal(4, run.Runner.Vm.Trace.Count);
        Assert.Equal(1, run.Runner.GetMemoryHoles());
        byte[] expected = ReadCHeaderBytes(Dir + "cpu_air_test_instructions_trace.bin.h");
        Assert.True(expected.AsSpan(0, run.Trace.Length).SequenceEqual(run.Trace));
    }

    [Fact]
    public void The_stored_derived_program_is_the_one_rebuilt_from_the_public_input()
    {
        // program.derived.json (used by the `cairn run` test in Cairn.Node.Tests) is not fetched: it is this rebuild.
        Assert.True(JsonElement.DeepEquals(OracleFixture.ReadJson(Dir + "program.derived.json"), JsonDocument.Parse(OracleFixture.ProgramFromPublicMemory(PublicInput)).RootElement));
    }

    [Fact]
    public void Rebuilt_program_words_are_the_memory_files_program_cells()
    {
        byte[] memory = ReadCHeaderBytes(Dir + "cpu_air_test_instructions_memory.bin.h");
        var map = OracleFixture.MemoryMap(memory);
        var data = JsonDocument.Parse(OracleFixture.ProgramFromPublicMemory(PublicInput)).RootElement.GetProperty("data").EnumerateArray().ToList();
        for (int i = 0; i < data.Count; i++) Assert.Equal(data[i].GetString(), "0x" + map[(ulong)i + 1].ToString("x").TrimStart('0').PadLeft(1, '0'));
    }
}
