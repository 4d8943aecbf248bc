using System.Text.Json;
using Cairn.Cairo.Layouts;

namespace Cairn.Cairo.Tests.Oracle;

/// <summary>
/// lana-shanghai/proving's Fibonacci run (Oracle/lana-shanghai-proving/README.md): the AIR public and
/// private input written by lambdaclass/cairo-vm (not cairo-run: 2-space indentation, hash-map key
/// order, no final newline) for a hint-free 30-word program in proof mode with <c>--layout all_cairo</c>.
/// That cairo-vm's all_cairo had no range_check96, add_mod and mul_mod yet; ours has them (after
/// poseidon, so every common segment is at the same address), which is the only difference.
/// </summary>
public class CairoVmFibonacciOracleTests
{
    private const string Dir = "lana-shanghai-proving/";

    private static readonly string[] NewerBuiltins = ["range_check96", "add_mod", "mul_mod"];

    private static RunFiles Run() =>
        OracleFixture.Run(OracleFixture.ProgramFromPublicMemory(OracleFixture.ReadJson(Dir + "fibonacci_public_input.json")), "all_cairo", proofMode: true,
            variant: LayoutVariant.LambdaclassCairoVm);

    [Fact]
    public void Public_input_matches_cairo_vm_field_by_field_apart_from_the_builtins_its_all_cairo_lacked()
    {
        var run = Run();
        var ours = JsonDocument.Parse(run.PublicInput!).RootElement;
        OracleFixture.AssertPublicInputsEqual(OracleFixture.ReadJson(Dir + "fibonacci_public_input.json"), ours, onlyOurs: NewerBuiltins, anySegmentOrder: true);
        // keccak's 16 instances per component need 2048 · 16 steps in all_cairo.
        Assert.Equal(32768, run.Runner.Vm.Trace.Count);
    }

    [Fact]
    public void Private_input_matches_cairo_vm_apart_from_the_builtins_its_all_cairo_lacked()
    {
        var run = Run();
        var expected = OracleFixture.ReadJson(Dir + "fibonacci_private_input.json");
        var ours = JsonDocument.Parse(run.PrivateInput!).RootElement;
        var names = ours.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(NewerBuiltins, names.Skip(names.Count - NewerBuiltins.Length));
        foreach (var p in expected.EnumerateObject())
        {
            if (p.Name is "trace_path" or "memory_path") continue;
            Assert.True(JsonElement.DeepEquals(p.Value, ours.GetProperty(p.Name)), $"private input '{p.Name}' differs");
        }
        Assert.Equal(expected.EnumerateObject().Select(p => p.Name), names.Take(names.Count - NewerBuiltins.Length));
    }
}
