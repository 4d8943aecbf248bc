using Cairn.Chain.Storage;
using Cairn.Primitives;
using Cairn.Primitives.Ids;
using Cairn.State;

namespace Cairn.Chain.Tests;

/// <summary>Restarts (reopening a RocksDB folder) and the block + state batch.</summary>
public sealed class PersistenceTests : IDisposable
{
    private readonly TestStores _stores = new();

    public void Dispose() => _stores.Dispose();

    [Fact]
    public void ReopenedRocksDbHasTheSameChain()
    {
        var dir = _stores.NewDirectory();
        var blocks = new RandomBlocks(21).Chain(8);
        using (var store = TestStores.OpenRocks(dir))
        {
            var chain = new ChainStore(store);
            foreach (var b in blocks) chain.Append(b);
            chain.SetL1Accepted(3);
        }

        using (var store = TestStores.OpenRocks(dir))
        {
            var chain = new ChainStore(store);
            Assert.Equal(blocks[^1].Header, chain.LatestHeader);
            Assert.Equal(3UL, chain.L1AcceptedBlock);
            foreach (var b in blocks) Same.Block(b, chain.GetBlock(b.Number)!);
            Assert.Equal(blocks.Sum(b => b.Receipts.Sum(r => r.Events.Count)), chain.GetEvents(new EventFilter(), 10_000).Events.Count);

            // It continues where it stopped.
            var next = new RandomBlocks(22).Block(chain.LatestHeader);
            chain.Append(next);
        }

        using (var store = TestStores.OpenRocks(dir))
        {
            Assert.Equal(8UL, new ChainStore(store).LatestBlockNumber);
        }
    }

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void AppendWithStateCommitsStateAndBlockTogether(string backend)
    {
        using var store = _stores.Open(backend);
        var chain = new ChainStore(store);
        var state = new WorldState(store);
        var random = new RandomBlocks(23);
        Block? previous = null;
        for (ulong n = 0; n < 5; n++)
        {
            var txs = Enumerable.Range(0, 3).Select(_ => random.Transaction()).ToList();
            var receipts = txs.Select(random.Receipt).ToList();
            var diff = random.StateDiff();
            var block = chain.AppendWithState(state, random.Context(n, previous?.Hash ?? default), txs, receipts, diff);
            Assert.Equal(state.GetRoots().GlobalRoot, block.Header.StateRoot);
            Assert.Equal(previous?.Header.StateRoot ?? Felt.Zero, block.StateUpdate.OldRoot);
            Assert.Equal(block.Header.StateRoot, block.StateUpdate.NewRoot);
            Assert.Equal(block.Hash, BlockSealer.Seal(random.Context(n, default) with
            {
                Number = n, ParentHash = previous?.Hash ?? default, SequencerAddress = block.Header.SequencerAddress,
                GasPrices = block.Header.GasPrices, L1DaMode = block.Header.L1DaMode, StarknetVersion = block.Header.StarknetVersion,
            }, txs, receipts, diff, block.StateUpdate.OldRoot, block.Header.StateRoot).Hash);
            Assert.Equal(block.Header, chain.LatestHeader);
            Assert.Equal(n, state.LatestBlock);

            // Migrated compiled class hashes reach the classes trie.
            foreach (var (classHash, compiled) in diff.MigratedCompiledClasses) Assert.Equal(compiled, state.GetCompiledClassHash(classHash));
            previous = block;
        }

        // A failure inside the batch (a block that does not follow) leaves both the state and the chain unchanged.
        var rootBefore = state.GetRoots();
        Assert.Throws<InvalidOperationException>(() => chain.AppendWithState(state, random.Context(5, new BlockHash(Felt.One)), [], [], random.StateDiff()));
        Assert.Equal(4UL, state.LatestBlock);
        Assert.Equal(rootBefore, state.GetRoots());
        Assert.Equal(4UL, chain.LatestBlockNumber);
        Assert.Equal(4UL, new WorldState(store).LatestBlock);
        Assert.Equal(4UL, new ChainStore(store).LatestBlockNumber);
    }

    [Fact]
    public void RestartAfterAppendWithStateResumesBoth()
    {
        var dir = _stores.NewDirectory();
        var random = new RandomBlocks(24);
        BlockHeader last;
        using (var store = TestStores.OpenRocks(dir))
        {
            var chain = new ChainStore(store);
            var state = new WorldState(store);
            for (ulong n = 0; n < 3; n++)
            {
                var tx = random.Transaction();
                chain.AppendWithState(state, random.Context(n, chain.LatestHeader?.Hash ?? default), [tx], [random.Receipt(tx)], random.StateDiff());
            }

            last = chain.LatestHeader!;
        }

        using (var store = TestStores.OpenRocks(dir))
        {
            var chain = new ChainStore(store);
            var state = new WorldState(store);
            Assert.Equal(last, chain.LatestHeader);
            Assert.Equal(last.StateRoot, state.GetRoots().GlobalRoot);
            Assert.Equal(0, chain.ReconcileState(state));
            var block = chain.AppendWithState(state, random.Context(3, last.Hash), [], [], random.StateDiff());
            Assert.Equal(last.StateRoot, block.StateUpdate.OldRoot);
        }
    }

    [Fact]
    public void ReconcileRevertsAStateLeftAheadOfTheChain()
    {
        var dir = _stores.NewDirectory();
        var random = new RandomBlocks(25);
        using (var store = TestStores.OpenRocks(dir))
        {
            var chain = new ChainStore(store);
            var state = new WorldState(store);
            var tx = random.Transaction();
            chain.AppendWithState(state, random.Context(0, default), [tx], [random.Receipt(tx)], random.StateDiff());

            // The two-batch way: the state commits block 1, then the process dies before the block is appended.
            state.Apply(1, random.StateDiff().Diff);
        }

        using (var store = TestStores.OpenRocks(dir))
        {
            var chain = new ChainStore(store);
            var state = new WorldState(store);
            Assert.Equal(0UL, chain.LatestBlockNumber);
            Assert.Equal(1UL, state.LatestBlock);
            Assert.Throws<InvalidOperationException>(() => chain.AppendWithState(state, random.Context(1, chain.LatestHeader!.Hash), [], [], random.StateDiff()));
            Assert.Equal(1, chain.ReconcileState(state));
            Assert.Equal(0UL, state.LatestBlock);
            Assert.Equal(chain.LatestHeader!.StateRoot, state.GetRoots().GlobalRoot);
            chain.AppendWithState(state, random.Context(1, chain.LatestHeader!.Hash), [], [], random.StateDiff());
            Assert.Equal(1UL, chain.LatestBlockNumber);
        }
    }
}
