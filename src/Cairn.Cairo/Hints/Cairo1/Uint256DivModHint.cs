namespace Cairn.Cairo.Hints.Cairo1;

/// <summary>
/// <c>Uint256DivMod</c>: divides <c>dividend0 + dividend1·2^128</c> by <c>divisor0 + divisor1·2^128</c>;
/// quotient and remainder in 128-bit limbs (limb 0 = low).
/// </summary>
public sealed record Uint256DivModHint(
    ResOperand Dividend0,
    ResOperand Dividend1,
    ResOperand Divisor0,
    ResOperand Divisor1,
    CellRef Quotient0,
    CellRef Quotient1,
    CellRef Remainder0,
    CellRef Remainder1) : Cairo1Hint
{
    public override string VariantName => "Uint256DivMod";

    public override Cairo1HintFamily Family => Cairo1HintFamily.Core;

    public override void Execute(HintContext context)
    {
        var dividend = HintMath.Int(context, Dividend0) + (HintMath.Int(context, Dividend1) << 128);
        var divisor = HintMath.Int(context, Divisor0) + (HintMath.Int(context, Divisor1) << 128);
        var q = HintMath.DivOrThrow(dividend, divisor, VariantName, out var r);
        var (q0, q1) = HintMath.Split128(q);
        HintMath.Write(context, Quotient0, q0);
        HintMath.Write(context, Quotient1, q1);
        var (r0, r1) = HintMath.Split128(r);
        HintMath.Write(context, Remainder0, r0);
        HintMath.Write(context, Remainder1, r1);
    }
}
