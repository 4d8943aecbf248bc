using System.Numerics;
using Cairn.Primitives;

namespace Cairn.Cairo.Hints.Cairo1;

/// <summary>
/// <c>U256InvModN</c>: the inverse of <c>b</c> modulo <c>n</c> (both two 128-bit limbs), or a proof there is none.
/// <list type="bullet">
/// <item><c>n = 1</c>: <c>g = 1</c> (both limbs written), <c>s = b</c>, <c>t = 1</c>.</item>
/// <item><c>g = gcd(n, b) ≠ 1</c>: <c>g</c> (2 when even) in <c>g0_or_no_inv, g1_option</c>, <c>s = b / g</c>, <c>t = n / g</c>.</item>
/// <item>otherwise: <c>g0_or_no_inv = 0</c> (<c>g1_option</c> unwritten), <c>r = b⁻¹ mod n</c>, <c>k = (r·b − 1) / n</c>.</item>
/// </list>
/// </summary>
public sealed record U256InvModNHint(
    ResOperand B0,
    ResOperand B1,
    ResOperand N0,
    ResOperand N1,
    CellRef G0OrNoInv,
    CellRef G1Option,
    CellRef SOrR0,
    CellRef SOrR1,
    CellRef TOrK0,
    CellRef TOrK1) : Cairo1Hint
{
    public override string VariantName => "U256InvModN";

    public override Cairo1HintFamily Family => Cairo1HintFamily.Core;

    public override void Execute(HintContext context)
    {
        var b0 = HintMath.Int(context, B0);
        var b1 = HintMath.Int(context, B1);
        var b = b0 + (b1 << 128);
        var n = HintMath.Int(context, N0) + (HintMath.Int(context, N1) << 128);
        if (n.IsOne)
        {
            HintMath.Write(context, SOrR0, b0);
            HintMath.Write(context, SOrR1, b1);
            HintMath.Write(context, TOrK0, Felt.One);
            HintMath.Write(context, TOrK1, Felt.Zero);
            HintMath.Write(context, G0OrNoInv, Felt.One);
            HintMath.Write(context, G1Option, Felt.Zero);
            return;
        }
        var g = BigInteger.GreatestCommonDivisor(n, b);
        if (!g.IsOne)
        {
            if (g.IsEven) g = 2;
            if (g.IsZero) throw new HintException("U256InvModN: b and n are both zero");
            WriteLimbs(context, SOrR0, SOrR1, b / g);
            WriteLimbs(context, TOrK0, TOrK1, n / g);
            WriteLimbs(context, G0OrNoInv, G1Option, g);
            return;
        }
        if (n.IsZero) throw new HintException("U256InvModN: modulus is zero");
        var r = ModInverse(b, n);
        var k = (r * b - 1) / n;
        WriteLimbs(context, SOrR0, SOrR1, r);
        WriteLimbs(context, TOrK0, TOrK1, k);
        HintMath.Write(context, G0OrNoInv, Felt.Zero);
    }

    private static void WriteLimbs(HintContext context, CellRef low, CellRef high, BigInteger value)
    {
        var (l, h) = HintMath.Split128(value);
        HintMath.Write(context, low, l);
        HintMath.Write(context, high, h);
    }

    /// <summary>b⁻¹ mod n for gcd(b, n) = 1, n ≥ 2 (extended Euclid), in [0, n).</summary>
    internal static BigInteger ModInverse(BigInteger b, BigInteger n)
    {
        BigInteger r0 = n, r1 = b % n, t0 = 0, t1 = 1;
        while (!r1.IsZero)
        {
            var q = BigInteger.DivRem(r0, r1, out var rem);
            (r0, r1) = (r1, rem);
            (t0, t1) = (t1, t0 - q * t1);
        }
        if (!r0.IsOne) throw new HintException("U256InvModN: no inverse");
        t0 %= n;
        return t0.Sign < 0 ? t0 + n : t0;
    }
}
