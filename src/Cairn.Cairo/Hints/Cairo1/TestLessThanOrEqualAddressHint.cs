namespace Cairn.Cairo.Hints.Cairo1;

/// <summary>
/// <c>TestLessThanOrEqualAddress {lhs, rhs, dst}</c>: the address variant of
/// <see cref="TestLessThanOrEqualHint"/>, executed identically by the reference runner.
/// </summary>
public sealed record TestLessThanOrEqualAddressHint(ResOperand Lhs, ResOperand Rhs, CellRef Dst) : Cairo1Hint
{
    public override string VariantName => "TestLessThanOrEqualAddress";

    public override Cairo1HintFamily Family => Cairo1HintFamily.Core;

    public override void Execute(HintContext context) =>
        HintMath.WriteBool(context, Dst, MaybeRelocatableOrder.Compare(Lhs.GetValue(context), Rhs.GetValue(context)) <= 0);
}
