using System.Numerics;
using Cairn.Primitives;
using Cairn.Stark.Air;
using Cairn.Stark.Channel;
using Cairn.Stark.Fri;
using Cairn.Stark.Merkle;
using Cairn.Stark.Polynomials;

namespace Cairn.Stark.Proving;

/// <summary>
/// The STARK prover, Stone-style rounds (spec stark-prover.md §5.2–5.9): main trace, interaction trace, composition
/// on the <c>d·T</c> domain broken into <c>d</c> columns, out-of-domain sampling, DEEP composition as the virtual
/// first FRI layer, FRI, and decommitment of every trace tree at the queries.
/// </summary>
public sealed class StarkProver
{
    private readonly StarkParameters _parameters;

    public StarkProver(StarkParameters parameters) => _parameters = parameters;

    /// <summary>Records the annotation log in the proof.</summary>
    public bool Annotate { get; init; }

    /// <summary>
    /// Checks every constraint on every row of its domain before committing the composition (spec §5.12 pitfall 3)
    /// and throws on the first violation. An invalid trace otherwise yields a proof the verifier rejects.
    /// </summary>
    public bool ValidateTrace { get; init; } = true;

    /// <summary>Proves that <paramref name="mainTrace"/> (columns in natural row order) satisfies <paramref name="air"/>.</summary>
    public StarkProof Prove(IAir air, IReadOnlyList<Felt[]> mainTrace)
    {
        var p = _parameters;
        var composition = new CompositionEvaluator(air);
        int t = air.TraceLength;
        if (t < 2 || !BitOperations.IsPow2(t)) throw new ArgumentException("the trace length must be a power of two ≥ 2");
        int logT = BitOperations.Log2((uint)t);
        if (p.Fri.LogDegreeBound != logT) throw new ArgumentException($"FRI parameters are for 2^{p.Fri.LogDegreeBound} rows, the trace has 2^{logT}");
        int d = air.ConstraintDegree;
        if (p.LogBlowup < BitOperations.Log2((uint)d)) throw new ArgumentException("the blowup must be at least the constraint degree");
        if (mainTrace.Count != air.MainColumns) throw new ArgumentException("wrong number of main columns");
        foreach (var column in mainTrace)
            if (column.Length != t) throw new ArgumentException("a main column has the wrong length");

        var domain = new EvaluationDomain(logT, p.LogBlowup);
        var channel = new ProverChannel(air.PublicInputSeed()) { Annotations = Annotate ? [] : null };

        // ---- round 1: main trace ---------------------------------------------------------------
        var main = Commit(channel, mainTrace, p, "main trace commitment");

        // ---- round 2: interaction trace -------------------------------------------------------
        var challenges = new Felt[air.InteractionChallenges];
        for (int i = 0; i < challenges.Length; i++) challenges[i] = channel.DrawFelt("interaction challenge");
        Committed? interaction = null;
        if (air.InteractionColumns > 0)
        {
            var columns = air.BuildInteractionTrace(mainTrace, challenges);
            if (columns.Length != air.InteractionColumns) throw new InvalidOperationException("the AIR built the wrong number of interaction columns");
            interaction = Commit(channel, columns, p, "interaction trace commitment");
        }
        if (ValidateTrace)
        {
            var columns = new List<Felt[]>(mainTrace);
            if (interaction is not null) columns.AddRange(interaction.Trace);
            CheckConstraints(composition, columns, challenges);
        }
        var traceLde = new List<Felt[]>(main.Lde);
        var traceCoefficients = new List<Felt[]>(main.Coefficients);
        if (interaction is not null)
        {
            traceLde.AddRange(interaction.Lde);
            traceCoefficients.AddRange(interaction.Coefficients);
        }

        // ---- round 3: composition polynomial ------------------------------------------------------------
        Felt beta = channel.DrawFelt("composition challenge β");
        var betaPowers = CompositionEvaluator.Powers(beta, air.ConstraintDomains.Count);
        var h = EvaluateComposition(composition, domain, traceLde, challenges, betaPowers);
        Fft.CosetInverse(h, RootsOfUnity.Generator);
        var breaks = new Felt[d][];
        for (int m = 0; m < d; m++)
        {
            breaks[m] = new Felt[t];
            for (int i = 0; i < t; i++) breaks[m][i] = h[d * i + m];
        }
        var compositionLde = new Felt[d][];
        for (int m = 0; m < d; m++) compositionLde[m] = LowDegreeExtension.ExtendCoefficients(breaks[m], p.LogBlowup);
        var compositionTree = MerkleTree.FromColumns(compositionLde, p.Hasher);
        channel.SendCommitment(compositionTree.Root, "composition commitment");

        // ---- round 4: out-of-domain sampling ------------------------------------------------------------
        Felt zeta = channel.DrawFelt("OODS point ζ");
        Felt g = domain.TraceGenerator;
        var mask = air.Mask;
        var maskValues = new Felt[mask.Count];
        for (int i = 0; i < mask.Count; i++)
        {
            maskValues[i] = Polynomial.Evaluate(traceCoefficients[mask[i].Column], zeta * Pow(g, mask[i].RowOffset, t));
            channel.SendFelt(maskValues[i], $"OODS mask value {i}");
        }
        Felt zetaPow = zeta.Pow((ulong)d);
        var compositionValues = new Felt[d];
        for (int m = 0; m < d; m++)
        {
            compositionValues[m] = Polynomial.Evaluate(breaks[m], zetaPow);
            channel.SendFelt(compositionValues[m], $"OODS composition value {m}");
        }

        // ---- round 5: DEEP composition (the virtual first FRI layer) --------------------------------------
        Felt gamma = channel.DrawFelt("DEEP challenge γ");
        var deep = EvaluateDeep(domain, air, traceLde, compositionLde, zeta, maskValues, compositionValues, gamma);

        // ---- rounds 6–7 and decommitment: FRI, with the trace trees opened at the queries --------------------
        var trees = new List<(MerkleTree Tree, IReadOnlyList<Felt[]> Lde, string Name)> { (main.Tree, main.Lde, "main") };
        if (interaction is not null) trees.Add((interaction.Tree, interaction.Lde, "interaction"));
        trees.Add((compositionTree, compositionLde, "composition"));
        new FriProver(p.Fri, p.Hasher).Prove(channel, deep, queries =>
        {
            foreach (var (tree, lde, name) in trees)
            {
                var rows = new Felt[queries.Length * lde.Count];
                for (int q = 0; q < queries.Length; q++)
                    for (int c = 0; c < lde.Count; c++) rows[q * lde.Count + c] = lde[c][queries[q]];
                channel.WriteDecommitmentFelts(rows, $"{name} rows");
                channel.WriteDecommitment(tree.Decommit(queries), $"{name} authentication nodes");
            }
        });
        return new StarkProof(channel.Proof.ToArray()) { Annotations = channel.Annotations };
    }

    private sealed record Committed(IReadOnlyList<Felt[]> Trace, Felt[][] Coefficients, Felt[][] Lde, MerkleTree Tree);

    /// <summary>Evaluates every constraint on the rows of its domain; throws on a non-zero value.</summary>
    private static void CheckConstraints(CompositionEvaluator composition, List<Felt[]> columns, Felt[] challenges)
    {
        var air = composition.Air;
        int t = air.TraceLength;
        var mask = air.Mask;
        var maskValues = new Felt[mask.Count];
        var periodic = new Felt[air.PeriodicColumns.Count];
        var constraints = new Felt[air.ConstraintDomains.Count];
        for (int j = 0; j < t; j++)
        {
            for (int m = 0; m < mask.Count; m++) maskValues[m] = columns[mask[m].Column][((j + mask[m].RowOffset) % t + t) % t];
            for (int pc = 0; pc < periodic.Length; pc++) periodic[pc] = air.PeriodicColumns[pc].Values[j % air.PeriodicColumns[pc].Period];
            air.EvaluateConstraints(new ConstraintFrame(maskValues, periodic, challenges), constraints);
            for (int k = 0; k < constraints.Length; k++)
                if (!constraints[k].IsZero && air.ConstraintDomains[k].Contains(j))
                    throw new InvalidOperationException($"constraint {k} does not hold at row {j}");
        }
    }

    private static Committed Commit(ProverChannel channel, IReadOnlyList<Felt[]> columns, StarkParameters p, string annotation)
    {
        var coefficients = new Felt[columns.Count][];
        var lde = new Felt[columns.Count][];
        Parallel.For(0, columns.Count, c =>
        {
            coefficients[c] = LowDegreeExtension.Interpolate(columns[c]);
            lde[c] = LowDegreeExtension.ExtendCoefficients(coefficients[c], p.LogBlowup);
        });
        var tree = MerkleTree.FromColumns(lde, p.Hasher);
        channel.SendCommitment(tree.Root, annotation);
        return new Committed(columns, coefficients, lde, tree);
    }

    /// <summary>g^r for a possibly negative row offset r.</summary>
    internal static Felt Pow(Felt g, int r, int traceLength) => g.Pow((ulong)(((r % traceLength) + traceLength) % traceLength));

    /// <summary>
    /// H on the first <c>d</c> cosets of E (the domain <c>3·⟨ω_{dT}⟩</c>, bit-reversed storage), from the trace LDE:
    /// within coset c, natural point j is stored at <c>c·T + bitrev(j)</c> and its neighbour at row offset r at
    /// <c>c·T + bitrev((j + r) mod T)</c> (spec §1.2).
    /// </summary>
    private static Felt[] EvaluateComposition(CompositionEvaluator composition, EvaluationDomain domain, List<Felt[]> traceLde,
        Felt[] challenges, Felt[] betaPowers)
    {
        var air = composition.Air;
        int t = domain.TraceLength, logT = domain.LogTraceLength, d = air.ConstraintDegree;
        int size = d * t;
        var points = new Felt[size]; // natural order per coset: points[c·T + j] = offset_c·g^j
        Felt g = domain.TraceGenerator;
        for (int c = 0; c < d; c++)
        {
            Felt x = domain.CosetOffset(c);
            for (int j = 0; j < t; j++)
            {
                points[c * t + j] = x;
                x *= g;
            }
        }
        // N/D per distinct domain and point. On coset c, x^{T/s} = offset_c^{T/s}·ω_s^j depends only on j mod s, so
        // each coset has s distinct denominators (spec §5.4, Stone's PrecomputeDomainEvalsOnCoset): evaluate and
        // batch-invert those, then spread them over the coset.
        var fractions = new Felt[composition.Domains.Length][];
        Parallel.For(0, composition.Domains.Length, di =>
        {
            var dom = composition.Domains[di];
            int s = dom.Step;
            var distinct = new Felt[d * s];
            for (int c = 0; c < d; c++)
                for (int r = 0; r < s; r++) distinct[c * s + r] = dom.Denominator(points[c * t + r], t, g);
            Felt.BatchInverse(distinct);
            var exempt = new Felt[dom.ExemptRows.Length];
            for (int e = 0; e < exempt.Length; e++) exempt[e] = g.Pow((ulong)dom.ExemptRows[e]);
            var fraction = new Felt[size];
            for (int i = 0; i < size; i++)
            {
                int c = i / t, j = i % t;
                Felt value = distinct[c * s + (j & (s - 1))];
                for (int e = 0; e < exempt.Length; e++) value *= points[i] - exempt[e];
                fraction[i] = value;
            }
            fractions[di] = fraction;
        });
        // Periodic columns: Q(x^{T/p}) also repeats with period p on each coset.
        var periodic = new Felt[air.PeriodicColumns.Count][];
        for (int pc = 0; pc < periodic.Length; pc++)
        {
            var column = air.PeriodicColumns[pc];
            int period = column.Period;
            periodic[pc] = new Felt[size];
            for (int c = 0; c < d; c++)
            {
                for (int r = 0; r < period; r++)
                {
                    Felt value = column.Evaluate(points[c * t + r], t);
                    for (int j = r; j < t; j += period) periodic[pc][c * t + j] = value;
                }
            }
        }
        var mask = air.Mask;
        var result = new Felt[size];
        int chunks = Math.Max(1, Math.Min(Environment.ProcessorCount * 4, size / 256));
        Parallel.For(0, chunks, chunk =>
        {
            int from = (int)((long)size * chunk / chunks), to = (int)((long)size * (chunk + 1) / chunks);
            var maskValues = new Felt[mask.Count];
            var periodicValues = new Felt[periodic.Length];
            var constraints = new Felt[air.ConstraintDomains.Count];
            for (int i = from; i < to; i++)
            {
                int c = i / t, j = i % t;
                for (int m = 0; m < mask.Count; m++)
                {
                    int row = ((j + mask[m].RowOffset) % t + t) % t;
                    maskValues[m] = traceLde[mask[m].Column][c * t + BitReversal.Reverse(row, logT)];
                }
                for (int pc = 0; pc < periodic.Length; pc++) periodicValues[pc] = periodic[pc][i];
                air.EvaluateConstraints(new ConstraintFrame(maskValues, periodicValues, challenges), constraints);
                Felt sum = Felt.Zero;
                for (int k = 0; k < constraints.Length; k++)
                    sum += betaPowers[k] * constraints[k] * fractions[composition.DomainIndex[k]][i];
                result[c * t + BitReversal.Reverse(j, logT)] = sum;
            }
        });
        return result;
    }

    /// <summary>The DEEP composition P on all of E in committed order (spec §5.6).</summary>
    private static Felt[] EvaluateDeep(EvaluationDomain domain, IAir air, List<Felt[]> traceLde, Felt[][] compositionLde,
        Felt zeta, Felt[] maskValues, Felt[] compositionValues, Felt gamma)
    {
        int n = domain.Size, t = domain.TraceLength, logT = domain.LogTraceLength;
        Felt g = domain.TraceGenerator;
        var points = new Felt[n];
        var gPowers = CompositionEvaluator.Powers(g, t);
        for (int c = 0; c < domain.Blowup; c++)
        {
            Felt offset = domain.CosetOffset(c);
            for (int o = 0; o < t; o++) points[c * t + o] = offset * gPowers[BitReversal.Reverse(o, logT)];
        }
        var mask = air.Mask;
        // One inverse-denominator vector per distinct row offset, plus ζ^d.
        var offsets = new List<int>();
        foreach (var m in mask)
            if (!offsets.Contains(m.RowOffset)) offsets.Add(m.RowOffset);
        var inverses = new Felt[offsets.Count + 1][];
        Felt zetaPow = zeta.Pow((ulong)air.ConstraintDegree);
        Parallel.For(0, inverses.Length, k =>
        {
            Felt shift = k < offsets.Count ? zeta * Pow(g, offsets[k], t) : zetaPow;
            var v = new Felt[n];
            for (int i = 0; i < n; i++) v[i] = points[i] - shift;
            Felt.BatchInverse(v);
            inverses[k] = v;
        });
        var gammaPowers = CompositionEvaluator.Powers(gamma, mask.Count + compositionValues.Length);
        var maskOffsetIndex = new int[mask.Count];
        for (int i = 0; i < mask.Count; i++) maskOffsetIndex[i] = offsets.IndexOf(mask[i].RowOffset);
        var result = new Felt[n];
        int parts = Math.Max(1, Math.Min(Environment.ProcessorCount * 4, n / 256));
        Parallel.For(0, parts, part =>
        {
            int from = (int)((long)n * part / parts), to = (int)((long)n * (part + 1) / parts);
            for (int i = from; i < to; i++)
            {
                Felt sum = Felt.Zero;
                for (int m = 0; m < mask.Count; m++)
                    sum += gammaPowers[m] * (traceLde[mask[m].Column][i] - maskValues[m]) * inverses[maskOffsetIndex[m]][i];
                var zInv = inverses[offsets.Count][i];
                for (int m = 0; m < compositionValues.Length; m++)
                    sum += gammaPowers[mask.Count + m] * (compositionLde[m][i] - compositionValues[m]) * zInv;
                result[i] = sum;
            }
        });
        return result;
    }
}
