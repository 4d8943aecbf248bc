namespace Cairn.Cairo.Hints.Cairo1;

/// <summary>
/// Deprecated <c>AssertAllAccessesUsed</c>: an assertion on hint state that the sequencer (casm_run
/// <c>execute_deprecated_hint</c>) treats as a no-op; so does Cairn.
/// </summary>
public sealed record AssertAllAccessesUsedHint(CellRef NUsedAccesses) : Cairo1Hint
{
    public override string VariantName => "AssertAllAccessesUsed";

    public override Cairo1HintFamily Family => Cairo1HintFamily.Deprecated;

    public override void Execute(HintContext context)
    {
    }
}
