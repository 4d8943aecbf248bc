using Cairn.Chain.Storage;
using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Chain.Tests;

/// <summary>getEvents against a plain model: every event of the chain, filtered by a straightforward reading of the filter.</summary>
public sealed class EventQueryTests : IDisposable
{
    private readonly TestStores _stores = new();

    public void Dispose() => _stores.Dispose();

    private sealed record ModelEvent(ulong Block, int Tx, int Index, ContractAddress From, Felt[] Keys, TxHash TxHash, BlockHash BlockHash);

    private static List<ModelEvent> AllEvents(IEnumerable<Block> blocks) =>
        blocks.SelectMany(b => b.Receipts.SelectMany((r, t) => r.Events.Select((e, i) =>
            new ModelEvent(b.Number, t, i, e.FromAddress, e.Keys.ToArray(), r.TransactionHash, b.Hash)))).ToList();

    private static bool ModelMatches(ModelEvent e, EventFilter f, ulong latest)
    {
        if (e.Block < f.FromBlock || e.Block > Math.Min(f.ToBlock, latest)) return false;
        if (f.Addresses.Count > 0 && !f.Addresses.Contains(e.From)) return false;
        for (var i = 0; i < f.Keys.Count; i++)
        {
            if (f.Keys[i].Count == 0) continue;
            if (e.Keys.Length <= i || !f.Keys[i].Contains(e.Keys[i])) return false;
        }

        return true;
    }

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void PagesConcatenateToTheModelsAnswer(string backend)
    {
        using var store = _stores.Open(backend);
        var chain = new ChainStore(store);
        var random = new RandomBlocks(11);
        var blocks = random.Chain(25, maxTransactions: 8);
        foreach (var b in blocks) chain.Append(b);
        var all = AllEvents(blocks);
        Assert.True(all.Count > 150, $"only {all.Count} events");
        var r = random.Random;

        for (var round = 0; round < 120; round++)
        {
            var from = (ulong)r.Next(0, 27);
            var filter = new EventFilter
            {
                FromBlock = from,
                ToBlock = r.Next(4) == 0 ? ulong.MaxValue : from + (ulong)r.Next(0, 12),
                Addresses = r.Next(3) == 0 ? [] : random.Addresses.Where(_ => r.Next(3) == 0).Select(a => new ContractAddress(a))
                    .Append(new ContractAddress((Felt)(ulong)r.Next(1, 5))).ToList(),
                Keys = Enumerable.Range(0, r.Next(0, 4)).Select(_ => (IReadOnlyList<Felt>)(r.Next(3) == 0
                    ? []
                    : random.KeyPool.Where(_ => r.Next(2) == 0).ToList())).ToList(),
            };
            var expected = all.Where(e => ModelMatches(e, filter, 24)).ToList();
            var chunk = r.Next(1, 12);
            var got = new List<EmittedEvent>();
            EventCursor? token = null;
            var pages = 0;
            do
            {
                var page = chain.GetEvents(filter, chunk, token);
                Assert.True(page.Events.Count <= chunk);
                if (page.ContinuationToken is not null) Assert.Equal(chunk, page.Events.Count);
                got.AddRange(page.Events);
                token = page.ContinuationToken is { } t ? (EventCursor.TryParse(t.ToString(), out var parsed) ? parsed : throw new InvalidOperationException()) : null;
                Assert.True(++pages <= expected.Count + 1, "the pages do not end");
            }
            while (token is not null);

            Assert.Equal(expected.Count, got.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                var (e, g) = (expected[i], got[i]);
                Assert.Equal((e.Block, e.Tx, e.Index), (g.BlockNumber, g.TransactionIndex, g.EventIndex));
                Assert.Equal(e.From, g.Event.FromAddress);
                Assert.Equal(e.Keys, g.Event.Keys);
                Assert.Equal(e.TxHash, g.TransactionHash);
                Assert.Equal(e.BlockHash, g.BlockHash);
            }
        }
    }

    [Fact]
    public void ContinuationTokensRoundTripAndRejectGarbage()
    {
        var cursor = new EventCursor(123456789012, 7, 0);
        Assert.Equal("123456789012-7-0", cursor.ToString());
        Assert.True(EventCursor.TryParse(cursor.ToString(), out var back));
        Assert.Equal(cursor, back);
        foreach (var bad in new[] { null, "", "1-2", "1-2-3-4", "a-b-c", "-1-2-3", "1--2-3", "1-2-x", " 1-2-3", "1-99999999999-0" })
        {
            Assert.False(EventCursor.TryParse(bad, out _), bad);
        }
    }

    [Fact]
    public void KeyFilterSemantics()
    {
        Felt a = 1UL, b = 2UL, c = 3UL;
        Assert.True(new EventFilter().KeysMatch([]));
        Assert.True(new EventFilter { Keys = [[a]] }.KeysMatch([a, b]));
        Assert.False(new EventFilter { Keys = [[b]] }.KeysMatch([a, b]));
        Assert.True(new EventFilter { Keys = [[], [b, c]] }.KeysMatch([a, b]));
        Assert.False(new EventFilter { Keys = [[], [], [c]] }.KeysMatch([a, b]));
        Assert.True(new EventFilter { Keys = [[], [], []] }.KeysMatch([a]));
    }

    [Fact]
    public void EventsOfTheVectorBlockByEmitter()
    {
        using var store = _stores.Open("memory");
        var chain = new ChainStore(store);
        var v = FeederGatewayBlock.Block63881;
        var block = BlockSealer.Seal(v.Context with { ParentHash = default, Number = 0 }, v.Transactions, v.Receipts, v.StateDiff, Felt.Zero, v.Published("state_root"));
        chain.Append(block);
        var eth = ContractAddress.Parse("0x49d36570d4e46f48e99674bd3fcc84644ddd6b96f7c741b1562b82f9e004dc7");
        var page = chain.GetEvents(new EventFilter { Addresses = [eth] }, 10);
        Assert.Equal([0, 2, 3], page.Events.Select(e => e.TransactionIndex));
        Assert.All(page.Events, e => Assert.Equal(0, e.EventIndex));
        Assert.Null(page.ContinuationToken);
        var first = chain.GetEvents(new EventFilter { Keys = [[Felt.Parse("0x99cd8bde557814842a3121e8ddfd433a539b8c9f14bf31ebf108d12e6196e9")]] }, 3);
        Assert.Equal(3, first.Events.Count);
        Assert.Equal(new EventCursor(0, 3, 0), first.ContinuationToken);
    }
}
