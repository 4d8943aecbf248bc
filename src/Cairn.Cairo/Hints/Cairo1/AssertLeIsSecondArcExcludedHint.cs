namespace Cairn.Cairo.Hints.Cairo1;

/// <summary><c>AssertLeIsSecondArcExcluded {skip_exclude_b_minus_a}</c>: <c>1</c> when the excluded arc is not arc 1, else <c>0</c>.</summary>
public sealed record AssertLeIsSecondArcExcludedHint(CellRef SkipExcludeBMinusA) : Cairo1Hint
{
    public override string VariantName => "AssertLeIsSecondArcExcluded";

    public override Cairo1HintFamily Family => Cairo1HintFamily.Core;

    public override void Execute(HintContext context) =>
        HintMath.WriteBool(context, SkipExcludeBMinusA, context.GetState<AssertLeState>().RequireExcludedArc() != 1);
}
