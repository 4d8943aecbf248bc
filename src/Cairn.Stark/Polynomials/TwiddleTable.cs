using System.Numerics;
using Cairn.Primitives;

namespace Cairn.Stark.Polynomials;

/// <summary>
/// The shared FFT twiddle tables: <c>W[b] = ω_N^{bitrev(b, log N − 1)}</c> for <c>b &lt; N/2</c> and their inverses.
/// </summary>
/// <remarks>
/// For any smaller size <c>n ≤ N</c> the first <c>n/2</c> entries of the same table are exactly the twiddles of
/// size <c>n</c> (<c>ω_N^{bitrev(b, log N − 1)} = ω_n^{bitrev(b, log n − 1)}</c>), so one table, grown on demand,
/// serves every transform. Block <c>b</c> of every butterfly stage uses <c>W[b]</c>, so the inner loop reuses one
/// twiddle and walks memory sequentially (spec §2).
/// </remarks>
internal sealed class TwiddleTable
{
    private static readonly object s_lock = new();
    private static volatile TwiddleTable? s_current;

    public readonly Felt[] Forward;
    public readonly Felt[] Inverse;
    public readonly int LogSize;

    private TwiddleTable(int logSize)
    {
        LogSize = logSize;
        int half = logSize == 0 ? 1 : 1 << (logSize - 1);
        Forward = Powers(RootsOfUnity.Primitive(logSize), half);
        Inverse = Powers(RootsOfUnity.PrimitiveInverse(logSize), half);
        BitReversal.Permute(Forward);
        BitReversal.Permute(Inverse);
    }

    private static Felt[] Powers(Felt w, int count)
    {
        var result = new Felt[count];
        Felt acc = Felt.One;
        for (int i = 0; i < count; i++)
        {
            result[i] = acc;
            acc *= w;
        }
        return result;
    }

    /// <summary>A table covering transforms of size <c>2^logN</c> (at least).</summary>
    public static TwiddleTable ForLogSize(int logN)
    {
        var current = s_current;
        if (current is not null && current.LogSize >= logN) return current;
        lock (s_lock)
        {
            current = s_current;
            if (current is not null && current.LogSize >= logN) return current;
            // Grow to at least 2^12 so small transforms do not rebuild repeatedly.
            var table = new TwiddleTable(Math.Max(logN, Math.Max(12, current?.LogSize ?? 0)));
            s_current = table;
            return table;
        }
    }

    public static int Log2Exact(int n, string paramName)
    {
        if (n <= 0 || !BitOperations.IsPow2(n)) throw new ArgumentException("length must be a power of two", paramName);
        return BitOperations.Log2((uint)n);
    }
}
