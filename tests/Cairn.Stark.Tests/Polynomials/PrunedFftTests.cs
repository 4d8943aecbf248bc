using Cairn.Primitives;
using Cairn.Stark.Polynomials;
using Cairn.Stark.Proving;

namespace Cairn.Stark.Tests.Polynomials;

public class PrunedFftTests
{
    [Theory]
    [InlineData(1, new[] { 0 })]
    [InlineData(4, new[] { 3 })]
    [InlineData(6, new[] { 0, 1, 17, 63 })]
    [InlineData(10, new[] { 5, 6, 7, 500, 1023 })]
    [InlineData(12, new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 4000 })]
    public void WantedOutputsMatchTheFullTransform(int logN, int[] outputs)
    {
        var coefficients = TestData.RandomFelts(new Random(logN), 1 << logN);
        var full = (Felt[])coefficients.Clone();
        Fft.Forward(full);
        var pruned = (Felt[])coefficients.Clone();
        Fft.ForwardPruned(pruned, outputs);
        foreach (int o in outputs) Assert.Equal(full[o], pruned[o]);
        // Pruning really skipped work: some position is left unfinished when few outputs are wanted.
        if (outputs.Length * 4 < 1 << logN) Assert.NotEqual(full, pruned);
    }

    [Theory]
    [InlineData(4, 1)]
    [InlineData(6, 2)]
    [InlineData(8, 3)]
    public void LdeColumnsMatchTheFullExtension(int logT, int logB)
    {
        var domain = new EvaluationDomain(logT, logB);
        var rng = new Random(logT * 10 + logB);
        var columns = new[] { TestData.RandomFelts(rng, 1 << logT), TestData.RandomFelts(rng, 1 << logT) };
        var pool = new ColumnBufferPool(1 << logT);
        var lde = LdeColumns.Interpolate(columns, domain, pool);
        var expected = LowDegreeExtension.ExtendColumns(columns, logB);
        var block = new Felt[1 << logT];
        for (int coset = 0; coset < domain.Blowup; coset++)
            for (int c = 0; c < 2; c++)
            {
                lde.EvaluateCoset(c, coset, block);
                Assert.Equal(expected[c].AsSpan(coset << logT, 1 << logT).ToArray(), block);
            }
        var positions = Enumerable.Range(0, 9).Select(_ => rng.Next(domain.Size)).Append(0).Append(domain.Size - 1).Distinct().Order().ToArray();
        var values = lde.EvaluateAt(positions);
        for (int i = 0; i < positions.Length; i++)
            for (int c = 0; c < 2; c++) Assert.Equal(expected[c][positions[i]], values[i * 2 + c]);
        // The commitment is the full tree's root, whatever the pruning.
        var root = Cairn.Stark.Merkle.MerkleTree.FromColumns(expected, Cairn.Stark.Hashing.KeccakCommitmentHasher.Masked160).Root.ToArray();
        for (int pruned = 0; pruned <= 5; pruned++)
            Assert.Equal(root, lde.Commit(Cairn.Stark.Hashing.KeccakCommitmentHasher.Masked160, pruned).Root.ToArray());
        // Scratch buffers are reused, not piled up.
        Assert.InRange(pool.Created, 1, 2 + Environment.ProcessorCount);
    }

    [Fact]
    public void PoolReusesBuffers()
    {
        var pool = new ColumnBufferPool(8);
        var a = pool.Rent();
        pool.Return(a);
        Assert.Same(a, pool.Rent());
        Assert.NotSame(a, pool.Rent());
        Assert.Equal(2, pool.Created);
        Assert.Throws<ArgumentException>(() => pool.Return(new Felt[4]));
    }
}
