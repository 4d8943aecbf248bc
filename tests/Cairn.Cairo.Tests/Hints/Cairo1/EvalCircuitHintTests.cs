using Cairn.Cairo.Hints.Cairo1;
using Cairn.Cairo.Memory;
using Cairn.Primitives;
using static Cairn.Cairo.Tests.Hints.Cairo1.HintFixture;

namespace Cairn.Cairo.Tests.Hints.Cairo1;

public class EvalCircuitHintTests
{
    private static Felt F(ulong v) => Felt.FromUInt64(v);

    [Fact]
    public void Fills_the_circuit_values_through_the_mod_builtins()
    {
        // Circuit mod 97: c = a + b (add_mod), d = c * a (mul_mod), a = 50, b = 60.
        var f = new HintFixture();
        var m = f.Memory;
        var addMod = m.AddSegment();
        var mulMod = m.AddSegment();
        var values = m.AddSegment();
        var addOffsets = m.AddSegment();
        var mulOffsets = m.AddSegment();
        m.Load(values, [F(50), F(0), F(0), F(0), F(60), F(0), F(0), F(0)]);
        m.Load(addOffsets, [F(0), F(4), F(8)]);
        m.Load(mulOffsets, [F(8), F(0), F(12)]);
        m.Load(addMod, [F(97), F(0), F(0), F(0), values, addOffsets, F(1)]);
        m.Load(mulMod, [F(97), F(0), F(0), F(0), values, mulOffsets]);
        f.Set(Fp(-2), addMod);
        f.Set(Fp(-1), mulMod);

        f.Run(new EvalCircuitHint(Imm(1), D(Fp(-2)), Imm(1), D(Fp(-1))));

        Assert.Equal(F(13), m.GetFelt(values + 8));   // (50 + 60) mod 97
        Assert.Equal(F(68), m.GetFelt(values + 12));  // 13 * 50 mod 97
        for (int i = 1; i < 4; i++)
        {
            Assert.Equal(F(0), m.GetFelt(values.Add(8 + i)));
            Assert.Equal(F(0), m.GetFelt(values.Add(12 + i)));
        }
        Assert.Equal(F(1), m.GetFelt(mulMod + 6));      // mul_mod's n written by fill_memory
    }

    [Fact]
    public void Operands_must_be_addresses_and_small_counts()
    {
        var f = new HintFixture();
        f.Set(Fp(-1), F(5));
        Assert.Throws<Cairn.Cairo.Hints.HintException>(() => f.Run(new EvalCircuitHint(Imm(1), D(Fp(-1)), Imm(1), D(Fp(-1)))));
        var seg = f.Memory.AddSegment();
        f.Set(Fp(-2), seg);
        Assert.Throws<Cairn.Cairo.Hints.HintException>(() => f.Run(new EvalCircuitHint(Imm(-1), D(Fp(-2)), Imm(1), D(Fp(-2)))));
    }
}
