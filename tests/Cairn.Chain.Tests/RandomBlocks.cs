using Cairn.Execution.Fees;
using Cairn.Execution.Executor;
using Cairn.Execution.Hashing;
using Cairn.Execution.Transactions;
using Cairn.Primitives;
using Cairn.Primitives.Ids;
using Cairn.State;

namespace Cairn.Chain.Tests;

/// <summary>Random transactions, receipts, state diffs and chains of sealed blocks (seeded, reproducible).</summary>
internal sealed class RandomBlocks(int seed)
{
    public static readonly Felt ChainId = Felt.FromShortString("SN_SEPOLIA");

    private readonly Random _random = new(seed);

    /// <summary>A small pool of emitters and keys so filters hit something.</summary>
    public Felt[] Addresses { get; } = Enumerable.Range(1, 6).Select(i => (Felt)(ulong)(0x1000 + i)).ToArray();

    public Felt[] KeyPool { get; } = Enumerable.Range(1, 5).Select(i => (Felt)(ulong)(0xabc0 + i)).ToArray();

    public Random Random => _random;

    public Felt NextFelt()
    {
        Span<byte> bytes = stackalloc byte[32];
        _random.NextBytes(bytes);
        bytes[0] &= 0x07;
        return _random.Next(4) switch
        {
            0 => Primitives.Felt.FromUInt64((ulong)_random.Next(1000)),
            _ => Primitives.Felt.FromBytesBE(bytes),
        };
    }

    public Felt[] Felts(int max) => Enumerable.Range(0, _random.Next(max + 1)).Select(_ => NextFelt()).ToArray();

    public Transaction Transaction()
    {
        ResourceBoundsMapping Bounds() => new(
            new ResourceBounds((ulong)_random.NextInt64(), (UInt128)(ulong)_random.NextInt64() << 20),
            new ResourceBounds((ulong)_random.Next(), (UInt128)(ulong)_random.NextInt64()),
            _random.Next(5) == 0 ? null : new ResourceBounds((ulong)_random.Next(), UInt128.MaxValue >> _random.Next(128)));
        var da = (DataAvailabilityMode)_random.Next(2);
        Transaction tx = _random.Next(9) switch
        {
            0 => new InvokeTransactionV0 { ContractAddress = NextFelt(), EntryPointSelector = NextFelt(), Calldata = Felts(5), MaxFee = NextFelt() },
            1 => new InvokeTransactionV1 { SenderAddress = NextFelt(), Calldata = Felts(5), MaxFee = NextFelt(), Nonce = NextFelt() },
            2 => new DeclareTransactionLegacy
            {
                DeclareVersion = _random.Next(3), SenderAddress = NextFelt(), ClassHash = NextFelt(), MaxFee = NextFelt(), Nonce = NextFelt(),
                CompiledClassHash = NextFelt(),
            },
            3 => new DeclareTransactionV3
            {
                Nonce = NextFelt(), ResourceBounds = Bounds(), Tip = (ulong)_random.NextInt64(), PaymasterData = Felts(2),
                NonceDataAvailabilityMode = da, FeeDataAvailabilityMode = (DataAvailabilityMode)_random.Next(2),
                SenderAddress = NextFelt(), ClassHash = NextFelt(), CompiledClassHash = NextFelt(), AccountDeploymentData = Felts(2),
            },
            4 => new DeployAccountTransactionV1 { ClassHash = NextFelt(), ContractAddressSalt = NextFelt(), ConstructorCalldata = Felts(3), MaxFee = NextFelt(), Nonce = NextFelt() },
            5 => new DeployAccountTransactionV3
            {
                Nonce = NextFelt(), ResourceBounds = Bounds(), Tip = 0, PaymasterData = Array.Empty<Felt>(), NonceDataAvailabilityMode = da,
                FeeDataAvailabilityMode = da, ClassHash = NextFelt(), ContractAddressSalt = NextFelt(), ConstructorCalldata = Felts(3),
            },
            6 => new L1HandlerTransaction { ContractAddress = NextFelt(), EntryPointSelector = NextFelt(), Calldata = Felts(4), Nonce = NextFelt() },
            7 => new DeployTransaction { DeployVersion = _random.Next(2), ClassHash = NextFelt(), ContractAddressSalt = NextFelt(), ConstructorCalldata = Felts(3) },
            _ => new InvokeTransactionV3
            {
                Nonce = NextFelt(), ResourceBounds = Bounds(), Tip = (ulong)_random.Next(), PaymasterData = Felts(2),
                NonceDataAvailabilityMode = da, FeeDataAvailabilityMode = da, SenderAddress = NextFelt(), Calldata = Felts(8),
                AccountDeploymentData = Felts(1), ProofFacts = _random.Next(3) == 0 ? Felts(3) : Array.Empty<Felt>(),
            },
        };
        var unsigned = tx is L1HandlerTransaction or DeployTransaction || _random.Next(6) == 0;
        return tx with { Signature = unsigned ? ReadOnlyMemory<Felt>.Empty : Felts(4) };
    }

    public Receipt Receipt(Transaction tx)
    {
        var reverted = _random.Next(5) == 0;
        return new Receipt
        {
            TransactionHash = TransactionHasher.Compute(tx, ChainId),
            Type = tx.Type,
            ActualFee = new FeePayment(NextFelt(), tx.Version == 3 ? FeeUnit.Fri : FeeUnit.Wei),
            ExecutionStatus = reverted ? ExecutionStatus.Reverted : ExecutionStatus.Succeeded,
            RevertReason = reverted ? RevertReason() : null,
            Events = Enumerable.Range(0, _random.Next(5)).Select(_ => new ReceiptEvent(
                new ContractAddress(Addresses[_random.Next(Addresses.Length)]),
                Enumerable.Range(0, _random.Next(4)).Select(_ => _random.Next(3) == 0 ? NextFelt() : KeyPool[_random.Next(KeyPool.Length)]).ToArray(),
                Felts(4))).ToList(),
            Messages = Enumerable.Range(0, _random.Next(3)).Select(_ => new ReceiptMessage(new ContractAddress(NextFelt()), NextFelt(), Felts(3))).ToList(),
            ExecutionResources = new GasVector((ulong)_random.Next(100_000), (ulong)_random.Next(1000), (ulong)_random.NextInt64()),
            ContractAddress = tx.Type is TransactionType.DeployAccount or TransactionType.Deploy ? new ContractAddress(NextFelt()) : null,
            L1MessageHash = tx.Type == TransactionType.L1Handler ? RandomBytes(32) : null,
        };
    }

    private string RevertReason() => _random.Next(3) switch
    {
        0 => "",
        1 => "Execution failed. Failure reason: 0x496e73756666696369656e742062616c616e6365 ('Insufficient balance').",
        _ => "entry point panicked: ünïcödé ✓ " + _random.Next(),
    };

    private byte[] RandomBytes(int n)
    {
        var b = new byte[n];
        _random.NextBytes(b);
        return b;
    }

    public BlockStateDiff StateDiff()
    {
        var diff = new StateDiff();
        for (var i = _random.Next(4); i > 0; i--)
        {
            var address = new ContractAddress(NextFelt());
            for (var j = _random.Next(4); j > 0; j--) diff.SetStorage(address, new StorageKey(NextFelt()), _random.Next(5) == 0 ? Primitives.Felt.Zero : NextFelt());
        }

        for (var i = _random.Next(3); i > 0; i--) diff.SetNonce(new ContractAddress(NextFelt()), new Nonce(NextFelt()));
        for (var i = _random.Next(3); i > 0; i--) diff.DeployContract(new ContractAddress(NextFelt()), new ClassHash(NextFelt()));
        for (var i = _random.Next(2); i > 0; i--) diff.ReplaceClass(new ContractAddress(NextFelt()), new ClassHash(NextFelt()));
        for (var i = _random.Next(3); i > 0; i--) diff.DeclareClass(new ClassHash(NextFelt()), new CompiledClassHash(NextFelt()));
        var deprecated = Enumerable.Range(0, _random.Next(3)).Select(_ => new ClassHash(NextFelt())).ToList();
        var migrated = Enumerable.Range(0, _random.Next(3)).ToDictionary(_ => new ClassHash(NextFelt()), _ => new CompiledClassHash(NextFelt()));
        return new BlockStateDiff(diff, deprecated, migrated);
    }

    public BlockContext Context(ulong number, BlockHash parent) => new()
    {
        Number = number,
        ParentHash = parent,
        SequencerAddress = new ContractAddress(NextFelt()),
        Timestamp = 1_700_000_000 + number,
        GasPrices = new GasPrices(
            new GasPrice((UInt128)(ulong)_random.NextInt64(), (UInt128)(ulong)_random.NextInt64() << 30),
            new GasPrice((ulong)_random.Next(), (ulong)_random.Next()),
            new GasPrice(1, (UInt128)(ulong)_random.Next())),
        L1DaMode = _random.Next(2) == 0 ? L1DataAvailabilityMode.Blob : L1DataAvailabilityMode.Calldata,
        StarknetVersion = _random.Next(2) == 0 ? StarknetVersion.V0_14_1 : StarknetVersion.V0_13_4,
    };

    /// <summary>A sealed block after <paramref name="parent"/> (or block 0) with up to <paramref name="maxTransactions"/> transactions.</summary>
    public Block Block(BlockHeader? parent, int maxTransactions = 6)
    {
        var txs = Enumerable.Range(0, _random.Next(maxTransactions + 1)).Select(_ => Transaction()).ToList();
        var receipts = txs.Select(Receipt).ToList();
        var number = parent is null ? 0 : parent.Number + 1;
        return BlockSealer.Seal(Context(number, parent?.Hash ?? default), txs, receipts, StateDiff(), parent?.StateRoot ?? Primitives.Felt.Zero, NextFelt());
    }

    public List<Block> Chain(int count, int maxTransactions = 6)
    {
        var blocks = new List<Block>();
        for (var i = 0; i < count; i++) blocks.Add(Block(blocks.Count == 0 ? null : blocks[^1].Header, maxTransactions));
        return blocks;
    }
}
