using System.Runtime.CompilerServices;
using Cairn.Primitives;
using Cairn.Stark.Air;
using Cairn.Stark.Polynomials;

namespace Cairn.Stark.Proving;

/// <summary>
/// H on the first <c>d</c> cosets of E (spec stark-prover.md §5.4), one coset at a time from the trace
/// coefficients: the coset's columns are recomputed in natural order, and each domain's <c>N/D</c> is built per chunk
/// of points. On coset c (<c>x_j = offset_c·g^j</c>) a denominator <c>x^{T/s} − g^{o·T/s}</c> and a periodic exemption
/// factor repeat with their period, so they come from a small per-coset table (Stone's
/// <c>PrecomputeDomainEvalsOnCoset</c>); single-row denominators vary per point and are batch-inverted per chunk.
/// </summary>
[SkipLocalsInit]
internal static class CompositionOnCosets
{
    /// <summary>Periods up to this size are tabulated per coset; longer ones are computed per point.</summary>
    private const int TableLimit = 1 << 12;

    private const int ChunkSize = 1 << 10;

    /// <summary>Returns H on cosets 0 … d−1 of E in committed order (<c>c·T + bitrev(j)</c>).</summary>
    public static Felt[] Evaluate(CompositionEvaluator composition, EvaluationDomain domain, LdeColumns trace, Felt[] challenges, Felt[] betaPowers)
    {
        var air = composition.Air;
        int t = domain.TraceLength, logT = domain.LogTraceLength, d = air.ConstraintDegree;
        Felt g = domain.TraceGenerator;
        var domains = composition.Domains;
        int domainCount = domains.Length;

        var mask = air.Mask;
        int maskCount = mask.Count;
        var maskColumn = new int[maskCount];
        var maskOffsets = new int[maskCount];
        var usedColumns = new List<int>();
        for (int m = 0; m < maskCount; m++)
        {
            maskColumn[m] = mask[m].Column;
            maskOffsets[m] = ((mask[m].RowOffset % t) + t) % t;
            if (!usedColumns.Contains(maskColumn[m])) usedColumns.Add(maskColumn[m]);
        }

        // Per domain: tabulated (period P) or per point; the exempt rows' points g^r.
        var period = new int[domainCount];
        var perPointIndex = new int[domainCount];
        int perPoint = 0;
        var exemptPoints = new Felt[domainCount][];
        var denominatorShift = new Felt[domainCount];
        var exemptShift = new Felt[domainCount];
        for (int di = 0; di < domainCount; di++)
        {
            var dom = domains[di];
            int p = Math.Max(dom.Step, dom.ExemptStep);
            if (p <= TableLimit)
            {
                period[di] = p;
                perPointIndex[di] = -1;
            }
            else
            {
                period[di] = 0;
                perPointIndex[di] = perPoint++;
            }
            exemptPoints[di] = new Felt[dom.ExemptRows.Length];
            for (int e = 0; e < dom.ExemptRows.Length; e++) exemptPoints[di][e] = g.Pow((ulong)dom.ExemptRows[e]);
            denominatorShift[di] = g.Pow((ulong)dom.Offset * (ulong)(t / dom.Step));
            if (dom.ExemptStep != 0) exemptShift[di] = g.Pow((ulong)dom.ExemptOffset * (ulong)(t / dom.ExemptStep));
        }

        var result = new Felt[d * t];
        var natural = new Felt[trace.Count][];
        foreach (int col in usedColumns) natural[col] = trace.Pool.Rent();
        var periodicColumns = air.PeriodicColumns;
        for (int c = 0; c < d; c++)
        {
            int coset = c;
            Felt offset = domain.CosetOffset(c);
            // This coset of every used column, in natural order (the mask reads (j + r) mod T).
            Parallel.ForEach(usedColumns, col =>
            {
                trace.EvaluateCoset(col, coset, natural[col]);
                BitReversal.Permute(natural[col]);
            });
            // Tables of N/D for the periodic domains, and of the periodic columns, on this coset.
            var tables = new Felt[domainCount][];
            for (int di = 0; di < domainCount; di++)
            {
                if (period[di] == 0) continue;
                var dom = domains[di];
                int s = dom.Step, p = period[di];
                var inverse = new Felt[s];
                Felt x = offset;
                for (int r = 0; r < s; r++)
                {
                    inverse[r] = dom.Denominator(x, t, g);
                    x *= g;
                }
                Felt.BatchInverse(inverse);
                var table = new Felt[p];
                x = offset;
                for (int r = 0; r < p; r++)
                {
                    table[r] = dom.ExemptStep == 0 ? inverse[r & (s - 1)] : inverse[r & (s - 1)] * dom.PeriodicNumerator(x, t, g);
                    x *= g;
                }
                tables[di] = table;
            }
            var periodic = new Felt[periodicColumns.Count][];
            for (int pc = 0; pc < periodic.Length; pc++)
            {
                var column = periodicColumns[pc];
                periodic[pc] = new Felt[column.Period];
                Felt x = offset;
                for (int r = 0; r < column.Period; r++)
                {
                    periodic[pc][r] = column.Evaluate(x, t);
                    x *= g;
                }
            }
            var maskColumns = new Felt[maskCount][];
            for (int m = 0; m < maskCount; m++) maskColumns[m] = natural[maskColumn[m]];
            int chunks = (t + ChunkSize - 1) / ChunkSize;
            Parallel.For(0, chunks, chunk =>
            {
                int from = chunk * ChunkSize, to = Math.Min(t, from + ChunkSize), len = to - from;
                var maskValues = new Felt[maskCount];
                var periodicValues = new Felt[periodic.Length];
                var constraints = new Felt[betaPowers.Length];
                var perDomain = new Felt[domainCount];
                // Per-point denominators of the long-period domains, inverted together.
                var inverses = perPoint == 0 ? [] : new Felt[perPoint * len];
                if (perPoint > 0)
                {
                    Felt x = offset * g.Pow((ulong)from);
                    for (int j = 0; j < len; j++)
                    {
                        for (int di = 0; di < domainCount; di++)
                            if (perPointIndex[di] >= 0) inverses[perPointIndex[di] * len + j] = Power(x, t / domains[di].Step) - denominatorShift[di];
                        x *= g;
                    }
                    Felt.BatchInverse(inverses);
                }
                Felt point = offset * g.Pow((ulong)from);
                for (int j = from; j < to; j++)
                {
                    for (int m = 0; m < maskCount; m++) maskValues[m] = maskColumns[m][(j + maskOffsets[m]) & (t - 1)];
                    for (int pc = 0; pc < periodic.Length; pc++) periodicValues[pc] = periodic[pc][j & (periodic[pc].Length - 1)];
                    air.EvaluateConstraints(new ConstraintFrame(maskValues, periodicValues, challenges), constraints);
                    // Constraints sharing a domain are summed first, then multiplied by N/D once (Stone's grouping).
                    Array.Clear(perDomain);
                    var domainIndex = composition.DomainIndex;
                    for (int k = 0; k < constraints.Length; k++) perDomain[domainIndex[k]] += betaPowers[k] * constraints[k];
                    Felt sum = Felt.Zero;
                    for (int di = 0; di < domainCount; di++)
                    {
                        Felt fraction;
                        if (perPointIndex[di] < 0)
                        {
                            fraction = tables[di]![j & (period[di] - 1)];
                        }
                        else
                        {
                            fraction = inverses[perPointIndex[di] * len + (j - from)];
                            if (domains[di].ExemptStep != 0)
                                fraction *= Power(point, t / domains[di].ExemptStep) - exemptShift[di];
                        }
                        var exempt = exemptPoints[di];
                        for (int e = 0; e < exempt.Length; e++) fraction *= point - exempt[e];
                        sum += perDomain[di] * fraction;
                    }
                    result[coset * t + BitReversal.Reverse(j, logT)] = sum;
                    point *= g;
                }
            });
        }
        foreach (int col in usedColumns) trace.Pool.Return(natural[col]);
        return result;
    }

    /// <summary>x^e for a power of two e (repeated squaring).</summary>
    private static Felt Power(Felt x, int e)
    {
        while (e > 1)
        {
            x = x.Square();
            e >>= 1;
        }
        return x;
    }
}
