using Cairn.Primitives;

namespace Cairn.Stark.Air.Examples;

/// <summary>
/// A two-column Fibonacci AIR (a test AIR of the engine): rows <c>(a_j, b_j)</c> with <c>a_{j+1} = b_j</c>,
/// <c>b_{j+1} = a_j + b_j</c>; public inputs are the first row and the claimed <c>b_{T−1}</c>.
/// </summary>
public sealed class FibonacciAir : IAir
{
    private readonly ConstraintDomain[] _domains;

    public FibonacciAir(int traceLength, Felt first, Felt second, Felt result)
    {
        if (traceLength < 4 || (traceLength & (traceLength - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(traceLength), "a power of two ≥ 4");
        TraceLength = traceLength;
        First = first;
        Second = second;
        Result = result;
        var transition = ConstraintDomain.EveryRow(traceLength - 1);
        _domains =
        [
            transition,
            transition,
            ConstraintDomain.SingleRow(0, traceLength),
            ConstraintDomain.SingleRow(0, traceLength),
            ConstraintDomain.SingleRow(traceLength - 1, traceLength),
        ];
    }

    public Felt First { get; }
    public Felt Second { get; }
    public Felt Result { get; }

    public int TraceLength { get; }
    public int MainColumns => 2;
    public int InteractionColumns => 0;
    public int InteractionChallenges => 0;
    public int ConstraintDegree => 2;

    public IReadOnlyList<MaskEntry> Mask { get; } = [new(0, 0), new(0, 1), new(1, 0), new(1, 1)];

    public IReadOnlyList<ConstraintDomain> ConstraintDomains => _domains;

    public IReadOnlyList<PeriodicColumn> PeriodicColumns { get; } = [];

    public byte[] PublicInputSeed()
    {
        var seed = new byte[8 + 3 * 32];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(seed, (ulong)TraceLength);
        First.WriteBytesBE(seed.AsSpan(8));
        Second.WriteBytesBE(seed.AsSpan(40));
        Result.WriteBytesBE(seed.AsSpan(72));
        return seed;
    }

    public void EvaluateConstraints(ConstraintFrame frame, Span<Felt> constraints)
    {
        Felt a = frame.Mask[0], b = frame.Mask[1], nextA = frame.Mask[2], nextB = frame.Mask[3];
        constraints[0] = nextA - b;
        constraints[1] = nextB - a - b;
        constraints[2] = a - First;
        constraints[3] = b - Second;
        constraints[4] = b - Result;
    }

    public Felt[][] BuildInteractionTrace(IReadOnlyList<Felt[]> mainTrace, ReadOnlySpan<Felt> challenges) => [];

    /// <summary>The honest trace (columns a and b).</summary>
    public static Felt[][] BuildTrace(int traceLength, Felt first, Felt second)
    {
        var a = new Felt[traceLength];
        var b = new Felt[traceLength];
        a[0] = first;
        b[0] = second;
        for (int j = 1; j < traceLength; j++)
        {
            a[j] = b[j - 1];
            b[j] = a[j - 1] + b[j - 1];
        }
        return [a, b];
    }
}
