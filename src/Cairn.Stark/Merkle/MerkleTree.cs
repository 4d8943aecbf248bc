using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using Cairn.Primitives;
using Cairn.Stark.Hashing;

namespace Cairn.Stark.Merkle;

/// <summary>
/// A binary Merkle tree over 32-byte leaf digests, indexed as a heap (root 1, leaves <c>N … 2N−1</c>), with the
/// leaf rules of spec stark-prover.md §3.2 and the merged ("batched") decommitment of §3.3.
/// </summary>
/// <remarks>
/// A leaf covering several field elements is <c>H(BE256(Mont(v_0)) ‖ … )</c>; a leaf covering exactly one element
/// is that element's 32 bytes, unhashed. Inner nodes are <c>H(left ‖ right)</c>.
/// </remarks>
[SkipLocalsInit]
public sealed class MerkleTree
{
    private const int ParallelThreshold = 1 << 11;
    private const int Chunk = 1 << 10;

    private readonly byte[] _nodes; // node k at [32k, 32k + 32); node 0 unused
    private readonly ICommitmentHasher _hasher;

    private MerkleTree(byte[] nodes, int leafCount, ICommitmentHasher hasher)
    {
        _nodes = nodes;
        LeafCount = leafCount;
        Height = BitOperations.Log2((uint)leafCount);
        _hasher = hasher;
    }

    /// <summary>Number of leaves N (a power of two).</summary>
    public int LeafCount { get; }

    /// <summary>log2 N: the number of authentication nodes of a single path.</summary>
    public int Height { get; }

    /// <summary>The 32-byte root (node 1).</summary>
    public ReadOnlySpan<byte> Root => _nodes.AsSpan(32, 32);

    /// <summary>Node <paramref name="index"/> in heap numbering.</summary>
    public ReadOnlySpan<byte> Node(int index) => _nodes.AsSpan(index * 32, 32);

    /// <summary>
    /// A tree with one leaf per row of <paramref name="columns"/> (all of the same power-of-two length): leaf i
    /// covers <c>columns[0][i], columns[1][i], …</c>. Used for trace and composition commitments.
    /// </summary>
    public static MerkleTree FromColumns(IReadOnlyList<Felt[]> columns, ICommitmentHasher hasher)
    {
        if (columns.Count == 0) throw new ArgumentException("at least one column is needed", nameof(columns));
        int n = columns[0].Length;
        for (int c = 1; c < columns.Count; c++)
            if (columns[c].Length != n) throw new ArgumentException("columns differ in length", nameof(columns));
        var nodes = Allocate(n);
        int width = columns.Count;
        ForChunks(n, (start, end) =>
        {
            byte[] rented = ArrayPool<byte>.Shared.Rent(width * 32);
            Span<byte> row = rented.AsSpan(0, width * 32);
            for (int i = start; i < end; i++)
            {
                for (int c = 0; c < width; c++) FeltEncoding.WriteMontgomery(columns[c][i], row.Slice(c * 32, 32));
                WriteLeaf(hasher, row, nodes.AsSpan((n + i) * 32, 32));
            }
            ArrayPool<byte>.Shared.Return(rented);
        });
        return Finish(nodes, n, hasher);
    }

    /// <summary>
    /// A tree whose leaf k covers the <paramref name="cosetSize"/> consecutive values
    /// <c>values[k·s … k·s + s − 1]</c> (FRI layers, §3.2).
    /// </summary>
    public static MerkleTree FromCosets(ReadOnlySpan<Felt> values, int cosetSize, ICommitmentHasher hasher) =>
        FromCosets(values.ToArray(), cosetSize, hasher);

    /// <summary>As the span overload, reading <paramref name="values"/> in place (no copy).</summary>
    public static MerkleTree FromCosets(Felt[] values, int cosetSize, ICommitmentHasher hasher)
    {
        if (cosetSize <= 0 || values.Length % cosetSize != 0)
            throw new ArgumentException("the values do not split into whole cosets", nameof(cosetSize));
        var copy = values;
        int n = values.Length / cosetSize;
        var nodes = Allocate(n);
        ForChunks(n, (start, end) =>
        {
            byte[] rented = ArrayPool<byte>.Shared.Rent(cosetSize * 32);
            Span<byte> row = rented.AsSpan(0, cosetSize * 32);
            for (int i = start; i < end; i++)
            {
                FeltEncoding.WriteMontgomery(copy.AsSpan(i * cosetSize, cosetSize), row);
                WriteLeaf(hasher, row, nodes.AsSpan((n + i) * 32, 32));
            }
            ArrayPool<byte>.Shared.Return(rented);
        });
        return Finish(nodes, n, hasher);
    }

    /// <summary>A tree over precomputed leaf digests (32 bytes each, a power-of-two count).</summary>
    public static MerkleTree FromLeafDigests(ReadOnlySpan<byte> leafDigests, ICommitmentHasher hasher)
    {
        if (leafDigests.Length % 32 != 0) throw new ArgumentException("digests are 32 bytes each", nameof(leafDigests));
        int n = leafDigests.Length / 32;
        var nodes = Allocate(n);
        leafDigests.CopyTo(nodes.AsSpan(n * 32));
        return Finish(nodes, n, hasher);
    }

    /// <summary>
    /// The leaf digest of a row of field elements: the element's own bytes for one element, else the hash of the
    /// concatenated <c>BE256(Mont(·))</c> encodings.
    /// </summary>
    public static void HashLeaf(ICommitmentHasher hasher, ReadOnlySpan<Felt> row, Span<byte> output32)
    {
        if (row.Length == 1)
        {
            FeltEncoding.WriteMontgomery(row[0], output32);
            return;
        }
        int bytes = row.Length * 32;
        byte[]? rented = bytes > 1024 ? ArrayPool<byte>.Shared.Rent(bytes) : null;
        Span<byte> buffer = rented is null ? stackalloc byte[1024] : rented;
        buffer = buffer[..bytes];
        FeltEncoding.WriteMontgomery(row, buffer);
        hasher.Hash(buffer, output32);
        if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
    }

    private static void WriteLeaf(ICommitmentHasher hasher, ReadOnlySpan<byte> rowBytes, Span<byte> output32)
    {
        if (rowBytes.Length == 32) rowBytes.CopyTo(output32);
        else hasher.Hash(rowBytes, output32);
    }

    private static byte[] Allocate(int leafCount)
    {
        if (leafCount <= 0 || !BitOperations.IsPow2(leafCount))
            throw new ArgumentException("the number of leaves must be a power of two", nameof(leafCount));
        return new byte[2 * leafCount * 32];
    }

    private static MerkleTree Finish(byte[] nodes, int n, ICommitmentHasher hasher)
    {
        for (int levelStart = n / 2; levelStart >= 1; levelStart /= 2)
        {
            int first = levelStart;
            ForChunks(levelStart, (start, end) =>
            {
                for (int k = first + start; k < first + end; k++)
                    hasher.HashPair(nodes.AsSpan(64 * k, 32), nodes.AsSpan(64 * k + 32, 32), nodes.AsSpan(32 * k, 32));
            });
        }
        return new MerkleTree(nodes, n, hasher);
    }

    private static void ForChunks(int count, Action<int, int> body)
    {
        if (count < ParallelThreshold)
        {
            body(0, count);
            return;
        }
        int chunks = (count + Chunk - 1) / Chunk;
        Parallel.For(0, chunks, c => body(c * Chunk, Math.Min(count, (c + 1) * Chunk)));
    }

    /// <summary>
    /// The merged authentication nodes for the sorted, de-duplicated leaf indices, in the order the queue-based
    /// verifier (spec §3.3, L1 <c>MerkleVerifier.sol</c>) reads them. Returns the concatenated 32-byte nodes.
    /// </summary>
    public byte[] Decommit(ReadOnlySpan<int> sortedLeafIndices) =>
        MerkleDecommitment.Collect(sortedLeafIndices, LeafCount, k => _nodes.AsSpan(k * 32, 32));

    /// <summary>The hasher this tree was built with.</summary>
    public ICommitmentHasher Hasher => _hasher;
}
