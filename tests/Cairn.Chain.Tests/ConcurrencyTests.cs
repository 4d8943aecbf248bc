using Cairn.Chain.Storage;

namespace Cairn.Chain.Tests;

public sealed class ConcurrencyTests : IDisposable
{
    private readonly TestStores _stores = new();

    public void Dispose() => _stores.Dispose();

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public async Task ReadersNeverSeeAPartialBlock(string backend)
    {
        using var store = _stores.Open(backend);
        var chain = new ChainStore(store);
        var blocks = new RandomBlocks(61).Chain(40, maxTransactions: 5);
        using var done = new CancellationTokenSource();
        var checks = 0;
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(() =>
        {
            while (!done.IsCancellationRequested || Volatile.Read(ref checks) < 10)
            {
                if (chain.LatestHeader is not { } head) continue;
                var block = chain.GetBlock(head.Number);
                Assert.NotNull(block);
                Assert.Equal(head, block!.Header);
                Assert.Equal((int)head.TransactionCount, block.Transactions.Count);
                Assert.Equal((int)head.TransactionCount, block.Receipts.Count);
                foreach (var r in block.Receipts) Assert.Equal(head.Number, chain.GetTransactionLocation(r.TransactionHash)?.BlockNumber);
                Interlocked.Increment(ref checks);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();

        foreach (var b in blocks) chain.Append(b);
        done.Cancel();
        await Task.WhenAll(readers);
        Assert.True(checks >= 10);
        Assert.Equal(39UL, chain.LatestBlockNumber);
    }
}
