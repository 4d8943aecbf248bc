using Cairn.Primitives;
using Cairn.Stark.Fri;

namespace Cairn.Stark.Tests.Fri;

public class ParallelFoldTests
{
    [Theory]
    [InlineData(4, 1)]
    [InlineData(10, 3)]
    [InlineData(15, 4)]
    [InlineData(16, 2)]
    [InlineData(6, 0)]
    public void CosetWiseFoldMatchesBinaryFolds(int logN, int steps)
    {
        var rng = new Random(logN * 7 + steps);
        var layer = TestData.RandomFelts(rng, 1 << logN);
        var r = TestData.RandomFelt(rng);
        var expected = layer;
        Felt challenge = r;
        for (int s = 0; s < steps; s++)
        {
            expected = FriFolding.FoldLayer(expected.AsSpan(), challenge);
            challenge = challenge.Square();
        }
        Assert.Equal(expected, FriFolding.FoldLayer(layer, r, steps));
        Assert.Equal(expected, FriFolding.FoldLayer((ReadOnlySpan<Felt>)layer, r, steps));
    }
}
