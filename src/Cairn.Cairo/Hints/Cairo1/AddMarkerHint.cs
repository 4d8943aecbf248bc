namespace Cairn.Cairo.Hints.Cairo1;

/// <summary>
/// External <c>AddMarker</c>: only for Cairo 1 executables (cairo-vm.md §7.2). Parsed, but executing it
/// fails: a Starknet contract class must never contain external hints.
/// </summary>
public sealed record AddMarkerHint(ResOperand Start, ResOperand End) : Cairo1Hint
{
    public override string VariantName => "AddMarker";

    public override Cairo1HintFamily Family => Cairo1HintFamily.External;

    public override void Execute(HintContext context) =>
        throw new HintException("External hint AddMarker is not allowed in a Starknet contract.");
}
