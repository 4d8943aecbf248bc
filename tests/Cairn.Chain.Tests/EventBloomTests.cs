using Cairn.Chain.Storage;
using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Chain.Tests;

public sealed class EventBloomTests
{
    [Fact]
    public void PresentValuesAlwaysPassAndAbsentOnesMostlyFail()
    {
        var random = new RandomBlocks(51);
        var rejected = 0;
        var blocks = random.Chain(200, maxTransactions: 8).Where(b => b.Receipts.Any(r => r.Events.Count != 0)).ToList();
        foreach (var block in blocks)
        {
            var events = block.Receipts.SelectMany(r => r.Events).ToList();
            var bloom = EventBloom.Build(events);
            Assert.Equal(EventBloom.Bytes, bloom.Length);
            foreach (var e in events)
            {
                Assert.True(EventBloom.MayMatch(bloom, new EventFilter { Addresses = [e.FromAddress] }));
                var keys = e.Keys.Select(k => (IReadOnlyList<Felt>)[k]).ToList();
                Assert.True(EventBloom.MayMatch(bloom, new EventFilter { Addresses = [e.FromAddress], Keys = keys }));
            }

            if (!EventBloom.MayMatch(bloom, new EventFilter { Keys = [[random.NextFelt()]] })) rejected++;
        }

        Assert.True(rejected > blocks.Count * 9 / 10, $"{rejected} of {blocks.Count} blocks rejected an absent key");
    }

    [Fact]
    public void TheFilterKeepsPositionsApart()
    {
        Felt a = 0xaaaUL, b = 0xbbbUL;
        var bloom = EventBloom.Build([new(new ContractAddress(1UL), [a, b], [])]);
        Assert.True(EventBloom.MayMatch(bloom, new EventFilter { Keys = [[a], [b]] }));
        Assert.False(EventBloom.MayMatch(bloom, new EventFilter { Keys = [[b]] }));
        Assert.False(EventBloom.MayMatch(bloom, new EventFilter { Keys = [[], [a]] }));
        Assert.False(EventBloom.MayMatch(bloom, new EventFilter { Addresses = [new ContractAddress(a)] }));
    }
}
