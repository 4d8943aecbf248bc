using Cairn.Primitives;

namespace Cairn.Stark.Air;

/// <summary>
/// What a constraint evaluation sees at one point: the mask values (in the AIR's mask order), the periodic column
/// values and the interaction challenges. The same frame shape is used on the composition domain (prover) and at
/// the out-of-domain point (verifier).
/// </summary>
public readonly ref struct ConstraintFrame
{
    public ConstraintFrame(ReadOnlySpan<Felt> mask, ReadOnlySpan<Felt> periodic, ReadOnlySpan<Felt> challenges)
    {
        Mask = mask;
        Periodic = periodic;
        Challenges = challenges;
    }

    public ReadOnlySpan<Felt> Mask { get; }

    public ReadOnlySpan<Felt> Periodic { get; }

    public ReadOnlySpan<Felt> Challenges { get; }
}
