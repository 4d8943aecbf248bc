namespace Cairn.Cairo.Hints.Cairo1;

/// <summary><c>WideMul128 {lhs, rhs, high, low}</c>: <c>(high, low) = divmod(lhs·rhs, 2^128)</c> over the integers.</summary>
public sealed record WideMul128Hint(ResOperand Lhs, ResOperand Rhs, CellRef High, CellRef Low) : Cairo1Hint
{
    public override string VariantName => "WideMul128";

    public override Cairo1HintFamily Family => Cairo1HintFamily.Core;

    public override void Execute(HintContext context)
    {
        if (HintMath.TryU128(Lhs.GetFelt(context), out var a) && HintMath.TryU128(Rhs.GetFelt(context), out var b))
        {
            var (lo, hi) = HintMath.WideMul(a, b);
            HintMath.Write(context, High, hi);
            HintMath.Write(context, Low, lo);
            return;
        }
        var prod = HintMath.Int(context, Lhs) * HintMath.Int(context, Rhs);
        var (low, high) = HintMath.Split128(prod);
        HintMath.Write(context, High, high);
        HintMath.Write(context, Low, low);
    }
}
