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

    /// <summary>Called with the name of each phase as it starts (progress reporting).</summary>
    public Action<string>? Progress { get; init; }

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
        Progress?.Invoke("main trace: low-degree extension and commitment");
        var main = Commit(channel, mainTrace, p, "main trace commitment");

        // ---- round 2: interaction trace -------------------------------------------------------
        var challenges = new Felt[air.InteractionChallenges];
        for (int i = 0; i < challenges.Length; i++) challenges[i] = channel.DrawFelt("interaction challenge");
        Committed? interaction = null;
        if (air.InteractionColumns > 0)
        {
            Progress?.Invoke("interaction trace: build, extend and commit");
            var columns = air.BuildInteractionTrace(mainTrace, challenges);
            if (columns.Length != air.InteractionColumns) throw new InvalidOperationException("the AIR built the wrong number of interaction columns");
            interaction = Commit(channel, columns, p, "interaction trace commitment");
        }
        if (ValidateTrace)
        {
            Progress?.Invoke("checking every constraint on the trace");
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
        Progress?.Invoke("composition polynomial: evaluate, break, extend and commit");
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
        Progress?.Invoke("out-of-domain sampling");
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
        Progress?.Invoke("DEEP composition");
        var deep = EvaluateDeep(domain, air, traceLde, compositionLde, zeta, maskValues, compositionValues, gamma);

        // ---- rounds 6–7 and decommitment: FRI, with the trace trees opened at the queries --------------------
        var trees = new List<(MerkleTree Tree, IReadOnlyList<Felt[]> Lde, string Name)> { (main.Tree, main.Lde, "main") };
        if (interaction is not null) trees.Add((interaction.Tree, interaction.Lde, "interaction"));
        trees.Add((compositionTree, compositionLde, "composition"));
        Progress?.Invoke("FRI commitment, proof of work and queries");
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
            // The periodic exemption factor repeats with its own period s' on each coset, like the denominator.
            int sp = Math.Max(1, dom.ExemptStep);
            var periodicNumerator = new Felt[d * sp];
            for (int c = 0; c < d; c++)
                for (int r = 0; r < sp; r++) periodicNumerator[c * sp + r] = dom.PeriodicNumerator(points[c * t + r], t, g);
            var fraction = new Felt[size];
            for (int i = 0; i < size; i++)
            {
                int c = i / t, j = i % t;
                Felt value = distinct[c * s + (j & (s - 1))];
                if (dom.ExemptStep != 0) value *= periodicNumerator[c * sp + (j & (sp - 1))];
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
        var result = new Felt[size];
        var natural = new Felt[traceLde.Count][];
        foreach (int col in usedColumns) natural[col] = new Felt[t];
        for (int c = 0; c < d; c++)
        {
            // This coset of every column in natural row order, so that the mask reads stream through memory instead
            // of jumping around the bit-reversed LDE (one scattered read per cell instead of one per mask entry).
            Parallel.ForEach(usedColumns, col =>
            {
                var source = traceLde[col];
                var target = natural[col];
                for (int j = 0; j < t; j++) target[j] = source[c * t + BitReversal.Reverse(j, logT)];
            });
            var maskColumns = new Felt[maskCount][];
            for (int m = 0; m < maskCount; m++) maskColumns[m] = natural[maskColumn[m]];
            int coset = c;
            int chunks = Math.Max(1, Math.Min(Environment.ProcessorCount * 4, t / 256));
            Parallel.For(0, chunks, chunk =>
            {
                int from = (int)((long)t * chunk / chunks), to = (int)((long)t * (chunk + 1) / chunks);
                var maskValues = new Felt[maskCount];
                var periodicValues = new Felt[periodic.Length];
                var constraints = new Felt[air.ConstraintDomains.Count];
                var perDomain = new Felt[composition.Domains.Length];
                for (int j = from; j < to; j++)
                {
                    int i = coset * t + j;
                    for (int m = 0; m < maskCount; m++) maskValues[m] = maskColumns[m][(j + maskOffsets[m]) & (t - 1)];
                    for (int pc = 0; pc < periodic.Length; pc++) periodicValues[pc] = periodic[pc][i];
                    air.EvaluateConstraints(new ConstraintFrame(maskValues, periodicValues, challenges), constraints);
                    // Constraints sharing a domain are summed first, then multiplied by N/D once (Stone's grouping).
                    Array.Clear(perDomain);
                    for (int k = 0; k < constraints.Length; k++) perDomain[composition.DomainIndex[k]] += betaPowers[k] * constraints[k];
                    Felt sum = Felt.Zero;
                    for (int di = 0; di < perDomain.Length; di++) sum += perDomain[di] * fractions[di][i];
                    result[coset * t + BitReversal.Reverse(j, logT)] = sum;
                }
            });
        }
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
        // One denominator x − ζ·g^r per distinct row offset r, plus x − ζ^d.
        var offsets = new List<int>();
        foreach (var m in mask)
            if (!offsets.Contains(m.RowOffset)) offsets.Add(m.RowOffset);
        int kinds = offsets.Count + 1;
        var shifts = new Felt[kinds];
        for (int k = 0; k < offsets.Count; k++) shifts[k] = zeta * Pow(g, offsets[k], t);
        shifts[offsets.Count] = zeta.Pow((ulong)air.ConstraintDegree);
        var gammaPowers = CompositionEvaluator.Powers(gamma, mask.Count + compositionValues.Length);
        var maskOffsetIndex = new int[mask.Count];
        for (int i = 0; i < mask.Count; i++) maskOffsetIndex[i] = offsets.IndexOf(mask[i].RowOffset);
        var maskColumns = new Felt[mask.Count][];
        for (int i = 0; i < mask.Count; i++) maskColumns[i] = traceLde[mask[i].Column];
        var result = new Felt[n];
        // Blocks of points: the block's denominators are inverted together (one inversion per block), so no
        // full-size inverse vector is ever stored.
        const int blockSize = 1 << 12;
        int blocks = (n + blockSize - 1) / blockSize;
        Parallel.For(0, blocks, () => (new Felt[kinds * blockSize], new Felt[kinds * blockSize], new Felt[offsets.Count]), (block, _, buffers) =>
        {
            var (inverses, scratch, perOffset) = buffers;
            int from = block * blockSize, len = Math.Min(blockSize, n - from);
            for (int k = 0; k < kinds; k++)
                for (int i = 0; i < len; i++) inverses[k * len + i] = points[from + i] - shifts[k];
            Felt.BatchInverse(inverses.AsSpan(0, kinds * len), scratch.AsSpan(0, kinds * len));
            for (int i = 0; i < len; i++)
            {
                int at = from + i;
                // Terms sharing a row offset share the denominator: sum them, then multiply once.
                Array.Clear(perOffset);
                for (int m = 0; m < maskColumns.Length; m++)
                    perOffset[maskOffsetIndex[m]] += gammaPowers[m] * (maskColumns[m][at] - maskValues[m]);
                Felt sum = Felt.Zero;
                for (int k = 0; k < perOffset.Length; k++) sum += perOffset[k] * inverses[k * len + i];
                var zInv = inverses[offsets.Count * len + i];
                for (int m = 0; m < compositionValues.Length; m++)
                    sum += gammaPowers[mask.Count + m] * (compositionLde[m][at] - compositionValues[m]) * zInv;
                result[at] = sum;
            }
            return buffers;
        }, _ => { });
        return result;
    }
}
