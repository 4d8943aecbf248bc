using System.Buffers;
using Cairn.Crypto.Curve;
using Cairn.Primitives;

namespace Cairn.Crypto.Hashing;

/// <summary>
/// Many Pedersen hashes in lockstep: round s adds digit s of every hash to its affine accumulator, and the
/// round's slopes share one field inversion (Montgomery's trick, three multiplications an element).
/// </summary>
/// <remarks>
/// An affine addition (x1, y1) + (x2, y2) with x1 ≠ x2 is λ = (y2 − y1)/(x2 − x1), x3 = λ² − x1 − x2,
/// y3 = λ(x1 − x3) − y1: with the shared inversion about 6 multiplications against the 11 of a Jacobian mixed
/// addition, and the result is affine, so no inversion at the end. The accumulator starts at the shift point
/// (never infinity) and a zero digit adds nothing (the identity is never looked up). Table entries are never
/// infinity (their multiples of the base are below its prime order). The only exceptional addition is
/// x1 = x2 (a doubling, or a sum at infinity): a hash that meets one leaves the batch and is recomputed by
/// <see cref="PedersenTables.Hash"/>, whose projective formulas handle every case, so results are always exactly
/// those of the single hash (including its exception when the sum is infinity).
/// </remarks>
internal static class PedersenBatch
{
    /// <summary>Batches smaller than this hash one by one (48 shared inversions cost more than they save).</summary>
    internal const int MinBatch = 16;

    /// <summary>Largest lockstep group: big enough to amortise the inversion, small enough to stay in cache.</summary>
    internal const int MaxChunk = 256;

    public static void HashMany(PedersenTables t, ReadOnlySpan<Felt> a, ReadOnlySpan<Felt> b, Span<Felt> result)
    {
        if (a.Length != b.Length || result.Length < a.Length)
        {
            throw new ArgumentException("a and b must have the same length and result at least that length");
        }

        int n = a.Length;
        if (n < MinBatch)
        {
            for (int i = 0; i < n; i++) result[i] = t.Hash(a[i], b[i]);
            return;
        }

        // Even chunks, so the last one is not a small, inversion-bound remainder.
        int chunks = (n + MaxChunk - 1) / MaxChunk;
        int chunk = (n + chunks - 1) / chunks;
        var felts = ArrayPool<Felt>.Shared.Rent(6 * chunk);
        var digits = ArrayPool<short>.Shared.Rent(t.Slots * chunk);
        var index = ArrayPool<int>.Shared.Rent(chunk);
        var failed = ArrayPool<bool>.Shared.Rent(chunk);
        try
        {
            for (int start = 0; start < n; start += chunk)
            {
                int m = Math.Min(chunk, n - start);
                var buffers = new Buffers(felts, digits, index, failed, m, t.Slots);
                Run(t, a.Slice(start, m), b.Slice(start, m), result.Slice(start, m), buffers);
            }
        }
        finally
        {
            ArrayPool<bool>.Shared.Return(failed);
            ArrayPool<int>.Shared.Return(index);
            ArrayPool<short>.Shared.Return(digits);
            ArrayPool<Felt>.Shared.Return(felts);
        }
    }

    private readonly ref struct Buffers
    {
        public readonly Span<Felt> X, Y, Qx, Qy, Den, Prefix;
        public readonly Span<short> Digits;
        public readonly Span<int> Index;
        public readonly Span<bool> Failed;

        public Buffers(Felt[] felts, short[] digits, int[] index, bool[] failed, int m, int slots)
        {
            X = felts.AsSpan(0, m);
            Y = felts.AsSpan(m, m);
            Qx = felts.AsSpan(2 * m, m);
            Qy = felts.AsSpan(3 * m, m);
            Den = felts.AsSpan(4 * m, m);
            Prefix = felts.AsSpan(5 * m, m);
            Digits = digits.AsSpan(0, slots * m);
            Index = index.AsSpan(0, m);
            Failed = failed.AsSpan(0, m);
        }
    }

    private static void Run(PedersenTables t, ReadOnlySpan<Felt> a, ReadOnlySpan<Felt> b, Span<Felt> result, Buffers buf)
    {
        int m = a.Length;
        int slots = t.Slots;
        var x = buf.X;
        var y = buf.Y;
        var qx = buf.Qx;
        var qy = buf.Qy;
        var den = buf.Den;
        var prefix = buf.Prefix;
        var digits = buf.Digits; // hash i's digits at [i·slots, (i + 1)·slots)
        var index = buf.Index;
        var failed = buf.Failed;

        var first = t.SlotTable[0];
        int firstWindow = t.SlotWindow[0];
        for (int i = 0; i < m; i++)
        {
            var own = digits.Slice(i * slots, slots);
            t.Recode(a[i], b[i], own);
            if (own[0] != 0) first.PrefetchDigit(firstWindow, own[0]);
            x[i] = t.Shift.X;
            y[i] = t.Shift.Y;
            failed[i] = false;
        }

        for (int s = 0; s < slots; s++)
        {
            var table = t.SlotTable[s];
            int window = t.SlotWindow[s];
            bool hasNext = s + 1 < slots;
            var nextTable = hasNext ? t.SlotTable[s + 1] : table;
            int nextWindow = hasNext ? t.SlotWindow[s + 1] : 0;

            // Gather this round's additions; prefetch the next round's entries while the slopes are computed.
            int k = 0;
            for (int i = 0; i < m; i++)
            {
                if (failed[i]) continue;
                int at = i * slots + s;
                if (hasNext && digits[at + 1] != 0) nextTable.PrefetchDigit(nextWindow, digits[at + 1]);
                int d = digits[at];
                if (d == 0) continue;
                table.LoadDigit(window, d, out var ex, out var ey);
                var dx = ex - x[i];
                if (dx.IsZero)
                {
                    failed[i] = true; // doubling or infinity: recomputed by the single hash
                    continue;
                }

                qx[k] = ex;
                qy[k] = ey;
                den[k] = dx;
                index[k] = i;
                k++;
            }

            if (k == 0) continue;

            // Montgomery's trick: prefix[j] = den[0]·…·den[j], one inversion, then peel the inverses off backwards.
            Felt acc = den[0];
            prefix[0] = acc;
            for (int j = 1; j < k; j++)
            {
                acc *= den[j];
                prefix[j] = acc;
            }

            Felt inv = acc.Inverse(); // no factor is zero
            for (int j = k - 1; j > 0; j--)
            {
                var dj = den[j];
                den[j] = inv * prefix[j - 1];
                inv *= dj;
            }

            den[0] = inv;

            for (int j = 0; j < k; j++)
            {
                int i = index[j];
                var x1 = x[i];
                var y1 = y[i];
                var lambda = (qy[j] - y1) * den[j];
                var x3 = lambda.Square() - x1 - qx[j];
                y[i] = lambda * (x1 - x3) - y1;
                x[i] = x3;
            }
        }

        for (int i = 0; i < m; i++)
        {
            result[i] = failed[i] ? t.Hash(a[i], b[i]) : x[i];
        }
    }
}
