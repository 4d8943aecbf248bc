namespace Cairn.Cairo.Hints.Cairo1;

/// <summary>
/// <c>Uint256SquareRoot</c>: <c>root = isqrt(value_low + value_high·2^128)</c>; <c>sqrt0 = root mod 2^64</c>,
/// <c>sqrt1 = root >> 64</c>; the remainder <c>value − root²</c> in 128-bit limbs; the flag
/// <c>2·root − remainder ≥ 2^128</c>.
/// </summary>
public sealed record Uint256SquareRootHint(
    ResOperand ValueLow,
    ResOperand ValueHigh,
    CellRef Sqrt0,
    CellRef Sqrt1,
    CellRef RemainderLow,
    CellRef RemainderHigh,
    CellRef SqrtMul2MinusRemainderGeU128) : Cairo1Hint
{
    public override string VariantName => "Uint256SquareRoot";

    public override Cairo1HintFamily Family => Cairo1HintFamily.Core;

    public override void Execute(HintContext context)
    {
        var value = HintMath.Int(context, ValueLow) + (HintMath.Int(context, ValueHigh) << 128);
        var root = HintMath.Isqrt(value);
        var remainder = value - root * root;
        bool flag = root * 2 - remainder >= HintMath.Pow128;
        HintMath.Write(context, Sqrt0, root & (HintMath.Pow64 - 1));
        HintMath.Write(context, Sqrt1, root >> 64);
        var (rLow, rHigh) = HintMath.Split128(remainder);
        HintMath.Write(context, RemainderLow, rLow);
        HintMath.Write(context, RemainderHigh, rHigh);
        HintMath.WriteBool(context, SqrtMul2MinusRemainderGeU128, flag);
    }
}
