namespace Cairn.Cairo.Layouts;

/// <summary>
/// A layout's diluted pool: <c>2^LogUnitsPerStep</c> units per step (negative: one unit per
/// <c>2^−log</c> steps), spacing and bit count (cairo-vm.md §3.8, §5).
/// </summary>
public sealed record DilutedPool(int LogUnitsPerStep, int Spacing = 4, int NBits = 16);
