namespace Cairn.Cairo.Hints.Cairo1;

/// <summary><c>DivMod {lhs, rhs, quotient, remainder}</c>: integer <c>divmod(lhs, rhs)</c>.</summary>
public sealed record DivModHint(ResOperand Lhs, ResOperand Rhs, CellRef Quotient, CellRef Remainder) : Cairo1Hint
{
    public override string VariantName => "DivMod";

    public override Cairo1HintFamily Family => Cairo1HintFamily.Core;

    public override void Execute(HintContext context)
    {
        if (HintMath.TryU128(Lhs.GetFelt(context), out var a) && HintMath.TryU128(Rhs.GetFelt(context), out var b) && b != UInt128.Zero)
        {
            HintMath.Write(context, Quotient, a / b);
            HintMath.Write(context, Remainder, a % b);
            return;
        }
        var q = HintMath.DivOrThrow(HintMath.Int(context, Lhs), HintMath.Int(context, Rhs), VariantName, out var r);
        HintMath.Write(context, Quotient, q);
        HintMath.Write(context, Remainder, r);
    }
}
