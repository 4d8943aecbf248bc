using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cairn.Cairo.Tests.Oracle;

/// <summary>
/// andrewmilson/sandstorm's <c>example/output</c> (Oracle/sandstorm/README.md): <c>main{output_ptr}</c>
/// writes 9 to the output builtin; cairo-run's public and private input of a proof-mode run in a layout
/// named "layout6" (output, pedersen ratio 32, range_check 16, ecdsa 2048: the ratios of the
/// perpetual layout). Covers what the other fixtures do not: a used builtin, its stop pointer among
/// the return values in the public memory, and the output segment's cells as public memory.
/// </summary>
public class SandstormOutputOracleTests
{
    private const string Dir = "sandstorm/";

    [Fact]
    public void Public_input_matches_cairo_run_field_by_field_in_the_perpetual_layout_apart_from_the_layouts_name()
    {
        var run = OracleFixture.Run(OracleFixture.ReadText(Dir + "output-main_compiled.json"), "perpetual", proofMode: true);
        var expected = JsonNode.Parse(OracleFixture.ReadText(Dir + "output-air-public-input.layout6.json"))!.AsObject();
        Assert.Equal("layout6", (string?)expected["layout"]);
        expected["layout"] = "perpetual";
        OracleFixture.AssertPublicInputsEqual(JsonDocument.Parse(expected.ToJsonString()).RootElement, JsonDocument.Parse(run.PublicInput!).RootElement);
        // The public memory: program 1..12, the stack [15, 0, output base 20] at 13..15, the returned
        // output stop pointer at 19 (= 21) and the output cell at 20 (= 9).
        Assert.Equal(2048, run.Runner.Vm.Trace.Count); // ecdsa: 2048 steps per instance
    }

    [Fact]
    public void Private_input_matches_cairo_run()
    {
        var run = OracleFixture.Run(OracleFixture.ReadText(Dir + "output-main_compiled.json"), "perpetual", proofMode: true);
        string expected = OracleFixture.ReadText(Dir + "output-air-private-input.layout6.json");
        OracleFixture.AssertPrivateInputsEqual(JsonDocument.Parse(expected).RootElement, JsonDocument.Parse(run.PrivateInput!).RootElement);
        var paths = JsonDocument.Parse(expected).RootElement;
        Assert.Equal(expected, run.Runner.GetAirPrivateInput(paths.GetProperty("trace_path").GetString()!, paths.GetProperty("memory_path").GetString()!).ToJson());
    }
}
