using Cairn.Primitives;
using Cairn.Stark.Hashing;
using Cairn.Stark.Merkle;
using Cairn.Stark.Polynomials;

namespace Cairn.Stark.Proving;

/// <summary>
/// Columns kept as coefficients only (spec stark-prover.md §2, §9.3, Stone's <c>store_full_lde=false</c>): their
/// evaluations on E are recomputed one coset at a time when a phase needs them, and at single positions (pruned FFT)
/// for the query decommitment. Committed order as in §1.2: position <c>c·T + o</c> is coset block c, offset o.
/// </summary>
internal sealed class LdeColumns
{
    public LdeColumns(Felt[][] coefficients, EvaluationDomain domain, ColumnBufferPool pool)
    {
        if (pool.Length != domain.TraceLength) throw new ArgumentException("the pool's buffers are not T long", nameof(pool));
        Coefficients = coefficients;
        Domain = domain;
        Pool = pool;
    }

    /// <summary>Where the per-coset scratch columns come from.</summary>
    public ColumnBufferPool Pool { get; }

    /// <summary>Natural-order coefficients of each column (degree &lt; T).</summary>
    public Felt[][] Coefficients { get; }

    public EvaluationDomain Domain { get; }

    public int Count => Coefficients.Length;

    /// <summary>Interpolates natural-order trace columns (the inputs are not modified).</summary>
    public static LdeColumns Interpolate(IReadOnlyList<Felt[]> columns, EvaluationDomain domain, ColumnBufferPool pool)
    {
        var coefficients = new Felt[columns.Count][];
        Parallel.For(0, columns.Count, c => coefficients[c] = LowDegreeExtension.Interpolate(columns[c]));
        return new LdeColumns(coefficients, domain, pool);
    }

    /// <summary>Column <paramref name="column"/> on coset block <paramref name="coset"/> in committed (bit-reversed) order.</summary>
    public void EvaluateCoset(int column, int coset, Span<Felt> destination)
    {
        Coefficients[column].AsSpan().CopyTo(destination);
        Fft.CosetForward(destination, Domain.CosetOffset(coset));
    }

    /// <summary>
    /// Commits the rows of E (one leaf per position, all columns) coset block by coset block: only one block of every
    /// column exists at a time, and the tree keeps only its levels from <paramref name="prunedLevels"/> up.
    /// </summary>
    public PrunedMerkleTree Commit(ICommitmentHasher hasher, int prunedLevels)
    {
        int t = Domain.TraceLength;
        var tree = new PrunedMerkleTree(Domain.Size, Count, Math.Min(prunedLevels, Domain.LogTraceLength), hasher);
        var block = new Felt[Count][];
        for (int c = 0; c < block.Length; c++) block[c] = Pool.Rent();
        for (int coset = 0; coset < Domain.Blowup; coset++)
        {
            int k = coset;
            Parallel.For(0, Count, c => EvaluateCoset(c, k, block[c]));
            tree.AddRows(coset * t, t, block);
        }
        foreach (var buffer in block) Pool.Return(buffer);
        tree.Finish();
        return tree;
    }

    /// <summary>
    /// The values of every column at the sorted unique positions of E: <c>result[i·Count + c]</c> for position i.
    /// Each touched coset block is evaluated with a pruned FFT that computes only the wanted outputs.
    /// </summary>
    public Felt[] EvaluateAt(ReadOnlySpan<int> sortedPositions)
    {
        int t = Domain.TraceLength, width = Count;
        var positions = sortedPositions.ToArray();
        var result = new Felt[positions.Length * width];
        // Per coset block: the range of positions inside it.
        var blocks = new List<(int Coset, int From, int To)>();
        for (int i = 0; i < positions.Length;)
        {
            int coset = positions[i] / t, j = i;
            while (j < positions.Length && positions[j] / t == coset) j++;
            blocks.Add((coset, i, j));
            i = j;
        }
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, blocks.Count * width, options, Pool.Rent, (task, _, buffer) =>
        {
            var (coset, from, to) = blocks[task / width];
            int c = task % width;
            var offsets = new int[to - from];
            for (int i = from; i < to; i++) offsets[i - from] = positions[i] - coset * t;
            Coefficients[c].AsSpan().CopyTo(buffer);
            Fft.ScaleByPowers(buffer, Domain.CosetOffset(coset));
            Fft.ForwardPruned(buffer, offsets);
            for (int i = from; i < to; i++) result[i * width + c] = buffer[positions[i] - coset * t];
            return buffer;
        }, Pool.Return);
        return result;
    }

    /// <summary>
    /// Writes the rows at the queries and the tree's merged authentication nodes (spec §5.9), rebuilding the pruned
    /// subtrees the queries touch from recomputed rows.
    /// </summary>
    public void Decommit(Channel.ProverChannel channel, PrunedMerkleTree tree, int[] queries, string name)
    {
        var rebuild = tree.RowsToRebuild(queries);
        var values = EvaluateAt(rebuild);
        int width = Count;
        var rows = new Felt[queries.Length * width];
        int r = 0;
        for (int q = 0; q < queries.Length; q++)
        {
            while (rebuild[r] != queries[q]) r++;
            values.AsSpan(r * width, width).CopyTo(rows.AsSpan(q * width, width));
        }
        channel.WriteDecommitmentFelts(rows, $"{name} rows");
        channel.WriteDecommitment(tree.Decommit(queries, rebuild, values), $"{name} authentication nodes");
    }
}
