using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cairn.Cairo.Tests.Oracle;

/// <summary>
/// andrewmilson/sandstorm's <c>example/pedersen</c> at commit 87dd9ac (Oracle/sandstorm/README.md):
/// hash2, a range check, <c>verify_ecdsa_signature</c> (hint <c>ecdsa_builtin.add_signature</c>) and
/// bitwise_and, with the output, pedersen, range_check, ecdsa and bitwise builtins, run by cairo-run
/// in cairo-lang 0.10's <c>perpetual_with_bitwise</c> layout. That layout is today's starknet layout
/// without poseidon (same ratios and diluted pool), which Cairn runs: every field matches but the
/// layout's name and the poseidon segment (the last one) that starknet adds.
/// </summary>
public class SandstormPedersenOracleTests
{
    private const string Dir = "sandstorm/";

    private static RunFiles Run() =>
        OracleFixture.Run(OracleFixture.ReadText(Dir + "pedersen-87dd9ac-main_compiled.json"), "starknet", proofMode: true, minSteps: 128);

    [Fact]
    public void Public_input_matches_cairo_run_field_by_field_in_the_starknet_layout_apart_from_poseidon_and_the_name()
    {
        var run = Run();
        var expected = JsonNode.Parse(OracleFixture.ReadText(Dir + "pedersen-87dd9ac-air-public-input.perpetual_with_bitwise.json"))!.AsObject();
        Assert.Equal("perpetual_with_bitwise", (string?)expected["layout"]);
        expected["layout"] = "starknet";
        OracleFixture.AssertPublicInputsEqual(JsonDocument.Parse(expected.ToJsonString()).RootElement, JsonDocument.Parse(run.PublicInput!).RootElement, onlyOurs: ["poseidon"]);
        // rc_min 32000 comes from the range-check builtin's value 0x7d00…7d00 (eight 16-bit limbs of 32000);
        // the public memory ends with the five returned stop pointers and the output cell Pedersen(1, 2).
        Assert.Equal(131072, run.Runner.Vm.Trace.Count);
    }

    [Fact]
    public void Private_input_matches_cairo_run_apart_from_poseidon()
    {
        var run = Run();
        var expected = OracleFixture.ReadJson(Dir + "pedersen-87dd9ac-air-private-input.perpetual_with_bitwise.json");
        var ours = JsonNode.Parse(run.PrivateInput!)!.AsObject();
        Assert.Equal("[]", ours["poseidon"]!.ToJsonString());
        ours.Remove("poseidon");
        OracleFixture.AssertPrivateInputsEqual(expected, JsonDocument.Parse(ours.ToJsonString()).RootElement);

        // With cairo-run's paths and without the poseidon key, the text is cairo-run's.
        string text = run.Runner.GetAirPrivateInput(expected.GetProperty("trace_path").GetString()!, expected.GetProperty("memory_path").GetString()!).ToJson();
        Assert.Equal(OracleFixture.ReadText(Dir + "pedersen-87dd9ac-air-private-input.perpetual_with_bitwise.json"), text.Replace(",\n    \"poseidon\": []", ""));
    }
}
