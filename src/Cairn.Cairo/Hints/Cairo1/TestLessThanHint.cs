namespace Cairn.Cairo.Hints.Cairo1;

/// <summary><c>TestLessThan {lhs, rhs, dst}</c>: <c>[dst] = int(lhs) &lt; int(rhs)</c> (felts).</summary>
public sealed record TestLessThanHint(ResOperand Lhs, ResOperand Rhs, CellRef Dst) : Cairo1Hint
{
    public override string VariantName => "TestLessThan";

    public override Cairo1HintFamily Family => Cairo1HintFamily.Core;

    public override void Execute(HintContext context) =>
        HintMath.WriteBool(context, Dst, Lhs.GetFelt(context) < Rhs.GetFelt(context));
}
