namespace Cairn.Cairo.Hints.Cairo1;

/// <summary>
/// <c>Uint512DivModByUint256</c>: divides a 512-bit dividend (four 128-bit limbs) by a 256-bit
/// divisor (two limbs); quotient in four limbs, remainder in two (limb 0 = low).
/// </summary>
public sealed record Uint512DivModByUint256Hint(
    ResOperand Dividend0,
    ResOperand Dividend1,
    ResOperand Dividend2,
    ResOperand Dividend3,
    ResOperand Divisor0,
    ResOperand Divisor1,
    CellRef Quotient0,
    CellRef Quotient1,
    CellRef Quotient2,
    CellRef Quotient3,
    CellRef Remainder0,
    CellRef Remainder1) : Cairo1Hint
{
    public override string VariantName => "Uint512DivModByUint256";

    public override Cairo1HintFamily Family => Cairo1HintFamily.Core;

    public override void Execute(HintContext context)
    {
        var dividend = HintMath.Int(context, Dividend0) + (HintMath.Int(context, Dividend1) << 128)
            + (HintMath.Int(context, Dividend2) << 256) + (HintMath.Int(context, Dividend3) << 384);
        var divisor = HintMath.Int(context, Divisor0) + (HintMath.Int(context, Divisor1) << 128);
        var q = HintMath.DivOrThrow(dividend, divisor, VariantName, out var r);
        var (q0, rest) = HintMath.Split128(q);
        HintMath.Write(context, Quotient0, q0);
        var (q1, rest2) = HintMath.Split128(rest);
        HintMath.Write(context, Quotient1, q1);
        var (q2, q3) = HintMath.Split128(rest2);
        HintMath.Write(context, Quotient2, q2);
        HintMath.Write(context, Quotient3, q3);
        var (r0, r1) = HintMath.Split128(r);
        HintMath.Write(context, Remainder0, r0);
        HintMath.Write(context, Remainder1, r1);
    }
}
