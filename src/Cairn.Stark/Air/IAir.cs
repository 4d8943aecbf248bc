using Cairn.Primitives;

namespace Cairn.Stark.Air;

/// <summary>
/// An algebraic intermediate representation, generic (spec stark-prover.md §5.1): trace geometry, the mask, the
/// constraints with their domains, periodic columns and an optional interaction (RAP) phase whose columns are built
/// after the main trace is committed, from challenges drawn then.
/// </summary>
/// <remarks>
/// Constraint <c>k</c> is the expression <c>C_k</c> written by <see cref="EvaluateConstraints"/>; it must vanish on
/// <see cref="ConstraintDomains"/>[k]. The composition polynomial is <c>Σ β^k C_k N_k / D_k</c>, so every
/// <c>C_k</c> must have degree at most <see cref="ConstraintDegree"/> in the trace polynomials.
/// </remarks>
public interface IAir
{
    /// <summary>T, a power of two.</summary>
    int TraceLength { get; }

    int MainColumns { get; }

    /// <summary>Number of interaction columns (0: no interaction phase).</summary>
    int InteractionColumns { get; }

    /// <summary>Number of challenges drawn after the main commitment, before the interaction trace.</summary>
    int InteractionChallenges { get; }

    /// <summary>Maximal degree of a constraint in the trace polynomials (the composition is broken into this many columns).</summary>
    int ConstraintDegree { get; }

    IReadOnlyList<MaskEntry> Mask { get; }

    IReadOnlyList<ConstraintDomain> ConstraintDomains { get; }

    IReadOnlyList<PeriodicColumn> PeriodicColumns { get; }

    /// <summary>The public-input serialisation that seeds the channel: it must cover every public input (pitfall 1).</summary>
    byte[] PublicInputSeed();

    /// <summary>Writes <c>C_k</c> for every constraint at one point.</summary>
    void EvaluateConstraints(ConstraintFrame frame, Span<Felt> constraints);

    /// <summary>Builds the interaction columns (natural order, T rows each) from the main trace and the challenges.</summary>
    Felt[][] BuildInteractionTrace(IReadOnlyList<Felt[]> mainTrace, ReadOnlySpan<Felt> challenges);
}
