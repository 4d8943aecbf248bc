using Cairn.Cairo.Hints;
using Cairn.Cairo.Hints.Cairo1;
using Cairn.Cairo.Memory;
using Cairn.Primitives;
using static Cairn.Cairo.Tests.Hints.Cairo1.HintFixture;

namespace Cairn.Cairo.Tests.Hints.Cairo1;

public class ResOperandTests
{
    [Fact]
    public void CellRef_addresses_are_relative_to_ap_or_fp()
    {
        var f = new HintFixture();
        Assert.Equal(new Relocatable(1, 17), Ap(-3).Address(f.Context));
        Assert.Equal(new Relocatable(1, 14), Fp(4).Address(f.Context));
    }

    [Fact]
    public void Evaluates_deref_double_deref_immediate_and_binops()
    {
        var f = new HintFixture();
        var data = f.Memory.AddSegment();
        f.Memory.Insert(data.Add(5), Felt.FromUInt64(99));
        f.Set(Ap(0), data);
        f.Set(Ap(1), Felt.FromUInt64(7));
        f.Set(Fp(-1), Felt.FromUInt64(6));

        Assert.Equal(Felt.FromUInt64(7), D(Ap(1)).GetFelt(f.Context));
        Assert.Equal(new MaybeRelocatable(data), D(Ap(0)).GetValue(f.Context));
        Assert.Equal(Felt.FromUInt64(99), ResOperand.DoubleDeref(Ap(0), 5).GetFelt(f.Context));
        Assert.Equal(Felt.FromUInt64(42), Imm(42).GetFelt(f.Context));
        Assert.Equal(Felt.FromUInt64(13), ResOperand.BinOp(BinOpKind.Add, Ap(1), Fp(-1)).GetFelt(f.Context));
        Assert.Equal(Felt.FromUInt64(42), ResOperand.BinOp(BinOpKind.Mul, Ap(1), Felt.FromUInt64(6)).GetFelt(f.Context));
        Assert.Equal(-Felt.One, ResOperand.BinOp(BinOpKind.Add, Fp(-1), -Felt.FromUInt64(7)).GetFelt(f.Context));
        // Add works on an address (get_maybe / extract_relocatable); negative immediates move back.
        Assert.Equal(data.Add(3), ResOperand.BinOp(BinOpKind.Add, Ap(0), Felt.FromUInt64(3)).GetAddress(f.Context));
        Assert.Equal(data.Add(8), ResOperand.BinOp(BinOpKind.Add, Ap(0), Ap(1)).GetAddress(f.Context).Add(1));
    }

    [Fact]
    public void Type_errors_are_reported()
    {
        var f = new HintFixture();
        var data = f.Memory.AddSegment();
        f.Set(Ap(0), data);
        f.Set(Ap(1), Felt.FromUInt64(7));
        Assert.Throws<MemoryException>(() => D(Ap(0)).GetFelt(f.Context));
        Assert.Throws<HintException>(() => D(Ap(1)).GetAddress(f.Context));
        Assert.Throws<HintException>(() => Imm(1).GetAddress(f.Context));
        Assert.Throws<HintException>(() => ResOperand.BinOp(BinOpKind.Mul, Ap(0), Felt.One).GetValue(f.Context));
        Assert.Throws<MemoryException>(() => D(Ap(5)).GetFelt(f.Context)); // unset cell
    }

    [Fact]
    public void Renders_like_the_compiler()
    {
        Assert.Equal("[ap + -1]", Ap(-1).ToString());
        Assert.Equal("[fp + 3] + 0x5", ResOperand.BinOp(BinOpKind.Add, Fp(3), Felt.FromUInt64(5)).ToString());
        Assert.Equal("[[ap + 0] + 2]", ResOperand.DoubleDeref(Ap(0), 2).ToString());
    }
}
