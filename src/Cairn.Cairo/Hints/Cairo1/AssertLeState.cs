namespace Cairn.Cairo.Hints.Cairo1;

/// <summary>Per-run state of the <c>assert_le_felt252</c> hints: which arc the last <c>AssertLeFindSmallArcs</c> excluded.</summary>
public sealed class AssertLeState
{
    /// <summary>0 = (0, a), 1 = (a, b), 2 = (b, P − 1); null before the first <c>AssertLeFindSmallArcs</c>.</summary>
    public int? ExcludedArc { get; set; }

    /// <summary>The excluded arc; an error when no arc was computed yet.</summary>
    public int RequireExcludedArc() =>
        ExcludedArc ?? throw new HintException("Variable excluded_arc not present in current execution scope");
}
