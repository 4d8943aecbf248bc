namespace Cairn.Cairo.Hints.Cairo1;

/// <summary><c>ShouldContinueSquashLoop {should_continue}</c>: <c>1</c> when the current key has accesses after the current one, else <c>0</c>.</summary>
public sealed record ShouldContinueSquashLoopHint(CellRef ShouldContinue) : Cairo1Hint
{
    public override string VariantName => "ShouldContinueSquashLoop";

    public override Cairo1HintFamily Family => Cairo1HintFamily.Core;

    public override void Execute(HintContext context) =>
        HintMath.WriteBool(context, ShouldContinue, context.GetState<DictSquashState>().CurrentAccessIndices.Count > 1);
}
