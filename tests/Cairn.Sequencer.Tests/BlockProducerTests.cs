using System.Numerics;
using Cairn.Chain.Storage;
using Cairn.Crypto.Hashing;
using Cairn.Crypto.Signatures;
using Cairn.Execution.Executor;
using Cairn.Execution.Fees;
using Cairn.Execution.Genesis;
using Cairn.Execution.Hashing;
using Cairn.Execution.State;
using Cairn.Execution.Transactions;
using Cairn.Primitives;
using Cairn.Primitives.Ids;
using Cairn.State;
using Cairn.Storage;

namespace Cairn.Sequencer.Tests;

public sealed class BlockProducerTests : IDisposable
{
    private static readonly Felt ChainId = Felt.FromShortString("SN_SEPOLIA");
    private static readonly Lazy<GenesisState> Genesis = new(() => GenesisBuilder.Build(new GenesisOptions { Seed = Felt.FromUInt64(1), Accounts = 2 }, ChainId));
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cairn-producer-" + Guid.NewGuid().ToString("N"));

    private static IReadOnlyList<string> Columns => [.. WorldState.ColumnNames, .. ChainStore.ColumnNames, .. ClassStore.ColumnNames];

    private sealed record Node(IKeyValueStore Store, WorldState World, ChainStore Chain, ClassStore Classes, BlockProducer Producer);

    private Node Open(BlockMode mode = BlockMode.OnDemand)
    {
        var store = RocksDbStore.Open(_dir, Columns);
        var world = new WorldState(store);
        var chain = new ChainStore(store);
        var classes = new ClassStore(store);
        var producer = new BlockProducer(world, chain, classes, new Mempool(), new ProducerOptions { ChainId = ChainId, Mode = mode });
        producer.Initialize(Genesis.Value);
        return new Node(store, world, chain, classes, producer);
    }

    private static MempoolEntry Transfer(PredeployedAccount from, ContractAddress to, BigInteger amount, ulong nonce)
    {
        var prices = GasPrices.Default;
        var tx = new InvokeTransactionV3
        {
            SenderAddress = from.Address.Value,
            Calldata = new[] { Felt.One, FeeToken.StrkAddress.Value, StarknetKeccak.Selector("transfer"), Felt.FromUInt64(3), to.Value, Felt.FromBigInteger(amount), Felt.Zero },
            Nonce = Felt.FromUInt64(nonce),
            ResourceBounds = new ResourceBoundsMapping(new ResourceBounds(0, prices.L1GasFri * 2), new ResourceBounds(100_000_000, prices.L2GasFri * 2), new ResourceBounds(10_000, prices.L1DataGasFri * 2)),
        };
        var hash = TransactionHasher.Compute(tx, ChainId);
        var sig = Ecdsa.Sign(from.PrivateKey, hash.Value);
        tx = tx with { Signature = new[] { sig.R, sig.S } };
        return new MempoolEntry(hash, tx, from.Address, tx.Nonce, tx.Tip, DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Transactions_become_a_block_whose_state_and_hash_survive_a_restart()
    {
        var accounts = Genesis.Value.Accounts;
        var bob = accounts[1].Address;
        Cairn.Chain.Block block;
        {
            var node = Open();
            Assert.Equal(0ul, node.Chain.LatestBlockNumber);
            node.Producer.Submit(Transfer(accounts[0], bob, 10, 0));
            node.Producer.Submit(Transfer(accounts[0], bob, 20, 1));
            node.Producer.Submit(Transfer(accounts[0], bob, 30, 5)); // a nonce gap: waits
            block = node.Producer.SealNow();
            Assert.Equal(1ul, block.Number);
            Assert.Equal(2, block.Transactions.Count);
            Assert.All(block.Receipts, r => Assert.Equal(ExecutionStatus.Succeeded, r.ExecutionStatus));
            Assert.Equal(node.World.GetRoots().GlobalRoot, block.Header.StateRoot);
            Assert.Equal(block.Header.ComputeHash(), block.Hash);
            Assert.Equal(1, node.Producer.Mempool.Count);
            var reader = new WorldStateReader(node.World, node.Classes);
            Assert.Equal(BigInteger.Pow(10, 21) + 30, FeeToken.Balance(reader, FeeToken.StrkAddress, bob));
            Assert.Equal(Felt.FromUInt64(2), reader.GetNonce(accounts[0].Address).Value);
            var fees = block.Receipts.Aggregate(BigInteger.Zero, (s, r) => s + r.ActualFee.Amount.ToBigInteger());
            Assert.Equal(fees, FeeToken.Balance(reader, FeeToken.StrkAddress, node.Producer.Options.SequencerAddress));
            await node.Producer.DisposeAsync();
            node.Store.Dispose();
        }
        {
            var node = Open();
            Assert.Equal(1ul, node.Chain.LatestBlockNumber);
            Assert.Equal(block.Hash, node.Chain.LatestHeader!.Hash);
            Assert.Equal(block.Header.StateRoot, node.World.GetRoots().GlobalRoot);
            var again = node.Producer.SealNow(); // an empty block on top
            Assert.Equal(2ul, again.Number);
            Assert.Equal(block.Hash, again.Header.ParentHash);
            await node.Producer.DisposeAsync();
            node.Store.Dispose();
        }
    }

    [Fact]
    public async Task The_worker_seals_a_block_per_transaction_and_reports_rejections()
    {
        var accounts = Genesis.Value.Accounts;
        var node = Open(BlockMode.PerTransaction);
        var sealedBlocks = new List<Cairn.Chain.Block>();
        var rejected = new List<TxHash>();
        var done = new TaskCompletionSource();
        node.Producer.BlockSealed += (b, _) => { lock (sealedBlocks) { sealedBlocks.Add(b); if (sealedBlocks.Count == 2) done.TrySetResult(); } };
        node.Producer.TransactionRejected += (h, _, _) => { lock (rejected) rejected.Add(h); };
        node.Producer.Start();
        var bad = Transfer(accounts[0], accounts[1].Address, 1, 0) with { Transaction = ((InvokeTransactionV3)Transfer(accounts[0], accounts[1].Address, 1, 0).Transaction) with { Signature = new[] { Felt.One, Felt.One } } };
        node.Producer.Submit(bad);
        node.Producer.Submit(Transfer(accounts[1], accounts[0].Address, 5, 0));
        node.Producer.Submit(Transfer(accounts[1], accounts[0].Address, 6, 1));
        await done.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal([1ul, 2ul], sealedBlocks.Select(b => b.Number));
        Assert.Contains(bad.Hash, rejected);
        Assert.Equal("VALIDATION_FAILURE", node.Producer.Rejection(bad.Hash)!.Value.Code);
        await node.Producer.DisposeAsync();
        node.Store.Dispose();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
