using Cairn.Primitives;
using Cairn.Stark.Air;

namespace Cairn.Stark.Tests.Proving;

/// <summary>
/// A test AIR using every kind of constraint domain the Cairo AIR uses (every row with exempt rows, a periodic
/// exemption, steps with offsets and exempt rows, single rows) plus a negative mask offset and a degree-2
/// constraint: x_j = j, y_j = x_j², z_j = j mod 16.
/// </summary>
internal sealed class MixedDomainAir : IAir
{
    private readonly ConstraintDomain[] _domains;

    public MixedDomainAir(int traceLength)
    {
        int t = traceLength;
        TraceLength = t;
        _domains =
        [
            ConstraintDomain.EveryRow(t - 1),          // x' − x − 1
            ConstraintDomain.EveryRow(),               // y − x²
            new ConstraintDomain(1, 0, 16, 15),        // z' − z − 1 except rows ≡ 15 (mod 16)
            new ConstraintDomain(16, 0),               // z = 0 on rows ≡ 0
            new ConstraintDomain(16, 15, t - 1),       // z' = 0 after rows ≡ 15, but the last
            ConstraintDomain.SingleRow(0, t),          // x_0 = 0
            ConstraintDomain.SingleRow(t - 1, t),      // x_{T−1} = T − 1
            new ConstraintDomain(2, 0, t - 2),         // x' − x − 1 on even rows but the last even
            ConstraintDomain.EveryRow(0),              // x − x_{−1} − 1 except row 0
            new ConstraintDomain(8, 0),                // z·(z − 8) = 0 on rows ≡ 0 (mod 8)
        ];
    }

    public int TraceLength { get; }
    public int MainColumns => 3;
    public int InteractionColumns => 0;
    public int InteractionChallenges => 0;
    public int ConstraintDegree => 2;

    // x, y, z, x', z', x_{−1}
    public IReadOnlyList<MaskEntry> Mask { get; } = [new(0, 0), new(0, 1), new(0, 2), new(1, 0), new(1, 2), new(-1, 0)];

    public IReadOnlyList<ConstraintDomain> ConstraintDomains => _domains;

    public IReadOnlyList<PeriodicColumn> PeriodicColumns { get; } = [];

    public byte[] PublicInputSeed() => [1, 2, 3, (byte)(TraceLength & 0xff), (byte)(TraceLength >> 8)];

    public void EvaluateConstraints(ConstraintFrame frame, Span<Felt> c)
    {
        var m = frame.Mask;
        Felt x = m[0], y = m[1], z = m[2], nx = m[3], nz = m[4], px = m[5];
        c[0] = nx - x - Felt.One;
        c[1] = y - x * x;
        c[2] = nz - z - Felt.One;
        c[3] = z;
        c[4] = nz;
        c[5] = x;
        c[6] = x - Felt.FromUInt64((ulong)(TraceLength - 1));
        c[7] = nx - x - Felt.One;
        c[8] = x - px - Felt.One;
        c[9] = z * (z - Felt.FromUInt64(8));
    }

    public Felt[][] BuildInteractionTrace(IReadOnlyList<Felt[]> mainTrace, ReadOnlySpan<Felt> challenges) => [];

    public static Felt[][] BuildTrace(int t)
    {
        var x = new Felt[t];
        var y = new Felt[t];
        var z = new Felt[t];
        for (int j = 0; j < t; j++)
        {
            x[j] = Felt.FromUInt64((ulong)j);
            y[j] = x[j] * x[j];
            z[j] = Felt.FromUInt64((ulong)(j % 16));
        }
        return [x, y, z];
    }
}
