using Cairn.Primitives;
using Cairn.Stark.Hashing;
using Cairn.Stark.Merkle;

namespace Cairn.Stark.Tests.Merkle;

public class PrunedMerkleTreeTests
{
    private static Felt[][] Columns(int seed, int width, int rows)
    {
        var rng = new Random(seed);
        var cols = new Felt[width][];
        for (int c = 0; c < width; c++) cols[c] = TestData.RandomFelts(rng, rows);
        return cols;
    }

    [Theory]
    [InlineData(1, 64, 0, 16)]
    [InlineData(2, 64, 1, 16)]
    [InlineData(3, 256, 4, 64)]
    [InlineData(6, 1024, 4, 256)]
    [InlineData(2, 16, 4, 16)]
    [InlineData(5, 4096, 2, 4096)]
    public void SameRootAndDecommitmentAsTheFullTree(int width, int rows, int pruned, int block)
    {
        var hasher = KeccakCommitmentHasher.Masked160;
        var columns = Columns(width * 1000 + rows, width, rows);
        var full = MerkleTree.FromColumns(columns, hasher);
        var tree = new PrunedMerkleTree(rows, width, pruned, hasher);
        // Rows arrive block by block (as the prover adds coset blocks).
        for (int first = 0; first < rows; first += block)
        {
            var part = new Felt[width][];
            for (int c = 0; c < width; c++) part[c] = columns[c][first..(first + block)];
            tree.AddRows(first, block, part);
        }
        tree.Finish();
        Assert.Equal(full.Root.ToArray(), tree.Root.ToArray());
        Assert.Equal(2L * (rows >> pruned) * 32, tree.StoredBytes);

        var rng = new Random(rows);
        foreach (int count in new[] { 1, 2, 5, rows / 4, rows })
        {
            var queries = Enumerable.Range(0, count * 3).Select(_ => rng.Next(rows)).Distinct().Order().Take(count).ToArray();
            if (count == rows) queries = [.. Enumerable.Range(0, rows)];
            var rebuild = tree.RowsToRebuild(queries);
            Assert.All(queries, q => Assert.Contains(q, rebuild));
            var values = new Felt[rebuild.Length * width];
            for (int r = 0; r < rebuild.Length; r++)
                for (int c = 0; c < width; c++) values[r * width + c] = columns[c][rebuild[r]];
            Assert.Equal(full.Decommit(queries), tree.Decommit(queries, rebuild, values));
            // A wrong value in a rebuilt row that is not a query changes the authentication nodes.
            int other = Array.FindIndex(rebuild, r => Array.IndexOf(queries, r) < 0);
            if (other >= 0)
            {
                values[other * width] += Felt.One;
                Assert.NotEqual(full.Decommit(queries), tree.Decommit(queries, rebuild, values));
            }
        }
    }

    [Fact]
    public void RejectsMisuse()
    {
        var hasher = KeccakCommitmentHasher.Masked160;
        var tree = new PrunedMerkleTree(64, 2, 3, hasher);
        Assert.Throws<InvalidOperationException>(() => tree.Root.ToArray());
        Assert.Throws<ArgumentException>(() => tree.AddRows(4, 8, Columns(1, 2, 8)));
        Assert.Throws<ArgumentException>(() => tree.AddRows(0, 8, Columns(1, 3, 8)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PrunedMerkleTree(64, 2, 7, hasher));
        tree.AddRows(0, 64, Columns(1, 2, 64));
        tree.Finish();
        var rebuild = tree.RowsToRebuild([3]);
        Assert.Throws<ArgumentException>(() => tree.Decommit([3], rebuild, new Felt[rebuild.Length]));
        Assert.Throws<InvalidOperationException>(() => tree.Decommit([3, 20], rebuild, new Felt[rebuild.Length * 2]));
    }
}
