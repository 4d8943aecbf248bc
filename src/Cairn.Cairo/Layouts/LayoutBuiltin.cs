namespace Cairn.Cairo.Layouts;

/// <summary>
/// A builtin of a layout with its ratio: CPU steps per instance (<c>Ratio / RatioDen</c>; the
/// denominator is 1 except for range_check96/add_mod/mul_mod in the dynamic layout). The output
/// builtin has no ratio (0 here; its allocation is its used size). Spec: cairo-vm.md §5.
/// </summary>
public sealed record LayoutBuiltin(string Name, int Ratio, int RatioDen = 1);
