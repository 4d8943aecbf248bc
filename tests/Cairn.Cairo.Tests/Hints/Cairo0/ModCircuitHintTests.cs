using Cairn.Cairo.Builtins;
using Cairn.Cairo.Hints.Cairo0;
using Cairn.Primitives;

namespace Cairn.Cairo.Tests.Hints.Cairo0;

public sealed class ModCircuitHintTests
{
    [Fact]
    public void Run_p_circuit_fills_an_add_mod_operation()
    {
        var t = new HintTester();
        var add = new ModBuiltinRunner("add_mod");
        var mul = new ModBuiltinRunner("mul_mod");
        add.InitializeSegments(t.Memory);
        mul.InitializeSegments(t.Memory);
        t.Context.Builtins = [t.RangeCheck!, add, mul];
        var values = t.Memory.AddSegment();
        var offsets = t.Memory.AddSegment();
        // p = 7; a = 3 at values[0..4], b = 5 at values[4..8], c unknown at values[8..12].
        t.Set(add.Base, 7);
        for (int i = 1; i < 4; i++) t.Set(add.Base.Add(i), 0);
        t.Set(add.Base.Add(4), values);
        t.Set(add.Base.Add(5), offsets);
        t.Set(add.Base.Add(6), 1);
        t.Set(values, 3);
        t.Set(values.Add(4), 5);
        for (int i = 1; i < 4; i++)
        {
            t.Set(values.Add(i), 0);
            t.Set(values.Add(4 + i), 0);
        }
        t.Set(offsets, 0);
        t.Set(offsets.Add(1), 4);
        t.Set(offsets.Add(2), 8);
        t.PointerRef("add_mod_ptr", "m.ModBuiltin*", -4, add.Base).Felt("add_mod_n", -3, 1)
            .PointerRef("mul_mod_ptr", "m.ModBuiltin*", -2, mul.Base).Felt("mul_mod_n", -1, 0);
        t.Run(ModCircuitHints.RunPCircuit);
        Assert.Equal(Felt.One, t.FeltAt(values.Add(8)));

        var missing = new HintTester().PointerRef("add_mod_ptr", "m.ModBuiltin*", -4, t.Execution).Felt("add_mod_n", -3, 1)
            .PointerRef("mul_mod_ptr", "m.ModBuiltin*", -2, t.Execution).Felt("mul_mod_n", -1, 0);
        Assert.Contains("add_mod", missing.Fails(ModCircuitHints.RunPCircuit).Message);
    }
}
