using System.Collections.Concurrent;
using System.Numerics;
using Cairn.Cairo.Programs;
using Cairn.Execution.Executor;
using Cairn.Execution.Fees;
using Cairn.Execution.Hashing;
using Cairn.Execution.Transactions;
using Cairn.Primitives;
using Cairn.Primitives.Ids;
using Cairn.State;
using Cairn.Trie;

namespace Cairn.Rpc.Tests;

/// <summary>
/// An in-memory node: genesis (block 0, empty), block 1 with an INVOKE, a reverted INVOKE, a DEPLOY_ACCOUNT and an
/// L1_HANDLER, and a pre-confirmed block 2 with a DECLARE. Records what the write and dev methods were given and
/// raises the subscription events on demand.
/// </summary>
public sealed class FakeBackend : INodeBackend
{
    public static readonly Felt Block0Hash = Felt.Parse("0x10");
    public static readonly Felt Block1Hash = Felt.Parse("0x11");
    public static readonly L1TransactionHash L1Tx = new(0xabcdef, 0x1234);

    private readonly List<RpcBlock> _blocks = [];
    private readonly Dictionary<TxHash, RpcTransactionWithReceipt> _byHash = [];
    private readonly Dictionary<Felt, CasmContractClass> _casms = [];

    public FakeBackend()
    {
        _blocks.Add(new RpcBlock(Header(0, Block0Hash, Felt.Zero, RpcBlockStatus.AcceptedOnL1, 0), []));
        var txs = new Transaction[] { Samples.Invoke(1), Samples.Invoke(2), Samples.DeployAccount(), Samples.L1Handler() };
        var list = new List<RpcTransactionWithReceipt>();
        for (var i = 0; i < txs.Length; i++)
        {
            var hash = TransactionHasher.Compute(txs[i], ChainId);
            list.Add(new RpcTransactionWithReceipt
            {
                Hash = hash, Transaction = txs[i], Receipt = Samples.Receipt(txs[i], hash, reverted: i == 1),
                Finality = RpcFinalityStatus.AcceptedOnL2, BlockNumber = 1, BlockHash = Block1Hash, Index = i,
            });
        }
        _blocks.Add(new RpcBlock(Header(1, Block1Hash, Block0Hash, RpcBlockStatus.AcceptedOnL2, (ulong)txs.Length), list));
        var declare = Samples.Declare();
        var declareHash = TransactionHasher.Compute(declare, ChainId);
        PreConfirmed = new RpcBlock(Header(2, Felt.Zero, Felt.Zero, RpcBlockStatus.PreConfirmed, 1),
        [
            new RpcTransactionWithReceipt
            {
                Hash = declareHash, Transaction = declare, Receipt = Samples.Receipt(declare, declareHash),
                Finality = RpcFinalityStatus.PreConfirmed, BlockNumber = 2, BlockHash = null, Index = 0,
            },
        ]);
        foreach (var b in _blocks.Append(PreConfirmed))
        {
            foreach (var t in b.Transactions) _byHash[t.Hash] = t;
        }
        _casms[declare.ClassHash] = Samples.Casm();
    }

    public Felt ChainId => Samples.ChainId;

    public RpcBlock PreConfirmed { get; }

    public IReadOnlyList<RpcBlock> Blocks => _blocks;

    public RpcTransactionWithReceipt Tx(int blockOneIndex) => _blocks[1].Transactions[blockOneIndex];

    public RpcTransactionWithReceipt DeclareTx => PreConfirmed.Transactions[0];

    public ConcurrentQueue<(Transaction Tx, CasmContractClass? Casm)> Added { get; } = new();

    public ConcurrentQueue<string> DevCalls { get; } = new();

    public RpcSyncStatus? Sync { get; set; }

    public SimulationFlags LastSimulationFlags { get; private set; }

    public RpcEventFilter? LastEventFilter { get; private set; }

    public event Action<RpcBlockHeader>? NewHead;

    public event Action<RpcTransactionWithReceipt>? NewReceipt;

    public event Action<RpcTransactionStatusUpdate>? TransactionStatusChanged;

    public void RaiseNewHead(RpcBlockHeader h) => NewHead?.Invoke(h);

    /// <summary>How many handlers are attached to the three events (one per open WebSocket connection each).</summary>
    public int HandlerCount =>
        (NewHead?.GetInvocationList().Length ?? 0) + (NewReceipt?.GetInvocationList().Length ?? 0) + (TransactionStatusChanged?.GetInvocationList().Length ?? 0);

    public void RaiseNewReceipt(RpcTransactionWithReceipt r) => NewReceipt?.Invoke(r);

    public void RaiseStatus(RpcTransactionStatusUpdate u) => TransactionStatusChanged?.Invoke(u);

    public static RpcBlockHeader Header(ulong number, Felt hash, Felt parent, RpcBlockStatus status, ulong txCount) => new()
    {
        Number = number,
        Hash = hash,
        ParentHash = parent,
        NewRoot = Felt.Parse("0x2a") + number,
        Status = status,
        Timestamp = 1_700_000_000 + number,
        SequencerAddress = Felt.Parse("0x1176a1bd84444c89232ec27754698e5d2e7e1a7f1539f12027f28b23ec9f3d8"),
        L1GasPrice = new ResourcePrice(1_000_000_000, 1_000_000_000_000),
        L1DataGasPrice = new ResourcePrice(1_000, 1_000_000),
        L2GasPrice = new ResourcePrice(1_000, 1_000_000),
        StarknetVersion = "0.14.1",
        EventCommitment = 0x21,
        TransactionCommitment = 0x22,
        ReceiptCommitment = 0x23,
        StateDiffCommitment = 0x24,
        EventCount = txCount,
        TransactionCount = txCount,
        StateDiffLength = 3,
    };

    private RpcBlock Resolve(BlockId id) => id.Kind switch
    {
        BlockIdKind.Latest => _blocks[^1],
        BlockIdKind.L1Accepted => _blocks[0],
        BlockIdKind.PreConfirmed => PreConfirmed,
        BlockIdKind.Number => id.Number < (ulong)_blocks.Count ? _blocks[(int)id.Number] : throw RpcBackendException.BlockNotFound(),
        _ => _blocks.FirstOrDefault(b => b.Header.Hash == id.Hash) ?? throw RpcBackendException.BlockNotFound(),
    };

    public RpcSyncStatus? GetSyncStatus() => Sync;

    public RpcBlockHashAndNumber GetLatestBlock() => new(_blocks[^1].Header.Number, _blocks[^1].Header.Hash);

    public RpcBlockHeader GetBlockHeader(BlockId block) => Resolve(block).Header;

    /// <summary>When set, GetBlock waits for this many concurrent callers (a batch served in parallel passes; a serial one times out).</summary>
    public Barrier? GetBlockBarrier { get; set; }

    public RpcBlock GetBlock(BlockId block)
    {
        if (GetBlockBarrier is { } b && !b.SignalAndWait(TimeSpan.FromSeconds(5))) throw new TimeoutException("batch items were not served concurrently");
        return Resolve(block);
    }

    public RpcStateUpdate GetStateUpdate(BlockId block)
    {
        var b = Resolve(block);
        var diff = new StateDiff();
        foreach (var t in b.Transactions)
        {
            foreach (var (a, slots) in t.Receipt.StateDiff.StorageDiffs)
            {
                foreach (var (k, v) in slots) diff.SetStorage(a, k, v);
            }
            foreach (var (a, n) in t.Receipt.StateDiff.Nonces) diff.SetNonce(a, n);
            foreach (var (a, c) in t.Receipt.StateDiff.DeployedContracts) diff.DeployContract(a, c);
            foreach (var (c, cc) in t.Receipt.StateDiff.DeclaredClasses) diff.DeclareClass(c, cc);
        }
        diff.ReplaceClass(Samples.Token, Samples.AccountClass);
        return b.Header.IsPreConfirmed
            ? new RpcStateUpdate { OldRoot = _blocks[^1].Header.NewRoot, StateDiff = diff }
            : new RpcStateUpdate
            {
                BlockHash = b.Header.Hash,
                OldRoot = b.Header.Number == 0 ? Felt.Zero : _blocks[(int)b.Header.Number - 1].Header.NewRoot,
                NewRoot = b.Header.NewRoot,
                StateDiff = diff,
                MigratedCompiledClasses = [(Samples.AccountClass, new CompiledClassHash(0x77))],
            };
    }

    private static void RequireContract(ContractAddress a)
    {
        if (a != Samples.Account && a != Samples.Token) throw RpcBackendException.ContractNotFound();
    }

    public StorageValue GetStorageAt(BlockId block, ContractAddress contract, StorageKey key)
    {
        Resolve(block);
        RequireContract(contract);
        return key.Value == 5 ? new StorageValue(100, 1) : new StorageValue(Felt.Zero, 0);
    }

    public Nonce GetNonce(BlockId block, ContractAddress contract)
    {
        Resolve(block);
        RequireContract(contract);
        return new Nonce(contract == Samples.Account ? 2 : 0);
    }

    public ClassHash GetClassHashAt(BlockId block, ContractAddress contract)
    {
        Resolve(block);
        RequireContract(contract);
        return contract == Samples.Account ? Samples.AccountClass : new ClassHash(0x1234);
    }

    public RpcContractClass GetClass(BlockId block, ClassHash classHash)
    {
        Resolve(block);
        if (classHash == Samples.AccountClass) return RpcContractClass.FromSierra(Samples.SierraClass());
        if (classHash.Value == 0x1234)
            return RpcContractClass.FromJson("{\"program\":\"H4sIAAAA\",\"entry_points_by_type\":{\"CONSTRUCTOR\":[],\"EXTERNAL\":[{\"offset\":\"0x1\",\"selector\":\"0x2\"}],\"L1_HANDLER\":[]},\"abi\":[]}");
        throw RpcBackendException.ClassHashNotFound();
    }

    public CasmContractClass GetCompiledCasm(ClassHash classHash) =>
        _casms.TryGetValue(classHash.Value, out var c) ? c : throw RpcBackendException.ClassHashNotFound();

    public RpcStorageProof GetStorageProof(BlockId block, IReadOnlyList<ClassHash> classHashes, IReadOnlyList<ContractAddress> contractAddresses, IReadOnlyList<ContractStorageKeys> contractsStorageKeys)
    {
        var b = Resolve(block);
        return new RpcStorageProof
        {
            ClassesProof = classHashes.Count == 0 ? [] : [ProofNode.Binary(0x100, 0x101, 0x102)],
            ContractsProof = [ProofNode.Binary(0x200, 0x201, 0x202), ProofNode.Edge(0x201, 0x300, Felt.Parse("0x5"), 3)],
            ContractLeavesData = contractAddresses.Select(a => new ContractLeafData(2, Samples.AccountClass.Value, (Felt?)0x999)).ToList(),
            ContractsStorageProofs = contractsStorageKeys.Select(k => (IReadOnlyList<ProofNode>)[ProofNode.Edge(0x400, 0x401, k.StorageKeys.Count, 251)]).ToList(),
            ContractsTreeRoot = 0x200,
            ClassesTreeRoot = 0x100,
            BlockHash = b.Header.Hash,
        };
    }

    public Transaction GetTransactionByHash(TxHash hash) =>
        _byHash.TryGetValue(hash, out var t) ? t.Transaction : throw RpcBackendException.TxnHashNotFound();

    public RpcTransactionWithReceipt GetTransactionByBlockIdAndIndex(BlockId block, int index)
    {
        var b = Resolve(block);
        return index < b.Transactions.Count ? b.Transactions[index] : throw RpcBackendException.InvalidTxnIndex();
    }

    public RpcTransactionWithReceipt GetTransactionReceipt(TxHash hash) =>
        _byHash.TryGetValue(hash, out var t) ? t : throw RpcBackendException.TxnHashNotFound();

    public RpcTransactionStatusResult GetTransactionStatus(TxHash hash)
    {
        var t = GetTransactionReceipt(hash);
        return new RpcTransactionStatusResult(Json.RpcEnums.ToTxStatus(t.Finality), t.Receipt.Status, t.Receipt.RevertReason);
    }

    public IReadOnlyList<RpcMessageStatus> GetMessagesStatus(L1TransactionHash l1TransactionHash) =>
        l1TransactionHash == L1Tx ? [new RpcMessageStatus(Tx(3).Hash, RpcFinalityStatus.AcceptedOnL2, ExecutionStatus.Succeeded)] : throw RpcBackendException.TxnHashNotFound();

    public RpcEventsChunk GetEvents(RpcEventFilter filter)
    {
        LastEventFilter = filter;
        if (filter.ChunkSize > 100) throw RpcBackendException.PageSizeTooBig();
        var all = new List<RpcEmittedEvent>();
        foreach (var b in _blocks)
        {
            foreach (var t in b.Transactions)
            {
                for (var i = 0; i < t.Receipt.Events.Count; i++)
                {
                    var e = t.Receipt.Events[i];
                    if (filter.Matches(e.FromAddress, e.Keys)) all.Add(new RpcEmittedEvent(e.FromAddress, e.Keys, e.Data, b.Header.Hash, b.Header.Number, t.Hash, t.Index, i));
                }
            }
        }
        var start = 0;
        if (filter.ContinuationToken is { } token && (!int.TryParse(token[1..], out start) || token[0] != 'p' || start > all.Count))
            throw RpcBackendException.InvalidContinuationToken();
        var page = all.Skip(start).Take(filter.ChunkSize).ToList();
        var next = start + page.Count < all.Count ? "p" + (start + page.Count) : null;
        return new RpcEventsChunk(page, next);
    }

    public IReadOnlyList<Felt> Call(BlockId block, FunctionCall call)
    {
        Resolve(block);
        RequireContract(call.ContractAddress);
        if (call.EntryPointSelector == 0xbad) throw new ContractCallException("Execution failed: 'boom'", [Felt.FromShortString("boom")]);
        return [.. call.Calldata, 42];
    }

    public SimulationResult Simulate(BlockId block, IReadOnlyList<Transaction> transactions, SimulationFlags flags)
    {
        var header = Resolve(block).Header;
        LastSimulationFlags = flags;
        var results = new List<SimulatedTransaction>();
        for (var i = 0; i < transactions.Count; i++)
        {
            var tx = transactions[i];
            if (tx is TransactionV3 v3 && v3.Nonce == 0xdead) throw RpcBackendException.TransactionExecutionError(i, "invalid nonce");
            var hash = TransactionHasher.Compute(tx, ChainId);
            var reverted = tx is InvokeTransactionV3 inv && inv.Calldata.Length > 0 && inv.Calldata.Span[0] == 0xbad;
            var receipt = Samples.Receipt(tx, hash, reverted);
            var prices = new GasPrices(header.L1GasPrice.PriceInWei, header.L1GasPrice.PriceInFri, header.L1DataGasPrice.PriceInWei,
                header.L1DataGasPrice.PriceInFri, header.L2GasPrice.PriceInWei, header.L2GasPrice.PriceInFri);
            results.Add(new SimulatedTransaction(hash, tx, receipt, FeeEstimate.From(receipt.Gas, prices, FeeUnit.Fri)));
        }
        var reads = (flags & SimulationFlags.ReturnInitialReads) != 0
            ? new RpcInitialReads { Storage = [(Samples.Token, new StorageKey(5), 100)], Nonces = [(Samples.Account, new Nonce(1))], ClassHashes = [(Samples.Account, Samples.AccountClass)], DeclaredContracts = [(Samples.AccountClass, true)] }
            : null;
        return new SimulationResult(results, reads);
    }

    public FeeEstimate EstimateMessageFee(BlockId block, MessageFromL1 message)
    {
        Resolve(block);
        return FeeEstimate.From(new GasVector(20000, 0, 50000), GasPrices.Default, FeeUnit.Wei);
    }

    public RpcTransactionWithReceipt TraceTransaction(TxHash hash)
    {
        var t = GetTransactionReceipt(hash);
        return t.Finality == RpcFinalityStatus.PreConfirmed ? throw RpcBackendException.NoTraceAvailable("RECEIVED") : t;
    }

    public IReadOnlyList<RpcTransactionWithReceipt> TraceBlockTransactions(BlockId block) => Resolve(block).Transactions;

    public ValueTask<AddTransactionResult> AddTransactionAsync(Transaction transaction, CasmContractClass? compiledClass, CancellationToken cancellationToken)
    {
        if (transaction is TransactionV3 { Nonce: var n } && n == 0xdead) throw new TransactionRejectedException("INVALID_TRANSACTION_NONCE", "Invalid transaction nonce of contract at address 0x3a11ce. Account nonce: 0x2; got: 0xdead.");
        if (transaction is TransactionV3 { Nonce: var m } && m == 0xbeef) throw new InvalidOperationException("kaboom");
        if (transaction is DeclareTransactionV3 d && compiledClass is not null && CompiledClassHasher.ComputeBlake(compiledClass) != d.CompiledClassHash)
            throw RpcBackendException.CompiledClassHashMismatch();
        Added.Enqueue((transaction, compiledClass));
        var hash = TransactionHasher.Compute(transaction, ChainId);
        return ValueTask.FromResult(transaction switch
        {
            DeclareTransactionV3 decl => new AddTransactionResult(hash, new ClassHash(decl.ClassHash)),
            DeployAccountTransactionV3 => new AddTransactionResult(hash, null, new ContractAddress(0xdead)),
            _ => new AddTransactionResult(hash),
        });
    }

    public CompiledClassHash AddCompiledClass(CasmContractClass compiledClass)
    {
        var h = CompiledClassHasher.ComputeBlake(compiledClass);
        _casms[h] = compiledClass;
        return new CompiledClassHash(h);
    }

    public IReadOnlyList<PredeployedAccount> GetPredeployedAccounts() =>
        [new PredeployedAccount(Samples.Account, Felt.Parse("0x71d7bb07b9a64f6f78ac4c816aff4da9"), Felt.Parse("0x39d9e6ce352ad4530a0ef5d5a18fd3303c3606a7fa6ac5b620020ad681cc33b"), Samples.AccountClass, BigInteger.Parse("1000000000000000000000"))];

    public ValueTask<RpcBlockHashAndNumber> GenerateBlockAsync(CancellationToken cancellationToken)
    {
        DevCalls.Enqueue("generate");
        return ValueTask.FromResult(new RpcBlockHashAndNumber(2, 0x12));
    }

    public void SetNextBlockTimestamp(ulong timestamp) => DevCalls.Enqueue($"set {timestamp}");

    public void IncreaseNextBlockTimestamp(ulong seconds) => DevCalls.Enqueue($"increase {seconds}");

    public ValueTask<MintResult> MintAsync(ContractAddress address, BigInteger amount, FeeUnit unit, CancellationToken cancellationToken)
    {
        DevCalls.Enqueue($"mint {address} {amount} {unit}");
        return ValueTask.FromResult(new MintResult(amount + 5, unit, new TxHash(0x77)));
    }
}
