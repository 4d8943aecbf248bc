namespace Cairn.Cairo.Hints.Cairo1;

/// <summary><c>ShouldSkipSquashLoop {should_skip_loop}</c>: <c>0</c> when the current key has accesses after the current one, else <c>1</c>.</summary>
public sealed record ShouldSkipSquashLoopHint(CellRef ShouldSkipLoop) : Cairo1Hint
{
    public override string VariantName => "ShouldSkipSquashLoop";

    public override Cairo1HintFamily Family => Cairo1HintFamily.Core;

    public override void Execute(HintContext context) =>
        HintMath.WriteBool(context, ShouldSkipLoop, context.GetState<DictSquashState>().CurrentAccessIndices.Count <= 1);
}
