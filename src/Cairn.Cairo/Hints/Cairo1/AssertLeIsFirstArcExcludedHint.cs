namespace Cairn.Cairo.Hints.Cairo1;

/// <summary><c>AssertLeIsFirstArcExcluded {skip_exclude_a_flag}</c>: <c>1</c> when the excluded arc is not arc 0, else <c>0</c>.</summary>
public sealed record AssertLeIsFirstArcExcludedHint(CellRef SkipExcludeAFlag) : Cairo1Hint
{
    public override string VariantName => "AssertLeIsFirstArcExcluded";

    public override Cairo1HintFamily Family => Cairo1HintFamily.Core;

    public override void Execute(HintContext context) =>
        HintMath.WriteBool(context, SkipExcludeAFlag, context.GetState<AssertLeState>().RequireExcludedArc() != 0);
}
