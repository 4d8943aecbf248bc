using Cairn.Crypto.Hashing;
using Cairn.Primitives;
using Cairn.Stark.Hashing;
using Cairn.Stark.Merkle;

namespace Cairn.Stark.Tests.Merkle;

public class MerkleTreeTests
{
    private static readonly ICommitmentHasher Masked = KeccakCommitmentHasher.Masked160;

    // Naive oracle: recursive root over leaf digests.
    private static byte[] NaiveRoot(ICommitmentHasher h, List<byte[]> level)
    {
        while (level.Count > 1)
        {
            var next = new List<byte[]>();
            for (int i = 0; i < level.Count; i += 2)
            {
                var d = new byte[32];
                h.Hash([.. level[i], .. level[i + 1]], d);
                next.Add(d);
            }
            level = next;
        }
        return level[0];
    }

    private static Felt[][] Columns(int seed, int width, int rows)
    {
        var rng = new Random(seed);
        var cols = new Felt[width][];
        for (int c = 0; c < width; c++) cols[c] = TestData.RandomFelts(rng, rows);
        return cols;
    }

    [Fact]
    public void KeccakKnownAnswerAndMask()
    {
        Assert.Equal("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", Convert.ToHexStringLower(Keccak256.Hash([])));
        var d = new byte[32];
        Masked.Hash([], d);
        Assert.Equal("c5d2460186f7233c927e7db2dcc703c0e500b653000000000000000000000000", Convert.ToHexStringLower(d));
    }

    [Theory]
    [InlineData(1, 8)]
    [InlineData(3, 16)]
    [InlineData(2, 4096)]
    public void RowRootMatchesNaiveOracle(int width, int rows)
    {
        var cols = Columns(width * 1000 + rows, width, rows);
        var tree = MerkleTree.FromColumns(cols, Masked);
        var leaves = new List<byte[]>();
        for (int i = 0; i < rows; i++)
        {
            var bytes = new byte[32 * width];
            for (int c = 0; c < width; c++) FeltEncoding.WriteMontgomery(cols[c][i], bytes.AsSpan(32 * c));
            if (width == 1) leaves.Add(bytes); // one-element rows are not hashed
            else
            {
                var d = new byte[32];
                Masked.Hash(bytes, d);
                leaves.Add(d);
            }
        }
        Assert.Equal(NaiveRoot(Masked, leaves), tree.Root.ToArray());
        Assert.Equal(tree.Root.ToArray(), MerkleTree.FromColumns(cols, Masked).Root.ToArray());
        Assert.Equal(new byte[12], tree.Root[20..].ToArray());
        if (width == 1) Assert.Equal(leaves[0], tree.Node(rows).ToArray());
    }

    [Fact]
    public void CosetTreeEqualsRowTreeOfTheSameValues()
    {
        var rng = new Random(5);
        var values = TestData.RandomFelts(rng, 64);
        var byCoset = MerkleTree.FromCosets(values, 4, Masked);
        var cols = new Felt[4][];
        for (int c = 0; c < 4; c++)
        {
            cols[c] = new Felt[16];
            for (int k = 0; k < 16; k++) cols[c][k] = values[4 * k + c];
        }
        Assert.Equal(MerkleTree.FromColumns(cols, Masked).Root.ToArray(), byCoset.Root.ToArray());
        Assert.Equal(4, byCoset.Height);
    }

    [Fact]
    public void MontgomeryEncodingIsUsedForLeaves()
    {
        var bytes = new byte[32];
        FeltEncoding.WriteMontgomery(Felt.One, bytes);
        // Mont(1) = R mod p.
        Assert.Equal("07fffffffffffdf0ffffffffffffffffffffffffffffffffffffffffffffffe1", Convert.ToHexStringLower(bytes));
        Assert.True(FeltEncoding.TryReadMontgomery(bytes, out var one));
        Assert.Equal(Felt.One, one);
        Assert.False(FeltEncoding.TryReadMontgomery(Enumerable.Repeat((byte)0xff, 32).ToArray(), out _));
    }

    private static (MerkleTree Tree, int[] Indices, byte[] Digests, byte[] Nodes) Decommitted(int seed, int width, int rows, int queries)
    {
        var cols = Columns(seed, width, rows);
        var tree = MerkleTree.FromColumns(cols, Masked);
        var rng = new Random(seed + 1);
        var set = new SortedSet<int>();
        while (set.Count < queries) set.Add(rng.Next(rows));
        var indices = set.ToArray();
        var digests = new byte[indices.Length * 32];
        var row = new Felt[width];
        for (int q = 0; q < indices.Length; q++)
        {
            for (int c = 0; c < width; c++) row[c] = cols[c][indices[q]];
            MerkleTree.HashLeaf(Masked, row, digests.AsSpan(q * 32, 32));
            Assert.Equal(tree.Node(rows + indices[q]).ToArray(), digests.AsSpan(q * 32, 32).ToArray());
        }
        return (tree, indices, digests, tree.Decommit(indices));
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(1, 2, 2)]
    [InlineData(2, 64, 1)]
    [InlineData(3, 64, 7)]
    [InlineData(1, 256, 40)]
    [InlineData(4, 32, 32)]
    public void DecommitmentVerifies(int width, int rows, int queries)
    {
        var (tree, indices, digests, nodes) = Decommitted(width * 31 + rows + queries, width, rows, queries);
        Assert.True(MerkleVerifier.Verify(Masked, tree.Root, tree.Height, indices, digests, nodes, out int consumed));
        Assert.Equal(nodes.Length, consumed);
        // Extra trailing bytes are not consumed.
        Assert.True(MerkleVerifier.Verify(Masked, tree.Root, tree.Height, indices, digests, [.. nodes, .. new byte[32]], out consumed));
        Assert.Equal(nodes.Length, consumed);
    }

    [Fact]
    public void MergedPathsAreShorterThanSeparatePaths()
    {
        var (tree, indices, _, nodes) = Decommitted(9, 2, 1024, 40);
        Assert.True(nodes.Length / 32 < indices.Length * tree.Height);
        // Two adjacent leaves share everything but nothing from the first level.
        Assert.Equal(9 * 32, tree.Decommit([4, 5]).Length);
    }

    [Fact]
    public void EveryTamperedDecommitmentByteFails()
    {
        var (tree, indices, digests, nodes) = Decommitted(11, 2, 64, 5);
        for (int i = 0; i < nodes.Length; i++)
        {
            // Masked digests ignore their last 12 bytes only in the root comparison, not as hash inputs.
            var bad = (byte[])nodes.Clone();
            bad[i] ^= 0x01;
            Assert.False(MerkleVerifier.Verify(Masked, tree.Root, tree.Height, indices, digests, bad, out _), $"byte {i}");
        }
        for (int i = 0; i < digests.Length; i++)
        {
            var bad = (byte[])digests.Clone();
            bad[i] ^= 0x80;
            Assert.False(MerkleVerifier.Verify(Masked, tree.Root, tree.Height, indices, bad, nodes, out _), $"leaf byte {i}");
        }
        var badRoot = tree.Root.ToArray();
        badRoot[0] ^= 1;
        Assert.False(MerkleVerifier.Verify(Masked, badRoot, tree.Height, indices, digests, nodes, out _));
        Assert.False(MerkleVerifier.Verify(Masked, tree.Root, tree.Height, indices, digests, nodes.AsSpan(0, nodes.Length - 1), out _));
    }

    [Fact]
    public void WrongIndexOrHeightFails()
    {
        var (tree, indices, digests, nodes) = Decommitted(12, 3, 64, 4);
        for (int q = 0; q < indices.Length; q++)
        {
            var bad = (int[])indices.Clone();
            bad[q] ^= 1;
            Array.Sort(bad);
            if (bad.Distinct().Count() == bad.Length)
                Assert.False(MerkleVerifier.Verify(Masked, tree.Root, tree.Height, bad, digests, nodes, out _));
        }
        Assert.False(MerkleVerifier.Verify(Masked, tree.Root, tree.Height - 1, indices.Select(i => i / 2).Distinct().ToArray(), digests, nodes, out _));
        Assert.False(MerkleVerifier.Verify(Masked, tree.Root, tree.Height + 1, indices, digests, nodes, out _));
        Assert.False(MerkleVerifier.Verify(Masked, tree.Root, tree.Height, [.. indices.Reverse()], digests, nodes, out _));
        Assert.False(MerkleVerifier.Verify(Masked, tree.Root, tree.Height, [64], digests.AsSpan(0, 32), nodes, out _));
    }

    [Fact]
    public void HashersAreInterchangeable()
    {
        var cols = Columns(13, 2, 16);
        var full = MerkleTree.FromColumns(cols, KeccakCommitmentHasher.Full);
        var masked = MerkleTree.FromColumns(cols, Masked);
        var a = full.Root.ToArray();
        var b = MerkleTree.FromColumns(cols, Blake2sCommitmentHasher.Instance).Root.ToArray();
        Assert.NotEqual(a, b);
        // Leaf digests agree on the first 20 bytes; the mask changes every node above them.
        Assert.Equal(full.Node(16)[..20].ToArray(), masked.Node(16)[..20].ToArray());
        Assert.NotEqual(a, masked.Root.ToArray());
    }
}
