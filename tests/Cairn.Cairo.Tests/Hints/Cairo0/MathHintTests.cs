using System.Numerics;
using Cairn.Cairo.Hints.Cairo0;
using Cairn.Primitives;

namespace Cairn.Cairo.Tests.Hints.Cairo0;

public sealed class MathHintTests
{
    [Fact]
    public void ToFelt_of_a_long_is_the_integer_modulo_P()
    {
        var rnd = new Random(3);
        var values = new List<long> { 0, 1, -1, long.MaxValue, long.MinValue, long.MinValue + 1 };
        for (int i = 0; i < 1000; i++) values.Add(rnd.NextInt64(long.MinValue, long.MaxValue));
        foreach (long v in values) Assert.Equal(HintMath.ToFelt(new BigInteger(v)), HintMath.ToFelt(v));
    }

    private static readonly BigInteger P = Felt.Modulus;
    private static readonly BigInteger Bound = BigInteger.One << 128;

    private static BigInteger Random(Random rng, int bits)
    {
        var bytes = new byte[(bits + 7) / 8 + 1];
        rng.NextBytes(bytes);
        bytes[^1] = 0;
        var v = new BigInteger(bytes) & ((BigInteger.One << bits) - 1);
        return v % P;
    }

    private static BigInteger RandomInteresting(Random rng) => rng.Next(6) switch
    {
        0 => Random(rng, 8),
        1 => Random(rng, 128),
        2 => Bound - 1 + rng.Next(3),
        3 => P - 1 - Random(rng, 64),
        4 => P - Bound + rng.Next(3) - 1,
        _ => Random(rng, 252),
    };

    [Fact]
    public void Is_nn_and_variants_match_bigint()
    {
        var rng = new Random(1);
        for (int i = 0; i < 200; i++)
        {
            var a = RandomInteresting(rng);
            var b = RandomInteresting(rng);
            var t = new HintTester().Felt("a", -4, a).Felt("b", -3, b);
            t.Run(MathHints.IsNn);
            Assert.Equal(a < Bound ? 0 : 1, (int)t.IntAt(t.Ap));

            t = new HintTester().Felt("a", -4, a);
            t.Run(MathHints.IsNnOutOfRange);
            Assert.Equal(((-a - 1) % P + P) % P < Bound ? 0 : 1, (int)t.IntAt(t.Ap));

            t = new HintTester().Felt("a", -4, a).Felt("b", -3, b);
            t.Run(MathHints.IsLeFelt);
            Assert.Equal(a <= b ? 0 : 1, (int)t.IntAt(t.Ap));
        }
    }

    [Fact]
    public void Is_nn_needs_the_range_check_builtin()
    {
        var t = new HintTester(withRangeCheck: false).Felt("a", -4, 1);
        Assert.Contains("range_check", t.Fails(MathHints.IsNn).Message);
    }

    [Fact]
    public void Assert_nn_and_not_zero()
    {
        new HintTester().Felt("a", -3, Bound - 1).Run(MathHints.AssertNn);
        Assert.Equal($"a = {Bound} is out of range.", new HintTester().Felt("a", -3, Bound).Fails(MathHints.AssertNn).Message);
        new HintTester().Felt("value", -3, 5).Run(MathHints.AssertNotZero);
        Assert.Equal("assert_not_zero failed: 0 = 0.", new HintTester().Felt("value", -3, 0).Fails(MathHints.AssertNotZero).Message);
        var t = new HintTester();
        t.Ref("a", "[cast(fp + (-3), felt*)]");
        t.Set(t.Fp.Add(-3), t.Execution);
        Assert.Equal("Expected integer, found: 1:0.", t.Fails(MathHints.AssertNn).Message);
    }

    [Fact]
    public void Assert_not_equal()
    {
        new HintTester().Felt("a", -4, 1).Felt("b", -3, 2).Run(MathHints.AssertNotEqual);
        Assert.Equal("assert_not_equal failed: 3 = 3.", new HintTester().Felt("a", -4, 3).Felt("b", -3, 3).Fails(MathHints.AssertNotEqual).Message);
        var t = new HintTester().Ref("a", "[cast(fp + (-4), felt*)]").Ref("b", "[cast(fp + (-3), felt*)]");
        t.Set(t.Fp.Add(-4), t.Execution.Add(1));
        t.Set(t.Fp.Add(-3), 5);
        Assert.Contains("non-comparable", t.Fails(MathHints.AssertNotEqual).Message);
        t = new HintTester().Ref("a", "[cast(fp + (-4), felt*)]").Ref("b", "[cast(fp + (-3), felt*)]");
        t.Set(t.Fp.Add(-4), t.Execution.Add(1));
        t.Set(t.Fp.Add(-3), t.Execution.Add(2));
        t.Run(MathHints.AssertNotEqual);
    }

    [Fact]
    public void Assert_le_felt_arcs_and_excluded()
    {
        var rng = new Random(2);
        BigInteger p3High = (P / 3) >> 128, p2High = (P / 2) >> 128;
        for (int i = 0; i < 50; i++)
        {
            var x = RandomInteresting(rng);
            var y = RandomInteresting(rng);
            var (a, b) = x <= y ? (x, y) : (y, x);
            var t = new HintTester().Felt("a", -5, a).Felt("b", -4, b).Const("PRIME_OVER_3_HIGH", p3High).Const("PRIME_OVER_2_HIGH", p2High);
            t.Ref("range_check_ptr", "[cast(fp + (-3), felt*)]");
            t.Set(t.Fp.Add(-3), t.RangeCheck!.Base);
            t.Run(MathHints.AssertLeFelt);
            var arcs = new[] { (a, 0), (b - a, 1), (P - 1 - b, 2) }.OrderBy(z => z.Item1).ThenBy(z => z.Item2).ToArray();
            var rc = t.RangeCheck.Base;
            Assert.Equal(arcs[0].Item1 % p3High, t.IntAt(rc));
            Assert.Equal(arcs[0].Item1 / p3High, t.IntAt(rc.Add(1)));
            Assert.Equal(arcs[1].Item1 % p2High, t.IntAt(rc.Add(2)));
            Assert.Equal(arcs[1].Item1 / p2High, t.IntAt(rc.Add(3)));
            int excluded = arcs[2].Item2;
            Assert.Equal(excluded, t.Context.Scopes.Get<int>("excluded"));
            t.Run(MathHints.AssertLeFeltExcluded0);
            Assert.Equal(excluded != 0 ? 1 : 0, (int)t.IntAt(t.Ap));
            if (excluded == 2) t.Run(MathHints.AssertLeFeltExcluded2);
            else t.Fails(MathHints.AssertLeFeltExcluded2);
        }
        var bad = new HintTester().Felt("a", -5, 5).Felt("b", -4, 4);
        Assert.Equal("a = 5 is not less than or equal to b = 4.", bad.Fails(MathHints.AssertLeFelt).Message);
    }

    [Fact]
    public void Assert_le_felt_old_versions_and_lt()
    {
        new HintTester().Felt("a", -4, 4).Felt("b", -3, 4).Run(MathHints.AssertLeFeltV06);
        Assert.Equal("a = 5 is not less than or equal to b = 4.", new HintTester().Felt("a", -4, 5).Felt("b", -3, 4).Fails(MathHints.AssertLeFeltV06).Message);
        var t = new HintTester().Felt("a", -4, 4).Felt("b", -3, Bound + 10).Felt("small_inputs", -2);
        t.Run(MathHints.AssertLeFeltV08);
        Assert.Equal(Felt.Zero, t.FeltAt(t.Fp.Add(-2)));
        t = new HintTester().Felt("a", -4, 4).Felt("b", -3, 9).Felt("small_inputs", -2);
        t.Run(MathHints.AssertLeFeltV08);
        Assert.Equal(Felt.One, t.FeltAt(t.Fp.Add(-2)));
        new HintTester().Felt("a", -4, 3).Felt("b", -3, 4).Run(MathHints.AssertLtFelt);
        Assert.Equal("a = 4 is not less than b = 4.", new HintTester().Felt("a", -4, 4).Felt("b", -3, 4).Fails(MathHints.AssertLtFelt).Message);
    }

    [Fact]
    public void Is_positive()
    {
        var t = new HintTester().Felt("value", -4, P - 5).Felt("is_positive", -3);
        t.Run(MathHints.IsPositive);
        Assert.Equal(Felt.Zero, t.FeltAt(t.Fp.Add(-3)));
        t = new HintTester().Felt("value", -4, 5).Felt("is_positive", -3);
        t.Run(MathHints.IsPositive);
        Assert.Equal(Felt.One, t.FeltAt(t.Fp.Add(-3)));
        Assert.Contains("out of the valid range", new HintTester().Felt("value", -4, Bound).Felt("is_positive", -3).Fails(MathHints.IsPositive).Message);
    }

    [Fact]
    public void Split_and_bit_hints_match_bigint()
    {
        var rng = new Random(3);
        BigInteger maxHigh = (P - 1) >> 128, maxLow = (P - 1) & (Bound - 1);
        for (int i = 0; i < 100; i++)
        {
            var v = RandomInteresting(rng);
            var t = new HintTester().Felt("value", -3, v).Felt("low", -2).Felt("high", -1).Const("MAX_HIGH", maxHigh).Const("MAX_LOW", maxLow);
            t.Run(MathHints.SplitFelt);
            Assert.Equal(v & (Bound - 1), t.IntAt(t.Fp.Add(-2)));
            Assert.Equal(v >> 128, t.IntAt(t.Fp.Add(-1)));

            t = new HintTester().Felt("a", -3, v).Felt("low", -2).Felt("high", -1);
            t.Run(MathHints.Split64);
            Assert.Equal(v & ulong.MaxValue, t.IntAt(t.Fp.Add(-2)));
            Assert.Equal(v >> 64, t.IntAt(t.Fp.Add(-1)));

            t = new HintTester().Felt("x", -3, v).Felt("bit_length", -2);
            t.Run(MathHints.GetFeltBitLength);
            Assert.Equal((long)v.GetBitLength(), (long)t.IntAt(t.Fp.Add(-2)));

            t = new HintTester().Felt("addr", -3, v).Felt("is_250", -2);
            t.Run(MathHints.Is250Bits);
            Assert.Equal(v < (BigInteger.One << 250) ? 1 : 0, (int)t.IntAt(t.Fp.Add(-2)));
        }
        var bad = new HintTester().Felt("value", -3, 1).Felt("low", -2).Felt("high", -1).Const("MAX_HIGH", maxHigh).Const("MAX_LOW", maxLow + 1);
        Assert.Contains("PRIME - 1", bad.Fails(MathHints.SplitFelt).Message);
    }

    [Fact]
    public void Assert_250_bits_and_addr_bounded()
    {
        var two250 = BigInteger.One << 250;
        var t = new HintTester().Felt("value", -3, two250 - 1).Felt("high", -2).Felt("low", -1).Const("UPPER_BOUND", two250).Const("SHIFT", Bound);
        t.Run(MathHints.Assert250Bits);
        Assert.Equal((two250 - 1) >> 128, t.IntAt(t.Fp.Add(-2)));
        Assert.Equal(Bound - 1, t.IntAt(t.Fp.Add(-1)));
        t = new HintTester().Felt("value", -3, two250).Felt("high", -2).Felt("low", -1).Const("UPPER_BOUND", two250).Const("SHIFT", Bound);
        Assert.Equal($"{two250} is outside of the range [0, 2**250).", t.Fails(MathHints.Assert250Bits).Message);

        var addrBound = two250 * 2 - 256 * 0 - 0 - 0;
        addrBound = (BigInteger.One << 251) + 17 * (BigInteger.One << 192) + 1 - (BigInteger.One << 251) + (BigInteger.One << 251) - 0x100; // 2**251 + 17*2**192 - 0xff, just below P
        addrBound = (BigInteger.One << 251) - 256;
        t = new HintTester().Felt("addr", -3, addrBound - 1).Felt("is_small", -2).Const("ADDR_BOUND", addrBound);
        t.Run(MathHints.IsAddrBounded);
        Assert.Equal(Felt.One, t.FeltAt(t.Fp.Add(-2)));
        t = new HintTester().Felt("addr", -3, 3).Felt("is_small", -2).Const("ADDR_BOUND", 100);
        Assert.Contains("normalize_address", t.Fails(MathHints.IsAddrBounded).Message);
    }

    [Fact]
    public void Split_int_and_assert_range()
    {
        var t = new HintTester().Felt("value", -5, 0x1234).Felt("base", -4, 256).Felt("bound", -3, 256).Ref("output", "[cast(fp + (-2), felt**)]");
        var seg = t.Memory.AddSegment();
        t.Set(t.Fp.Add(-2), seg);
        t.Run(MathHints.SplitInt);
        Assert.Equal(Felt.FromUInt64(0x34), t.FeltAt(seg));
        t = new HintTester().Felt("value", -5, 0x1234).Felt("base", -4, 256).Felt("bound", -3, 16).Ref("output", "[cast(fp + (-2), felt**)]");
        t.Set(t.Fp.Add(-2), seg);
        Assert.Equal("split_int(): Limb 52 is out of range.", t.Fails(MathHints.SplitInt).Message);
        new HintTester().Felt("value", -3, 0).Run(MathHints.SplitIntAssertRange);
        Assert.Equal("split_int(): value is out of range.", new HintTester().Felt("value", -3, 1).Fails(MathHints.SplitIntAssertRange).Message);
    }

    [Fact]
    public void Sqrt_matches_bigint()
    {
        var rng = new Random(4);
        for (int i = 0; i < 100; i++)
        {
            var v = Random(rng, rng.Next(1, 250));
            var t = new HintTester().Felt("value", -3, v).Felt("root", -2);
            t.Run(MathHints.Sqrt);
            var root = t.IntAt(t.Fp.Add(-2));
            Assert.True(root * root <= v && (root + 1) * (root + 1) > v);
        }
        Assert.Contains("outside of the range", new HintTester().Felt("value", -3, BigInteger.One << 250).Felt("root", -2).Fails(MathHints.Sqrt).Message);
    }

    [Fact]
    public void Unsigned_and_signed_div_rem_match_bigint()
    {
        var rng = new Random(5);
        var maxDiv = P / Bound;
        for (int i = 0; i < 200; i++)
        {
            var value = RandomInteresting(rng);
            var div = Random(rng, rng.Next(1, 123)) + 1;
            var t = new HintTester().Felt("value", -5, value).Felt("div", -4, div).Felt("q", -3).Felt("r", -2);
            t.Run(MathHints.UnsignedDivRem);
            Assert.Equal(value / div, t.IntAt(t.Fp.Add(-3)));
            Assert.Equal(value % div, t.IntAt(t.Fp.Add(-2)));

            var bound = BigInteger.One << 127;
            var signed = value >= P / 2 ? value - P : value;
            var q = BigInteger.DivRem(signed, div, out var r);
            if (r.Sign < 0)
            {
                q -= 1;
                r += div;
            }
            t = new HintTester().Felt("value", -6, value).Felt("div", -5, div).Felt("bound", -4, bound).Felt("r", -3).Felt("biased_q", -2);
            if (q < -bound || q >= bound)
            {
                Assert.Contains("is out of the range", t.Fails(MathHints.SignedDivRem).Message);
                continue;
            }
            t.Run(MathHints.SignedDivRem);
            Assert.Equal(r, t.IntAt(t.Fp.Add(-3)));
            Assert.Equal(q + bound, t.IntAt(t.Fp.Add(-2)));
        }
        var bad = new HintTester().Felt("value", -5, 1).Felt("div", -4, maxDiv + 1).Felt("q", -3).Felt("r", -2);
        Assert.Equal($"div=0x{(maxDiv + 1).ToString("x").TrimStart('0')} is out of the valid range.", bad.Fails(MathHints.UnsignedDivRem).Message);
        Assert.Contains("div=0x0 is out", new HintTester().Felt("value", -5, 1).Felt("div", -4, 0).Felt("q", -3).Felt("r", -2).Fails(MathHints.UnsignedDivRem).Message);
    }

    [Fact]
    public void Is_quad_residue()
    {
        var rng = new Random(6);
        for (int i = 0; i < 20; i++)
        {
            var x = Felt.FromBigIntegerReduced(Random(rng, 252));
            var t = new HintTester().Ref("x", "[cast(fp + (-3), felt*)]").Felt("y", -2);
            t.Memory.Insert(t.Fp.Add(-3), x);
            t.Run(MathHints.IsQuadResidue);
            var y = t.FeltAt(t.Fp.Add(-2));
            if (x.IsQuadraticResidue()) Assert.Equal(x, y * y);
            else Assert.Equal(x / Felt.FromUInt64(3), y * y);
            Assert.True(y.ToBigInteger() <= P / 2);
        }
    }

    [Fact]
    public void Pow_reads_struct_members()
    {
        var t = new HintTester().Struct("m.LoopLocals", ("bit", "felt", 0), ("temp0", "felt", 1), ("res", "felt", 2), ("base", "felt", 3), ("exp", "felt", 4));
        t.StructRef("prev_locs", "m.LoopLocals", -5);
        t.Ref("locs", "[cast(ap, m.LoopLocals*)]");
        t.Set(t.Fp.Add(-5).Add(4), 13);
        t.Run(MathHints.Pow);
        Assert.Equal(Felt.One, t.FeltAt(t.Ap));
    }

    [Fact]
    public void Memcpy_and_memset_loops()
    {
        var t = new HintTester().Felt("len", -3, 2).Felt("continue_copying", 0).Felt("continue_loop", 1);
        t.Run(SegmentHints.MemcpyEnterScope);
        Assert.Equal(2, t.Context.Scopes.Depth);
        t.Run(SegmentHints.MemcpyContinueCopying);
        Assert.Equal(Felt.One, t.FeltAt(t.Fp));
        t.Run(SegmentHints.MemsetContinueLoop);
        Assert.Equal(Felt.Zero, t.FeltAt(t.Fp.Add(1)));
        t.Run(SegmentHints.VmExitScope);
        Assert.Equal(1, t.Context.Scopes.Depth);
        Assert.Contains("main scope", t.Fails(SegmentHints.VmExitScope).Message);
        t.Run(SegmentHints.VmEnterScope);
        Assert.Equal(2, t.Context.Scopes.Depth);
        t.Run(SegmentHints.AddSegment);
        Assert.True(t.Memory.Get(t.Ap).IsRelocatable);
    }
}
