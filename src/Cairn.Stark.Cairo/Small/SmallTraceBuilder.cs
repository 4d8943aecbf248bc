using Cairn.Stark.Cairo.Input;
using Cairn.Stark.Cairo.Plain;

namespace Cairn.Stark.Cairo.Small;

/// <summary>
/// Builds the <c>small</c> layout's main trace: the plain layout's trace (<see cref="PlainTraceBuilder"/>) with the
/// range-check builtin's instances in spare cells (<see cref="Builtins.RangeCheckBuiltinCells"/>). The run's step count
/// is kept (the runner sized the builtin segments for it); a run that leaves too few cells, uses pedersen or ecdsa, or
/// writes a range-check value of 2^128 or more is refused with a <see cref="CairoProverException"/>.
/// </summary>
public static class SmallTraceBuilder
{
    public static PlainTrace Build(CairoExecution execution) => PlainTraceBuilder.Build(execution, CairoLayout.Small, 2);
}
