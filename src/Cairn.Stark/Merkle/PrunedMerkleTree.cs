using System.Numerics;
using System.Runtime.CompilerServices;
using Cairn.Primitives;
using Cairn.Stark.Hashing;

namespace Cairn.Stark.Merkle;

/// <summary>
/// A Merkle tree over rows of field elements (the same tree, root and merged decommitment as
/// <see cref="MerkleTree.FromColumns"/>) that stores only the nodes at height <see cref="PrunedLevels"/> and above
/// (spec stark-prover.md §9.3: drop the lowest levels, rebuild the touched subtrees at query time). Leaves are
/// added block by block, so the rows never have to exist all at once.
/// </summary>
[SkipLocalsInit]
internal sealed class PrunedMerkleTree
{
    private const int RowsPerTask = 1 << 10;

    private readonly byte[] _nodes; // heap node k (k < 2·(N >> L)) at [32k, 32k + 32)
    private readonly ICommitmentHasher _hasher;
    private bool _finished;

    public PrunedMerkleTree(int leafCount, int width, int prunedLevels, ICommitmentHasher hasher)
    {
        if (leafCount <= 0 || !BitOperations.IsPow2(leafCount)) throw new ArgumentException("the number of leaves must be a power of two", nameof(leafCount));
        if (width <= 0) throw new ArgumentOutOfRangeException(nameof(width));
        int height = BitOperations.Log2((uint)leafCount);
        if (prunedLevels < 0 || prunedLevels > height) throw new ArgumentOutOfRangeException(nameof(prunedLevels));
        LeafCount = leafCount;
        Width = width;
        PrunedLevels = prunedLevels;
        _hasher = hasher;
        _nodes = new byte[2 * (leafCount >> prunedLevels) * 32];
    }

    public int LeafCount { get; }

    /// <summary>Field elements per row (leaf).</summary>
    public int Width { get; }

    /// <summary>L: the subtrees of <c>2^L</c> leaves below the stored levels are recomputed on demand.</summary>
    public int PrunedLevels { get; }

    public int SubtreeSize => 1 << PrunedLevels;

    /// <summary>Bytes held by the stored levels.</summary>
    public long StoredBytes => _nodes.LongLength;

    public ReadOnlySpan<byte> Root => _finished ? _nodes.AsSpan(32, 32) : throw new InvalidOperationException("the tree is not finished");

    /// <summary>
    /// Hashes the rows <c>first … first + count − 1</c>: row <c>first + i</c> is <c>columns[c][i]</c> over the
    /// columns. <paramref name="first"/> and <paramref name="count"/> must be multiples of <see cref="SubtreeSize"/>.
    /// </summary>
    public void AddRows(int first, int count, IReadOnlyList<Felt[]> columns)
    {
        int size = SubtreeSize;
        if (first % size != 0 || count % size != 0 || first < 0 || first + count > LeafCount)
            throw new ArgumentException("rows must cover whole subtrees inside the tree");
        if (columns.Count != Width) throw new ArgumentException("wrong number of columns", nameof(columns));
        int subtrees = count / size;
        int perTask = Math.Max(1, RowsPerTask / size);
        int tasks = (subtrees + perTask - 1) / perTask;
        int baseIndex = (LeafCount >> PrunedLevels) + first / size;
        if (tasks <= 1)
        {
            HashSubtrees(columns, 0, subtrees, baseIndex);
            return;
        }
        Parallel.For(0, tasks, task =>
        {
            int from = task * perTask, to = Math.Min(subtrees, from + perTask);
            HashSubtrees(columns, from, to, baseIndex);
        });
    }

    private void HashSubtrees(IReadOnlyList<Felt[]> columns, int from, int to, int baseIndex)
    {
        int size = SubtreeSize, width = Width;
        var digests = new byte[size * 32];
        var row = new Felt[width];
        for (int s = from; s < to; s++)
        {
            for (int i = 0; i < size; i++)
            {
                int at = s * size + i;
                for (int c = 0; c < width; c++) row[c] = columns[c][at];
                MerkleTree.HashLeaf(_hasher, row, digests.AsSpan(i * 32, 32));
            }
            ReduceSubtree(digests, size);
            digests.AsSpan(0, 32).CopyTo(_nodes.AsSpan((baseIndex + s) * 32, 32));
        }
    }

    /// <summary>Hashes <paramref name="count"/> digests pairwise up to one, in place (the result at offset 0).</summary>
    private void ReduceSubtree(byte[] digests, int count)
    {
        for (int n = count; n > 1; n >>= 1)
            for (int k = 0; k < n / 2; k++)
                _hasher.HashPair(digests.AsSpan(64 * k, 32), digests.AsSpan(64 * k + 32, 32), digests.AsSpan(32 * k, 32));
    }

    /// <summary>Hashes the stored levels above the subtree roots once every row was added.</summary>
    public void Finish()
    {
        int top = LeafCount >> PrunedLevels;
        for (int level = top / 2; level >= 1; level /= 2)
        {
            int first = level;
            if (level < 2048)
            {
                for (int k = first; k < 2 * first; k++)
                    _hasher.HashPair(_nodes.AsSpan(64 * k, 32), _nodes.AsSpan(64 * k + 32, 32), _nodes.AsSpan(32 * k, 32));
                continue;
            }
            Parallel.For(0, level / 1024, chunk =>
            {
                for (int k = first + chunk * 1024; k < first + (chunk + 1) * 1024; k++)
                    _hasher.HashPair(_nodes.AsSpan(64 * k, 32), _nodes.AsSpan(64 * k + 32, 32), _nodes.AsSpan(32 * k, 32));
            });
        }
        _finished = true;
    }

    /// <summary>
    /// The sorted unique rows of every subtree that holds one of <paramref name="sortedLeafIndices"/>: the rows the
    /// caller must supply to <see cref="Decommit"/>.
    /// </summary>
    public int[] RowsToRebuild(ReadOnlySpan<int> sortedLeafIndices)
    {
        int size = SubtreeSize;
        var rows = new List<int>(sortedLeafIndices.Length * size);
        int previous = -1;
        foreach (int leaf in sortedLeafIndices)
        {
            int s = leaf / size;
            if (s == previous) continue;
            previous = s;
            for (int i = 0; i < size; i++) rows.Add(s * size + i);
        }
        return [.. rows];
    }

    /// <summary>
    /// The merged authentication nodes (same bytes as <see cref="MerkleTree.Decommit"/>) for the sorted unique
    /// <paramref name="sortedLeafIndices"/>, given the values of the rows <see cref="RowsToRebuild"/> returned
    /// (<paramref name="rowValues"/>[r·Width + c] for row r of that list).
    /// </summary>
    public byte[] Decommit(ReadOnlySpan<int> sortedLeafIndices, ReadOnlySpan<int> rebuiltRows, ReadOnlySpan<Felt> rowValues)
    {
        if (!_finished) throw new InvalidOperationException("the tree is not finished");
        int n = LeafCount, size = SubtreeSize, width = Width;
        if (rowValues.Length != rebuiltRows.Length * width) throw new ArgumentException("wrong number of row values", nameof(rowValues));
        // Every node of the touched subtrees, by heap index.
        var rebuilt = new Dictionary<int, byte[]>(rebuiltRows.Length * 2);
        for (int at = 0; at < rebuiltRows.Length; at += size)
        {
            int s = rebuiltRows[at] / size;
            var level = new byte[size][];
            for (int i = 0; i < size; i++)
            {
                var digest = new byte[32];
                MerkleTree.HashLeaf(_hasher, rowValues.Slice((at + i) * width, width), digest);
                level[i] = digest;
                rebuilt[n + s * size + i] = digest;
            }
            int first = n + s * size;
            for (int count = size; count > 1; count >>= 1)
            {
                first >>= 1;
                var up = new byte[count / 2][];
                for (int k = 0; k < count / 2; k++)
                {
                    up[k] = new byte[32];
                    _hasher.HashPair(level[2 * k], level[2 * k + 1], up[k]);
                    rebuilt[first + k] = up[k];
                }
                level = up;
            }
        }
        int storedLimit = 2 * (n >> PrunedLevels);
        return MerkleDecommitment.Collect(sortedLeafIndices, n, k => k < storedLimit
            ? _nodes.AsSpan(k * 32, 32)
            : rebuilt.TryGetValue(k, out var node) ? node : throw new InvalidOperationException($"node {k} was not rebuilt"));
    }
}
