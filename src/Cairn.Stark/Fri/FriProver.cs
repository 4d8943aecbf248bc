using Cairn.Primitives;
using Cairn.Stark.Channel;
using Cairn.Stark.Hashing;
using Cairn.Stark.Merkle;
using Cairn.Stark.Polynomials;

namespace Cairn.Stark.Fri;

/// <summary>
/// The FRI prover, Stone flavour (spec stark-prover.md §5.7–5.9; Stone <c>fri/fri_prover.cc</c>): commit phase,
/// last layer as coefficients, proof of work, query sampling, then the first-layer decommitment (by the caller) and
/// the decommitment of every committed layer.
/// </summary>
public sealed class FriProver
{
    private readonly FriParameters _parameters;
    private readonly ICommitmentHasher _hasher;

    public FriProver(FriParameters parameters, ICommitmentHasher hasher)
    {
        _parameters = parameters;
        _hasher = hasher;
    }

    /// <summary>Skips the last-layer degree check (tests only: lets a cheating prover emit a proof).</summary>
    internal bool SkipDegreeCheck { get; init; }

    /// <summary>
    /// Proves that <paramref name="firstLayer"/> (the N values of layer 0 in bit-reversed storage order) is close to
    /// a polynomial of degree below <c>N / B</c>. <paramref name="decommitFirstLayer"/> receives the sorted unique
    /// layer-0 positions (<see cref="FirstLayerPositions"/>) and writes whatever lets the verifier compute layer 0
    /// there. Returns the query positions.
    /// </summary>
    public int[] Prove(ProverChannel channel, ReadOnlySpan<Felt> firstLayer, Action<int[]>? decommitFirstLayer)
    {
        if (firstLayer.Length != 1 << _parameters.LogFirstLayerSize)
            throw new ArgumentException($"the first layer must have 2^{_parameters.LogFirstLayerSize} values", nameof(firstLayer));
        return ProveOwned(channel, firstLayer.ToArray(), decommitFirstLayer);
    }

    /// <summary>As <see cref="Prove"/>, taking ownership of <paramref name="firstLayer"/> (no copy; it becomes layer 1).</summary>
    internal int[] ProveOwned(ProverChannel channel, Felt[] firstLayer, Action<int[]>? decommitFirstLayer)
    {
        var p = _parameters;
        if (firstLayer.Length != 1 << p.LogFirstLayerSize)
            throw new ArgumentException($"the first layer must have 2^{p.LogFirstLayerSize} values", nameof(firstLayer));
        int k = p.FoldingSteps;

        // ---- commit phase -------------------------------------------------------------------------
        var layers = new Felt[k][];   // layers[i - 1] = committed layer i
        var trees = new MerkleTree[k];
        layers[0] = firstLayer;
        if (p.Steps[0] > 0)
        {
            // Non-zero first step: layer 0 stays virtual and is folded before the first commitment.
            Felt r0 = channel.DrawFelt("FRI layer 0 folding challenge");
            layers[0] = FriFolding.FoldLayer(layers[0], r0, p.Steps[0]);
        }
        trees[0] = MerkleTree.FromCosets(layers[0], 1 << p.Steps[1], _hasher);
        channel.SendCommitment(trees[0].Root, "FRI layer 1 commitment");
        Felt[] lastLayer = [];
        for (int i = 1; i <= k; i++)
        {
            Felt r = channel.DrawFelt($"FRI layer {i} folding challenge");
            var next = FriFolding.FoldLayer(layers[i - 1], r, p.Steps[i]);
            if (i < k)
            {
                layers[i] = next;
                trees[i] = MerkleTree.FromCosets(next, 1 << p.Steps[i + 1], _hasher);
                channel.SendCommitment(trees[i].Root, $"FRI layer {i + 1} commitment");
            }
            else
            {
                lastLayer = next;
            }
        }
        Fft.Inverse(lastLayer); // bit-reversed values on ⟨ω_n⟩ → coefficients
        int bound = p.LastLayerDegreeBound;
        if (!SkipDegreeCheck)
        {
            for (int j = bound; j < lastLayer.Length; j++)
                if (!lastLayer[j].IsZero)
                    throw new InvalidOperationException($"FRI last layer has degree {Polynomial.Degree(lastLayer)} ≥ {bound}: the input is not of low degree");
        }
        channel.SendFelts(lastLayer.AsSpan(0, bound), "FRI last layer coefficients");

        // ---- proof of work and queries ------------------------------------------------------------------
        channel.ApplyProofOfWork(p.ProofOfWorkBits);
        var queries = DrawQueries(channel.Transcript, p);
        // Pitfall 13: duplicates are dropped, so log how many unique queries the proof really carries.
        channel.Annotations?.Add($"V->P: FRI queries ({queries.Length} unique of {p.NumberOfQueries}): {string.Join(", ", queries)}");
        decommitFirstLayer?.Invoke(FirstLayerPositions(queries, p.Steps[0]));

        // ---- decommitment of the committed layers ---------------------------------------------------------
        var positions = queries;
        for (int i = 1; i <= k; i++)
        {
            int step = p.Steps[i];
            int cosetSize = 1 << step;
            var layer = layers[i - 1];
            var cosets = UniqueShifted(positions, step);
            var missing = new List<Felt>();
            int q = 0;
            foreach (int c in cosets)
            {
                for (int t = 0; t < cosetSize; t++)
                {
                    int pos = (c << step) + t;
                    if (q < positions.Length && positions[q] == pos)
                    {
                        q++;
                        continue;
                    }
                    missing.Add(layer[pos]);
                }
            }
            channel.WriteDecommitmentFelts(missing.ToArray(), $"FRI layer {i} coset values");
            channel.WriteDecommitment(trees[i - 1].Decommit(cosets), $"FRI layer {i} authentication nodes");
            positions = cosets;
        }
        return queries;
    }

    /// <summary>
    /// Draws the query positions (spec §5.8): q integers below the size of the first committed layer
    /// (<c>N / 2^{s_0}</c>, i.e. N for the usual s_0 = 0; Stone <c>ChooseQueryIndices</c> over
    /// <c>fft_bases->At(fri_step_list[0])</c>), sorted, duplicates removed.
    /// </summary>
    public static int[] DrawQueries(Transcript transcript, FriParameters parameters)
    {
        ulong n = 1UL << (parameters.LogFirstLayerSize - parameters.Steps[0]);
        var drawn = new int[parameters.NumberOfQueries];
        for (int i = 0; i < drawn.Length; i++) drawn[i] = (int)transcript.DrawInteger(n);
        Array.Sort(drawn);
        int unique = 0;
        for (int i = 0; i < drawn.Length; i++)
            if (unique == 0 || drawn[unique - 1] != drawn[i]) drawn[unique++] = drawn[i];
        return drawn[..unique];
    }

    /// <summary>
    /// The layer-0 positions the first layer must provide: the queries themselves, or with a non-zero first step
    /// the whole coset of <c>2^{s_0}</c> positions that folds into each query (sorted, unique).
    /// </summary>
    public static int[] FirstLayerPositions(int[] queries, int firstStep)
    {
        if (firstStep == 0) return queries;
        var cosets = queries;
        int size = 1 << firstStep;
        var result = new int[cosets.Length * size];
        for (int c = 0; c < cosets.Length; c++)
            for (int t = 0; t < size; t++) result[c * size + t] = (cosets[c] << firstStep) + t;
        return result;
    }

    /// <summary>Sorted unique <c>positions[i] &gt;&gt; shift</c> (positions sorted).</summary>
    internal static int[] UniqueShifted(int[] positions, int shift)
    {
        var result = new List<int>(positions.Length);
        foreach (int pos in positions)
        {
            int c = pos >> shift;
            if (result.Count == 0 || result[^1] != c) result.Add(c);
        }
        return [.. result];
    }
}
