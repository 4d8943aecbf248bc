namespace Cairn.Cairo.Hints.Cairo1;

/// <summary>
/// <c>TestLessThanOrEqual {lhs, rhs, dst}</c>: <c>[dst] = lhs &lt;= rhs</c>, the operands compared as
/// felt-or-address values (<see cref="MaybeRelocatableOrder"/>).
/// </summary>
public sealed record TestLessThanOrEqualHint(ResOperand Lhs, ResOperand Rhs, CellRef Dst) : Cairo1Hint
{
    public override string VariantName => "TestLessThanOrEqual";

    public override Cairo1HintFamily Family => Cairo1HintFamily.Core;

    public override void Execute(HintContext context) =>
        HintMath.WriteBool(context, Dst, MaybeRelocatableOrder.Compare(Lhs.GetValue(context), Rhs.GetValue(context)) <= 0);
}
