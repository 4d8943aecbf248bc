using Cairn.Primitives;
using Cairn.Stark.Air;

namespace Cairn.Stark.Cairo.Plain;

/// <summary>
/// The Cairo AIR in Stone's <c>plain</c> layout (spec stark-prover.md §6.2–6.6; Stone <c>cpu_air_definition10</c>):
/// exactly the <see cref="CpuAir"/> (47 constraints, 49 mask entries), no builtins.
/// </summary>
public sealed class PlainCairoAir : CpuAir
{
    public const int ConstraintCount = CpuConstraintCount;

    public PlainCairoAir(CairoPublicInput publicInput) : base(publicInput, "plain", [], [])
    {
    }

    /// <summary>The Stone names of the 47 constraints, in order (spec §6.3).</summary>
    public static IReadOnlyList<string> ConstraintNames => CpuConstraintNames;

    protected override void EvaluateBuiltins(ReadOnlySpan<Felt> mask, Span<Felt> c)
    {
    }
}
