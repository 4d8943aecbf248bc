using Cairn.Chain.Storage;
using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Chain.Tests;

public sealed class ChainStoreTests : IDisposable
{
    private readonly TestStores _stores = new();

    public void Dispose() => _stores.Dispose();

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void EmptyChainHasNoBlocks(string backend)
    {
        using var store = _stores.Open(backend);
        var chain = new ChainStore(store);
        Assert.Null(chain.LatestHeader);
        Assert.Null(chain.LatestBlockNumber);
        Assert.Equal(0UL, chain.BlockCount);
        Assert.Null(chain.GetHeader(0));
        Assert.Null(chain.GetBlock(0));
        Assert.Null(chain.GetTransaction(new TxHash(Felt.One)));
        Assert.Empty(chain.GetEvents(new EventFilter(), 10).Events);
    }

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void EveryReadReturnsWhatWasAppended(string backend)
    {
        using var store = _stores.Open(backend);
        var chain = new ChainStore(store);
        var blocks = new RandomBlocks(1).Chain(12);
        foreach (var block in blocks) chain.Append(block);

        Assert.Equal(11UL, chain.LatestBlockNumber);
        Assert.Equal(12UL, chain.BlockCount);
        Assert.Equal(blocks[^1].Header, chain.LatestHeader);
        foreach (var block in blocks)
        {
            var n = block.Number;
            Assert.Equal(block.Header, chain.GetHeader(n));
            Assert.Equal(block.Header, chain.GetHeader(block.Hash));
            Assert.Equal(n, chain.GetBlockNumber(block.Hash));
            Same.Block(block, chain.GetBlock(n)!);
            Same.StateUpdate(block.StateUpdate, chain.GetStateUpdate(n)!);
            Assert.Equal(block.TransactionHashes, chain.GetTransactionHashes(n)!);
            Assert.Equal(block.Receipts.Count, chain.GetReceipts(n)!.Count);
            var included = chain.GetTransactions(n)!;
            Assert.Equal(block.Transactions.Count, included.Count);
            for (var i = 0; i < block.Transactions.Count; i++)
            {
                var hash = block.Receipts[i].TransactionHash;
                var location = new TransactionLocation(n, block.Hash, i);
                Assert.Equal(location, chain.GetTransactionLocation(hash));
                Assert.Equal(location, included[i].Location);
                Assert.Equal(hash, included[i].Hash);
                var byHash = chain.GetTransaction(hash)!;
                Assert.Equal(hash, byHash.Hash);
                Same.Transaction(block.Transactions[i], byHash.Transaction);
                var byIndex = chain.GetTransaction(n, i)!;
                Same.Transaction(block.Transactions[i], byIndex.Transaction);
                var receipt = chain.GetReceipt(hash)!;
                Assert.Equal(location, receipt.Location);
                Same.Receipt(block.Receipts[i], receipt.Receipt);
            }

            Assert.Null(chain.GetTransaction(n, block.Transactions.Count));
            Assert.Null(chain.GetTransaction(n, -1));
        }

        Assert.Null(chain.GetHeader(12));
        Assert.Null(chain.GetHeader(new BlockHash(Felt.One)));
        Assert.Null(chain.GetStateUpdate(12));
        Assert.Null(chain.GetTransactionHashes(12));
    }

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void RejectsABlockThatDoesNotFollowTheLatestAndWritesNothing(string backend)
    {
        using var store = _stores.Open(backend);
        var chain = new ChainStore(store);
        var random = new RandomBlocks(2);
        var blocks = random.Chain(3);
        Assert.Throws<InvalidOperationException>(() => chain.Append(blocks[1]));
        chain.Append(blocks[0]);
        Assert.Throws<InvalidOperationException>(() => chain.Append(blocks[0]));
        Assert.Throws<InvalidOperationException>(() => chain.Append(blocks[2]));

        // Right number, wrong parent.
        var orphan = random.Block(blocks[0].Header with { Hash = new BlockHash(Felt.One) });
        Assert.Throws<InvalidOperationException>(() => chain.Append(orphan));

        // A header whose hash is not its hash.
        var forged = blocks[1] with { Header = blocks[1].Header with { Timestamp = 5 } };
        Assert.Throws<ArgumentException>(() => chain.Append(forged));

        // Receipts that do not match the transactions.
        var missing = blocks[1] with { Receipts = [] };
        if (blocks[1].Transactions.Count != 0) Assert.Throws<ArgumentException>(() => chain.Append(missing));

        // A failing extra write aborts the whole batch.
        Assert.Throws<IOException>(() => chain.Append(blocks[1], _ => throw new IOException("boom")));
        Assert.Equal(0UL, chain.LatestBlockNumber);
        Assert.Null(chain.GetHeader(1));
        Assert.Null(new ChainStore(store).GetHeader(blocks[1].Hash));
        foreach (var r in blocks[1].Receipts) Assert.Null(chain.GetTransactionLocation(r.TransactionHash));
        chain.Append(blocks[1]);
        Assert.Equal(1UL, chain.LatestBlockNumber);
    }

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void ExtraWritesShareTheBlocksBatch(string backend)
    {
        using var store = _stores.Open(backend);
        var chain = new ChainStore(store);
        var column = store.GetColumn(Cairn.State.WorldState.DataColumnName);
        var block = new RandomBlocks(3).Block(null);
        chain.Append(block, batch => batch.Put(column, "extra"u8, "1"u8));
        Assert.Equal("1"u8.ToArray(), store.Get(column, "extra"u8));
    }

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void AddToBatchIsInvisibleUntilMarkedCommitted(string backend)
    {
        using var store = _stores.Open(backend);
        var chain = new ChainStore(store);
        var block = new RandomBlocks(4).Block(null, 4);
        using var batch = store.CreateBatch();
        chain.AddToBatch(batch, block);
        Assert.Throws<InvalidOperationException>(() => chain.MarkCommitted(block));
        store.Write(batch);
        Assert.Null(chain.GetHeader(0));
        chain.MarkCommitted(block);
        Assert.Equal(block.Header, chain.GetHeader(0));
        Assert.Equal(block.Header, new ChainStore(store).LatestHeader);
    }

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void RevertToDropsNewerBlocksAndTheirIndexes(string backend)
    {
        using var store = _stores.Open(backend);
        var chain = new ChainStore(store);
        var random = new RandomBlocks(5);
        var blocks = random.Chain(6);
        foreach (var b in blocks) chain.Append(b);
        chain.RevertTo(2);
        Assert.Equal(2UL, chain.LatestBlockNumber);
        Assert.Equal(blocks[2].Header, new ChainStore(store).LatestHeader);
        foreach (var b in blocks.Skip(3))
        {
            Assert.Null(chain.GetHeader(b.Number));
            Assert.Null(chain.GetBlockNumber(b.Hash));
            foreach (var r in b.Receipts) Assert.Null(chain.GetReceipt(r.TransactionHash));
        }

        Assert.All(chain.GetEvents(new EventFilter(), 1000).Events, e => Assert.True(e.BlockNumber <= 2));
        Assert.All(chain.GetEvents(new EventFilter { Addresses = random.Addresses.Select(a => new ContractAddress(a)).ToList() }, 1000).Events,
            e => Assert.True(e.BlockNumber <= 2));

        // The chain continues from block 2 with a different block 3.
        var next = random.Block(blocks[2].Header);
        chain.Append(next);
        Assert.Equal(next.Header, chain.GetHeader(3));
        chain.RevertTo(null);
        Assert.Null(chain.LatestHeader);
        Assert.Null(new ChainStore(store).LatestHeader);
        chain.Append(blocks[0]);
        Assert.Equal(0UL, chain.LatestBlockNumber);
    }

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void L1AcceptanceMarksBlocksAndCannotBeReverted(string backend)
    {
        using var store = _stores.Open(backend);
        var chain = new ChainStore(store);
        foreach (var b in new RandomBlocks(6).Chain(4)) chain.Append(b);
        Assert.Null(chain.L1AcceptedBlock);
        Assert.Equal(BlockStatus.AcceptedOnL2, chain.GetBlockStatus(0));
        chain.SetL1Accepted(1);
        chain.SetL1Accepted(0); // never moves back
        Assert.Equal(1UL, new ChainStore(store).L1AcceptedBlock);
        Assert.Equal(BlockStatus.AcceptedOnL1, chain.GetBlockStatus(1));
        Assert.Equal(BlockStatus.AcceptedOnL2, chain.GetBlockStatus(2));
        Assert.Null(chain.GetBlockStatus(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => chain.SetL1Accepted(9));
        Assert.Throws<InvalidOperationException>(() => chain.RevertTo(0));
        chain.RevertTo(1);
        Assert.Equal(1UL, chain.LatestBlockNumber);
    }

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void L1HandlerTransactionsByL1Hash(string backend)
    {
        using var store = _stores.Open(backend);
        var chain = new ChainStore(store);
        var l1 = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var other = Enumerable.Repeat((byte)0xff, 32).ToArray();
        chain.RecordL1Handler(l1, new TxHash(7UL));
        chain.RecordL1Handler(l1, new TxHash(5UL));
        chain.RecordL1Handler(other, new TxHash(9UL));
        Assert.Equal([new TxHash(5UL), new TxHash(7UL)], chain.GetL1HandlerTransactions(l1));
        Assert.Equal([new TxHash(9UL)], chain.GetL1HandlerTransactions(other));
        Assert.Empty(chain.GetL1HandlerTransactions(new byte[32]));
    }

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void AnUnknownRecordFormatIsRejected(string backend)
    {
        using var store = _stores.Open(backend);
        var chain = new ChainStore(store);
        chain.Append(new RandomBlocks(7).Block(null));
        var headers = store.GetColumn(ChainStore.HeadersColumnName);
        var key = new byte[8];
        var value = store.Get(headers, key)!;
        Assert.Equal(ChainStore.FormatVersion, value[0]);
        value[0] = 99;
        store.Put(headers, key, value);
        Assert.Throws<InvalidDataException>(() => new ChainStore(store));
        value[0] = ChainStore.FormatVersion;
        store.Put(headers, key, value.Concat(new byte[] { 0 }).ToArray());
        Assert.Throws<InvalidDataException>(() => new ChainStore(store));
    }
}
