using Cairn.Primitives;
using Cairn.Stark.Air;
using Cairn.Stark.Polynomials;

namespace Cairn.Stark.Proving;

/// <summary>
/// The DEEP composition P of spec stark-prover.md §5.6, built in coefficient form and then evaluated on E.
/// </summary>
/// <remarks>
/// The terms sharing a denominator <c>x − a</c> (one per distinct row offset, plus <c>x − ζ^d</c>) add up to
/// <c>(S(x) − S(a)) / (x − a)</c> with <c>S = Σ γ^i·t_{c_i}</c>, because the claimed values are exactly
/// <c>t_{c_i}(a)</c>; that quotient is a polynomial, obtained by synthetic division. The sum of the quotients is P,
/// whose value at every point of E equals the pointwise quotient sum exactly — so the committed layer is the same as
/// the pointwise evaluation — at the cost of about one multiplication per mask entry and coefficient plus one coset
/// FFT per coset, instead of a batch inversion and a multiply-add per mask entry at every point of E.
/// </remarks>
internal static class DeepComposition
{
    /// <summary>P on all of E in committed order.</summary>
    public static Felt[] Evaluate(EvaluationDomain domain, IAir air, LdeColumns trace, LdeColumns composition, Felt zeta, Felt gamma)
    {
        int t = domain.TraceLength;
        Felt g = domain.TraceGenerator;
        var mask = air.Mask;
        var gammaPowers = CompositionEvaluator.Powers(gamma, mask.Count + composition.Count);
        // Groups: one per distinct row offset (first-appearance order), then the composition columns.
        var offsets = new List<int>();
        foreach (var m in mask)
            if (!offsets.Contains(m.RowOffset)) offsets.Add(m.RowOffset);
        var groups = new List<(Felt Shift, List<(Felt Weight, Felt[] Coefficients)> Terms)>();
        foreach (int r in offsets)
        {
            var terms = new List<(Felt, Felt[])>();
            for (int i = 0; i < mask.Count; i++)
                if (mask[i].RowOffset == r) terms.Add((gammaPowers[i], trace.Coefficients[mask[i].Column]));
            groups.Add((zeta * StarkProver.Pow(g, r, t), terms));
        }
        var compositionTerms = new List<(Felt, Felt[])>();
        for (int m = 0; m < composition.Count; m++) compositionTerms.Add((gammaPowers[mask.Count + m], composition.Coefficients[m]));
        groups.Add((zeta.Pow((ulong)air.ConstraintDegree), compositionTerms));

        var partials = new List<Felt[]>();
        var gate = new object();
        var pool = trace.Pool;
        // One accumulator per worker: cap the workers, or the thread pool's injected threads would each rent one.
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, groups.Count, options, () =>
        {
            var fresh = pool.Rent();
            Array.Clear(fresh);
            return fresh;
        }, (k, _, accumulator) =>
        {
            var (shift, terms) = groups[k];
            AddQuotient(accumulator, shift, terms);
            return accumulator;
        }, accumulator =>
        {
            lock (gate) partials.Add(accumulator);
        });
        var p = partials[0];
        for (int i = 1; i < partials.Count; i++)
        {
            var other = partials[i];
            for (int j = 0; j < t; j++) p[j] += other[j];
        }
        for (int i = 1; i < partials.Count; i++) pool.Return(partials[i]);
        partials.Clear();

        var result = new Felt[domain.Size];
        Parallel.For(0, domain.Blowup, c =>
        {
            var block = result.AsSpan(c * t, t);
            p.AsSpan().CopyTo(block);
            Fft.CosetForward(block, domain.CosetOffset(c));
        });
        pool.Return(p);
        return result;
    }

    /// <summary>
    /// accumulator += (S(x) − S(a)) / (x − a) for <c>S = Σ weight·f</c> over the terms (synthetic division:
    /// <c>q_{T−2} = s_{T−1}</c>, <c>q_{j−1} = s_j + a·q_j</c>).
    /// </summary>
    private static void AddQuotient(Felt[] accumulator, Felt a, List<(Felt Weight, Felt[] Coefficients)> terms)
    {
        int t = accumulator.Length;
        var weights = new Felt[terms.Count];
        var columns = new Felt[terms.Count][];
        for (int i = 0; i < terms.Count; i++) (weights[i], columns[i]) = terms[i];
        Felt q = Felt.Zero;
        for (int j = t - 1; j >= 1; j--)
        {
            Felt s = Felt.Zero;
            for (int i = 0; i < columns.Length; i++) s += weights[i] * columns[i][j];
            q = s + a * q;
            accumulator[j - 1] += q;
        }
    }
}
