using System.Text.Json;

namespace Cairn.Cairo.Tests.Oracle;

/// <summary>
/// andrewmilson/sandstorm's example: <c>array-sum.cairo</c> (cairo-compile --proof_mode, one hint
/// <c>memory[ap] = segments.add()</c>) and the files cairo-run wrote for it (Oracle/sandstorm/README.md):
/// the AIR public and private input of <c>--proof_mode --layout recursive --min_steps 128</c>, an older
/// public input of the same program with <c>--layout starknet</c>, and trace.bin/memory.bin of a
/// <c>--layout plain --min_steps 128</c> run.
/// </summary>
public class SandstormArraySumOracleTests
{
    private const string Dir = "sandstorm/";

    private static string Program => OracleFixture.ReadText(Dir + "array-sum.json");

    [Fact]
    public void Recursive_layout_public_input_is_textually_identical_to_cairo_run()
    {
        var run = OracleFixture.Run(Program, "recursive", proofMode: true, minSteps: 128);
        string expected = OracleFixture.ReadText(Dir + "air-public-input.recursive.json");
        OracleFixture.AssertPublicInputsEqual(JsonDocument.Parse(expected).RootElement, JsonDocument.Parse(run.PublicInput!).RootElement);
        Assert.Equal(expected, run.PublicInput);
        // 40 steps to __end__ and the extra jmp rel 0, padded to 16384 by the diluted pool: 16 units
        // per step − bitwise's 68 units per 8 steps must reach 2^16, i.e. 7.5·steps ≥ 65536 → 8738
        // steps → the next power of two.
        Assert.Equal(41, run.Runner.OriginalSteps);
        Assert.Equal(16384, run.Runner.Vm.Trace.Count);
    }

    [Fact]
    public void Recursive_layout_public_input_does_not_depend_on_min_steps_below_the_padding()
    {
        var run = OracleFixture.Run(Program, "recursive", proofMode: true);
        Assert.Equal(OracleFixture.ReadText(Dir + "air-public-input.recursive.json"), run.PublicInput);
    }

    [Fact]
    public void Recursive_layout_private_input_matches_cairo_run()
    {
        var run = OracleFixture.Run(Program, "recursive", proofMode: true, minSteps: 128);
        string expected = OracleFixture.ReadText(Dir + "air-private-input.recursive.json");
        OracleFixture.AssertPrivateInputsEqual(JsonDocument.Parse(expected).RootElement, JsonDocument.Parse(run.PrivateInput!).RootElement);
        // With cairo-run's paths the text is identical too.
        var paths = JsonDocument.Parse(expected).RootElement;
        string ours = run.Runner.GetAirPrivateInput(paths.GetProperty("trace_path").GetString()!, paths.GetProperty("memory_path").GetString()!).ToJson();
        Assert.Equal(expected, ours);
    }

    [Fact]
    public void Starknet_layout_public_input_matches_cairo_run_field_by_field()
    {
        // An older cairo-lang wrote this file: its keys are in another order ("layout_params" for
        // "dynamic_params", stop_ptr before begin_addr, page/value/address), so only the parsed
        // content can be equal; ours is written in the current cairo-run order.
        var run = OracleFixture.Run(Program, "starknet", proofMode: true, minSteps: 128);
        OracleFixture.AssertPublicInputsEqual(OracleFixture.ReadJson(Dir + "air-public-input.starknet.json"), JsonDocument.Parse(run.PublicInput!).RootElement);
        // The diluted pool again: 2 units/step − bitwise's 68 per 64 steps ≥ 2^16 → 69906 steps → 131072.
        Assert.Equal(131072, run.Runner.Vm.Trace.Count);
    }

    [Fact]
    public void Plain_layout_trace_is_byte_identical_to_cairo_run()
    {
        var run = OracleFixture.Run(Program, "plain", proofMode: true, minSteps: 128);
        OracleFixture.AssertTraceIdentical(OracleFixture.ReadHexDump(Dir + "trace.json"), run.Trace);
    }

    [Fact]
    public void Plain_layout_memory_equals_cairo_run_as_an_address_value_map()
    {
        var run = OracleFixture.Run(Program, "plain", proofMode: true, minSteps: 128);
        byte[] expected = OracleFixture.ReadHexDump(Dir + "memory.json");
        OracleFixture.AssertMemoryMapsEqual(expected, run.Memory);

        // cairo-run writes the cells in the order they were first written (a Python dict), so the
        // array that alloc() placed at 76..78 is interleaved with the execution segment; ours are in
        // address order (as the Rust VM writes them), which the issue accepts.
        var theirs = OracleFixture.MemoryAddresses(expected);
        Assert.Equal([49UL, 50, 76, 51, 77, 52, 78, 53], theirs[48..56]);
        Assert.Equal(theirs.Order(), OracleFixture.MemoryAddresses(run.Memory));
    }

    [Fact]
    public void Without_min_steps_the_plain_run_is_the_first_64_steps_of_cairo_runs_trace()
    {
        // 41 steps pad to 64 in the plain layout; cairo-run was given --min_steps 128.
        var run = OracleFixture.Run(Program, "plain", proofMode: true);
        byte[] expected = OracleFixture.ReadHexDump(Dir + "trace.json");
        Assert.Equal(64 * OracleFixture.TraceRecordSize, run.Trace.Length);
        Assert.True(expected.AsSpan(0, run.Trace.Length).SequenceEqual(run.Trace));
    }
}
