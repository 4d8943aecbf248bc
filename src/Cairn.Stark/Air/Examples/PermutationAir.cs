using Cairn.Primitives;

namespace Cairn.Stark.Air.Examples;

/// <summary>
/// A test AIR exercising the interaction phase and a periodic column: main columns <c>a</c> and <c>b</c> with
/// <c>b</c> a permutation of <c>a</c>, proven by a cumulative product <c>z</c> built from the challenge
/// <c>α</c> after the main commitment (a grand-product permutation argument); a periodic selector <c>s</c>
/// (1 on even rows, 0 on odd rows) forces <c>a</c> to be 0 on odd rows through <c>(1 − s)·a = 0</c>.
/// </summary>
/// <remarks>
/// Constraints: <c>z_0·(α − b_0) − (α − a_0) = 0</c> (row 0);
/// <c>z_{j+1}·(α − b_{j+1}) − z_j·(α − a_{j+1}) = 0</c> (every row but the last);
/// <c>z_{T−1} − 1 = 0</c> (last row); <c>(1 − s)·a = 0</c> (every row).
/// </remarks>
public sealed class PermutationAir : IAir
{
    private readonly ConstraintDomain[] _domains;

    public PermutationAir(int traceLength)
    {
        TraceLength = traceLength;
        _domains =
        [
            ConstraintDomain.SingleRow(0, traceLength),
            ConstraintDomain.EveryRow(traceLength - 1),
            ConstraintDomain.SingleRow(traceLength - 1, traceLength),
            ConstraintDomain.EveryRow(),
        ];
        PeriodicColumns = [new PeriodicColumn([Felt.One, Felt.Zero])];
    }

    public int TraceLength { get; }
    public int MainColumns => 2;
    public int InteractionColumns => 1;
    public int InteractionChallenges => 1;
    public int ConstraintDegree => 2;

    // a, b, z, next a, next b, next z
    public IReadOnlyList<MaskEntry> Mask { get; } = [new(0, 0), new(0, 1), new(0, 2), new(1, 0), new(1, 1), new(1, 2)];

    public IReadOnlyList<ConstraintDomain> ConstraintDomains => _domains;

    public IReadOnlyList<PeriodicColumn> PeriodicColumns { get; }

    public byte[] PublicInputSeed()
    {
        var seed = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(seed, (ulong)TraceLength);
        return seed;
    }

    public void EvaluateConstraints(ConstraintFrame frame, Span<Felt> constraints)
    {
        var m = frame.Mask;
        Felt alpha = frame.Challenges[0];
        Felt a = m[0], b = m[1], z = m[2], nextA = m[3], nextB = m[4], nextZ = m[5];
        constraints[0] = z * (alpha - b) - (alpha - a);
        constraints[1] = nextZ * (alpha - nextB) - z * (alpha - nextA);
        constraints[2] = z - Felt.One;
        constraints[3] = (Felt.One - frame.Periodic[0]) * a;
    }

    public Felt[][] BuildInteractionTrace(IReadOnlyList<Felt[]> mainTrace, ReadOnlySpan<Felt> challenges)
    {
        Felt alpha = challenges[0];
        var a = mainTrace[0];
        var b = mainTrace[1];
        var denominators = new Felt[TraceLength];
        for (int j = 0; j < TraceLength; j++) denominators[j] = alpha - b[j];
        Felt.BatchInverse(denominators);
        var z = new Felt[TraceLength];
        Felt acc = Felt.One;
        for (int j = 0; j < TraceLength; j++)
        {
            acc = acc * (alpha - a[j]) * denominators[j];
            z[j] = acc;
        }
        return [z];
    }

    /// <summary>A valid main trace: a holds values on even rows and 0 on odd rows; b is a rotation of a by 2 rows.</summary>
    public static Felt[][] BuildTrace(int traceLength, Random rng, Func<Random, Felt> randomFelt)
    {
        var a = new Felt[traceLength];
        for (int j = 0; j < traceLength; j += 2) a[j] = randomFelt(rng);
        var b = new Felt[traceLength];
        for (int j = 0; j < traceLength; j++) b[j] = a[(j + 2) % traceLength];
        return [a, b];
    }
}
