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

    /// <summary>Called with the name of each phase as it starts (progress reporting), with the process's memory then.</summary>
    public Action<string>? Progress { get; init; }

    private void Report(string phase, bool collect = false)
    {
        // Phases drop their large buffers before the next one allocates its own: collect them now, or the garbage of
        // every phase piles up (no gen-2 collection is otherwise due on a machine with free memory) and sets the peak.
        if (collect) GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
        if (Progress is null) return;
        double cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        Progress($"{phase} (process CPU {cpu:F1} s, working set {Environment.WorkingSet >> 20} MiB, managed heap {GC.GetTotalMemory(false) >> 20} MiB)");
    }

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
        int pruned = PrunedMerkleLevels;
        bool large = domain.Size >= 1 << 20;

        // ---- round 1: main trace ---------------------------------------------------------------
        // Only coefficients are kept (spec §9.3); E is recomputed one coset at a time whenever it is needed.
        Report("main trace: interpolation, coset-by-coset extension and commitment");
        var pool = new ColumnBufferPool(t);
        var main = LdeColumns.Interpolate(mainTrace, domain, pool);
        var mainTree = main.Commit(p.Hasher, pruned);
        channel.SendCommitment(mainTree.Root, "main trace commitment");

        // ---- round 2: interaction trace -------------------------------------------------------
        var challenges = new Felt[air.InteractionChallenges];
        for (int i = 0; i < challenges.Length; i++) challenges[i] = channel.DrawFelt("interaction challenge");
        LdeColumns? interaction = null;
        PrunedMerkleTree? interactionTree = null;
        Felt[][]? interactionValues = null;
        if (air.InteractionColumns > 0)
        {
            Report("interaction trace: build, interpolate, extend and commit", large);
            interactionValues = air.BuildInteractionTrace(mainTrace, challenges);
            if (interactionValues.Length != air.InteractionColumns) throw new InvalidOperationException("the AIR built the wrong number of interaction columns");
            foreach (var column in interactionValues)
                if (column.Length != t) throw new InvalidOperationException("an interaction column has the wrong length");
            interaction = LdeColumns.Interpolate(interactionValues, domain, pool);
            interactionTree = interaction.Commit(p.Hasher, pruned);
            channel.SendCommitment(interactionTree.Root, "interaction trace commitment");
        }
        if (ValidateTrace)
        {
            Report("checking every constraint on the trace");
            var columns = new List<Felt[]>(mainTrace);
            if (interactionValues is not null) columns.AddRange(interactionValues);
            CheckConstraints(composition, columns, challenges);
        }
        interactionValues = null;
        var trace = interaction is null ? main : new LdeColumns([.. main.Coefficients, .. interaction.Coefficients], domain, pool);

        // ---- round 3: composition polynomial ------------------------------------------------------------
        Felt beta = channel.DrawFelt("composition challenge β");
        Report("composition polynomial: evaluate on the first cosets", large);
        var betaPowers = CompositionEvaluator.Powers(beta, air.ConstraintDomains.Count);
        Felt[]? h = CompositionOnCosets.Evaluate(composition, domain, trace, challenges, betaPowers);
        Report("composition polynomial: interpolate, break, extend and commit", large);
        Fft.CosetInverse(h, RootsOfUnity.Generator);
        var breaks = new Felt[d][];
        for (int m = 0; m < d; m++)
        {
            breaks[m] = pool.Rent(); // every element is written below
            for (int i = 0; i < t; i++) breaks[m][i] = h[d * i + m];
        }
        h = null;
        var compositionColumns = new LdeColumns(breaks, domain, pool);
        var compositionTree = compositionColumns.Commit(p.Hasher, pruned);
        channel.SendCommitment(compositionTree.Root, "composition commitment");

        // ---- round 4: out-of-domain sampling ------------------------------------------------------------
        Felt zeta = channel.DrawFelt("OODS point ζ");
        Report("out-of-domain sampling", large);
        Felt g = domain.TraceGenerator;
        var mask = air.Mask;
        var maskValues = new Felt[mask.Count];
        Parallel.For(0, mask.Count, i =>
            maskValues[i] = Polynomial.Evaluate(trace.Coefficients[mask[i].Column], zeta * Pow(g, mask[i].RowOffset, t)));
        for (int i = 0; i < mask.Count; i++) channel.SendFelt(maskValues[i], $"OODS mask value {i}");
        Felt zetaPow = zeta.Pow((ulong)d);
        var compositionValues = new Felt[d];
        for (int m = 0; m < d; m++)
        {
            compositionValues[m] = Polynomial.Evaluate(breaks[m], zetaPow);
            channel.SendFelt(compositionValues[m], $"OODS composition value {m}");
        }

        // ---- round 5: DEEP composition (the virtual first FRI layer) --------------------------------------
        Felt gamma = channel.DrawFelt("DEEP challenge γ");
        Report("DEEP composition", large);
        var deep = DeepComposition.Evaluate(domain, air, trace, compositionColumns, zeta, gamma);

        // ---- rounds 6–7 and decommitment: FRI, with the trace trees opened at the queries --------------------
        var trees = new List<(PrunedMerkleTree Tree, LdeColumns Columns, string Name)> { (mainTree, main, "main") };
        if (interaction is not null) trees.Add((interactionTree!, interaction, "interaction"));
        trees.Add((compositionTree, compositionColumns, "composition"));
        Report("FRI commitment, proof of work and queries", large);
        new FriProver(p.Fri, p.Hasher).ProveOwned(channel, deep, queries =>
        {
            Report("trace decommitment at the queries", large);
            foreach (var (tree, columns, name) in trees) columns.Decommit(channel, tree, queries, name);
        });
        Report("proof complete");
        return new StarkProof(channel.Proof.ToArray()) { Annotations = channel.Annotations };
    }

    /// <summary>
    /// The lowest Merkle levels of the trace and composition trees that are not stored but rebuilt at the queries
    /// (each query recomputes a subtree of 2^L rows).
    /// </summary>
    public int PrunedMerkleLevels { get; init; } = 4;

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

    /// <summary>g^r for a possibly negative row offset r.</summary>
    internal static Felt Pow(Felt g, int r, int traceLength) => g.Pow((ulong)(((r % traceLength) + traceLength) % traceLength));
}
