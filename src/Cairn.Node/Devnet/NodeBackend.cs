using System.Collections.Concurrent;
using System.Numerics;
using System.Text.Json.Nodes;
using Cairn.Cairo.Programs;
using Cairn.Cairo.Syscalls;
using Cairn.Chain;
using Cairn.Chain.Storage;
using Cairn.Crypto.Hashing;
using Cairn.Execution.Calls;
using Cairn.Execution.Executor;
using Cairn.Execution.Fees;
using Cairn.Execution.Genesis;
using Cairn.Execution.Hashing;
using Cairn.Execution.State;
using Cairn.Execution.Transactions;
using Cairn.Primitives;
using Cairn.Primitives.Ids;
using Cairn.Rpc;
using Cairn.Sequencer;
using Cairn.State;
using Cairn.Trie;
using RpcPredeployed = Cairn.Rpc.PredeployedAccount;

namespace Cairn.Node.Devnet;

/// <summary>
/// The node behind the JSON-RPC server: reads from the chain store and the world state (any past block)
/// or the pending block; executes calls and simulations on a throwaway cache; admits transactions through
/// the gateway checks (stateless, then a full execution against the pending state) into the mempool;
/// the dev namespace; and the events that feed subscriptions.
/// </summary>
public sealed class NodeBackend : INodeBackend
{
    /// <summary>Gateway limits of Starknet 0.14 (versioned constants "gateway").</summary>
    public const int MaxCalldataLength = 5000;

    public const int MaxSignatureLength = 4000;

    public const int MaxBytecodeSize = 81920;

    private readonly WorldState _world;
    private readonly ChainStore _chain;
    private readonly ClassStore _classes;
    private readonly BlockProducer _producer;
    private readonly GenesisState _genesis;
    private readonly ConcurrentDictionary<Felt, (CasmContractClass Casm, byte[] Json)> _casmByCompiledHash = new();
    private readonly ConcurrentDictionary<TxHash, TransactionReceipt> _executed = new();

    public NodeBackend(WorldState world, ChainStore chain, ClassStore classes, BlockProducer producer, GenesisState genesis)
    {
        _world = world;
        _chain = chain;
        _classes = classes;
        _producer = producer;
        _genesis = genesis;
        producer.TransactionExecuted += OnExecuted;
        producer.BlockSealed += OnSealed;
    }

    public Felt ChainId => _producer.Options.ChainId;

    public event Action<RpcBlockHeader>? NewHead;

    public event Action<RpcTransactionWithReceipt>? NewReceipt;

    public event Action<RpcTransactionStatusUpdate>? TransactionStatusChanged;

    // ---- events -------------------------------------------------------------------------------------------

    private void OnExecuted(PendingTransaction t)
    {
        _executed[t.Receipt.TransactionHash] = t.Receipt;
        var item = new RpcTransactionWithReceipt
        {
            Hash = t.Receipt.TransactionHash,
            Transaction = t.Transaction,
            Receipt = t.Receipt,
            Finality = RpcFinalityStatus.PreConfirmed,
            BlockNumber = t.BlockNumber,
            Index = -1,
        };
        NewReceipt?.Invoke(item);
        TransactionStatusChanged?.Invoke(new RpcTransactionStatusUpdate(item.Hash, t.Transaction, new RpcTransactionStatusResult(RpcTransactionStatus.PreConfirmed, t.Receipt.Status, t.Receipt.RevertReason)));
    }

    private void OnSealed(Block block, IReadOnlyList<TransactionReceipt> receipts)
    {
        NewHead?.Invoke(Header(block.Header));
        for (int i = 0; i < receipts.Count; i++)
        {
            var r = receipts[i];
            var item = new RpcTransactionWithReceipt
            {
                Hash = r.TransactionHash,
                Transaction = block.Transactions[i],
                Receipt = r,
                Finality = RpcFinalityStatus.AcceptedOnL2,
                BlockNumber = block.Number,
                BlockHash = block.Hash.Value,
                Index = i,
            };
            NewReceipt?.Invoke(item);
            TransactionStatusChanged?.Invoke(new RpcTransactionStatusUpdate(r.TransactionHash, block.Transactions[i], new RpcTransactionStatusResult(RpcTransactionStatus.AcceptedOnL2, r.Status, r.RevertReason)));
        }
    }

    // ---- chain --------------------------------------------------------------------------------------------

    public RpcSyncStatus? GetSyncStatus() => null;

    public RpcBlockHashAndNumber GetLatestBlock() =>
        _chain.LatestHeader is { } h ? new RpcBlockHashAndNumber(h.Number, h.Hash.Value) : throw RpcBackendException.NoBlocks();

    /// <summary>The committed block a block id names (null for pre_confirmed); BLOCK_NOT_FOUND otherwise.</summary>
    private ulong? Resolve(BlockId id)
    {
        switch (id.Kind)
        {
            case BlockIdKind.PreConfirmed:
                return null;
            case BlockIdKind.Latest:
                return _chain.LatestBlockNumber ?? throw RpcBackendException.BlockNotFound();
            case BlockIdKind.L1Accepted:
                return _chain.L1AcceptedBlock ?? throw RpcBackendException.BlockNotFound();
            case BlockIdKind.Number:
                if (_chain.LatestBlockNumber is { } latest && id.Number <= latest) return id.Number;
                throw RpcBackendException.BlockNotFound();
            default:
                return _chain.GetBlockNumber(new BlockHash(id.Hash)) ?? throw RpcBackendException.BlockNotFound();
        }
    }

    private RpcBlockStatus StatusOf(ulong number) =>
        _chain.L1AcceptedBlock is { } l1 && number <= l1 ? RpcBlockStatus.AcceptedOnL1 : RpcBlockStatus.AcceptedOnL2;

    private RpcBlockHeader Header(BlockHeader h) => new()
    {
        Number = h.Number,
        Status = StatusOf(h.Number),
        Hash = h.Hash.Value,
        ParentHash = h.ParentHash.Value,
        NewRoot = h.StateRoot,
        Timestamp = h.Timestamp,
        SequencerAddress = h.SequencerAddress.Value,
        L1GasPrice = new ResourcePrice(h.GasPrices.L1Gas.Wei, h.GasPrices.L1Gas.Fri),
        L1DataGasPrice = new ResourcePrice(h.GasPrices.L1DataGas.Wei, h.GasPrices.L1DataGas.Fri),
        L2GasPrice = new ResourcePrice(h.GasPrices.L2Gas.Wei, h.GasPrices.L2Gas.Fri),
        L1DaMode = h.L1DaMode == L1DataAvailabilityMode.Blob ? RpcL1DaMode.Blob : RpcL1DaMode.Calldata,
        StarknetVersion = h.StarknetVersion.Text,
        EventCommitment = h.Commitments.EventCommitment,
        TransactionCommitment = h.Commitments.TransactionCommitment,
        ReceiptCommitment = h.Commitments.ReceiptCommitment,
        StateDiffCommitment = h.Commitments.StateDiffCommitment,
        EventCount = h.Commitments.EventCount,
        TransactionCount = h.Commitments.TransactionCount,
        StateDiffLength = h.Commitments.StateDiffLength,
    };

    private RpcBlockHeader PendingHeader(PendingBlock p)
    {
        var g = p.Context.GasPrices;
        return new RpcBlockHeader
        {
            Number = p.Number,
            Status = RpcBlockStatus.PreConfirmed,
            ParentHash = _chain.LatestHeader?.Hash.Value ?? Felt.Zero,
            Timestamp = p.Context.Block.BlockTimestamp,
            SequencerAddress = p.Context.Block.SequencerAddress,
            L1GasPrice = new ResourcePrice(g.L1GasWei, g.L1GasFri),
            L1DataGasPrice = new ResourcePrice(g.L1DataGasWei, g.L1DataGasFri),
            L2GasPrice = new ResourcePrice(g.L2GasWei, g.L2GasFri),
            StarknetVersion = StarknetVersion.V0_14_1.Text,
            TransactionCount = (ulong)p.Transactions.Count,
        };
    }

    public RpcBlockHeader GetBlockHeader(BlockId block)
    {
        if (Resolve(block) is not { } n) return _producer.ReadPending(PendingHeader);
        return Header(_chain.GetHeader(n) ?? throw RpcBackendException.BlockNotFound());
    }

    public RpcBlock GetBlock(BlockId block)
    {
        if (Resolve(block) is not { } n)
        {
            return _producer.ReadPending(p => new RpcBlock(PendingHeader(p), p.Transactions.Select((t, i) => new RpcTransactionWithReceipt
            {
                Hash = t.Receipt.TransactionHash,
                Transaction = t.Transaction,
                Receipt = t.Receipt,
                Finality = RpcFinalityStatus.PreConfirmed,
                BlockNumber = p.Number,
                Index = i,
            }).ToList()));
        }
        var header = _chain.GetHeader(n) ?? throw RpcBackendException.BlockNotFound();
        var txs = _chain.GetTransactions(n) ?? [];
        var receipts = _chain.GetReceipts(n) ?? [];
        var finality = StatusOf(n) == RpcBlockStatus.AcceptedOnL1 ? RpcFinalityStatus.AcceptedOnL1 : RpcFinalityStatus.AcceptedOnL2;
        var items = new List<RpcTransactionWithReceipt>(txs.Count);
        for (int i = 0; i < txs.Count; i++)
        {
            items.Add(new RpcTransactionWithReceipt
            {
                Hash = txs[i].Hash,
                Transaction = txs[i].Transaction,
                Receipt = ReceiptOf(receipts[i]),
                Finality = finality,
                BlockNumber = n,
                BlockHash = header.Hash.Value,
                Index = i,
            });
        }
        return new RpcBlock(Header(header), items);
    }

    /// <summary>The executor's receipt (with call trees) when this process executed it, else one rebuilt from the chain's.</summary>
    private TransactionReceipt ReceiptOf(Receipt r)
    {
        if (_executed.TryGetValue(r.TransactionHash, out var full)) return full;
        return new TransactionReceipt
        {
            TransactionHash = r.TransactionHash,
            Type = r.Type,
            Status = r.ExecutionStatus,
            RevertReason = r.RevertReason,
            Events = r.Events,
            Messages = r.Messages,
            GasConsumed = 0,
            ActualFee = (UInt128)r.ActualFee.Amount.ToBigInteger(),
            FeeUnit = r.ActualFee.Unit,
            Gas = r.ExecutionResources,
            Resources = new TransactionResources(),
            StateDiff = new StateDiff(),
            ContractAddress = r.ContractAddress,
        };
    }

    public RpcStateUpdate GetStateUpdate(BlockId block)
    {
        if (Resolve(block) is not { } n)
        {
            return _producer.ReadPending(p => new RpcStateUpdate
            {
                OldRoot = _chain.LatestHeader?.StateRoot ?? Felt.Zero,
                StateDiff = p.State.ToStateDiff(),
            });
        }
        var u = _chain.GetStateUpdate(n) ?? throw RpcBackendException.BlockNotFound();
        return new RpcStateUpdate
        {
            BlockHash = u.BlockHash.Value,
            OldRoot = u.OldRoot,
            NewRoot = u.NewRoot,
            StateDiff = u.StateDiff.Diff,
            DeprecatedDeclaredClasses = u.StateDiff.DeprecatedDeclaredClasses,
            MigratedCompiledClasses = u.StateDiff.MigratedCompiledClasses.Select(kv => (kv.Key, kv.Value)).ToList(),
        };
    }

    // ---- state --------------------------------------------------------------------------------------------

    /// <summary>Runs <paramref name="read"/> on the state of a block (the pending one under the producer's lock).</summary>
    private T WithState<T>(BlockId block, Func<IStateReader, BlockInfo, T> read)
    {
        if (Resolve(block) is not { } n) return _producer.ReadPending(p => read(p.State, p.Context.Block));
        var h = _chain.GetHeader(n) ?? throw RpcBackendException.BlockNotFound();
        return read(new WorldStateReader(_world, _classes, n), new BlockInfo(h.Number, h.Timestamp, h.SequencerAddress.Value));
    }

    private static void RequireDeployed(IStateReader state, ContractAddress address)
    {
        if (state.GetClassHashAt(address).Value.IsZero && address.Value > Felt.FromUInt64(3)) throw RpcBackendException.ContractNotFound();
    }

    public StorageValue GetStorageAt(BlockId block, ContractAddress contract, StorageKey key) => WithState(block, (s, b) =>
    {
        RequireDeployed(s, contract);
        return new StorageValue(s.GetStorage(contract, key), b.BlockNumber);
    });

    public Nonce GetNonce(BlockId block, ContractAddress contract) => WithState(block, (s, _) =>
    {
        RequireDeployed(s, contract);
        return s.GetNonce(contract);
    });

    public ClassHash GetClassHashAt(BlockId block, ContractAddress contract) => WithState(block, (s, _) =>
    {
        var c = s.GetClassHashAt(contract);
        return c.Value.IsZero ? throw RpcBackendException.ContractNotFound() : c;
    });

    public RpcContractClass GetClass(BlockId block, ClassHash classHash) => WithState(block, (s, _) =>
    {
        if (s.GetCompiledClassHash(classHash) is null) throw RpcBackendException.ClassHashNotFound();
        var json = _classes.GetSierra(classHash) ?? throw RpcBackendException.ClassHashNotFound();
        return RpcContractClass.FromJson(System.Text.Encoding.UTF8.GetString(json));
    });

    public CasmContractClass GetCompiledCasm(ClassHash classHash)
    {
        bool declared = _producer.ReadPending(p => p.State.GetCompiledClassHash(classHash) is not null);
        if (!declared) throw RpcBackendException.ClassHashNotFound();
        return _classes.Get(classHash) ?? throw RpcBackendException.ClassHashNotFound();
    }

    public RpcStorageProof GetStorageProof(BlockId block, IReadOnlyList<ClassHash> classHashes, IReadOnlyList<ContractAddress> contractAddresses, IReadOnlyList<ContractStorageKeys> contractsStorageKeys)
    {
        if (Resolve(block) is not { } n) throw RpcBackendException.StorageProofNotSupported();
        if (n < _world.PrunedBelow) throw RpcBackendException.StorageProofNotSupported();
        var header = _chain.GetHeader(n) ?? throw RpcBackendException.BlockNotFound();
        var (contractsRoot, classesRoot) = _world.GetTrieRoots(n);
        var classesProof = classHashes.Count == 0 ? [] : _world.ClassesTrie.GetProof(classesRoot, classHashes.Select(c => c.Value));
        var contractsProof = contractAddresses.Count == 0 ? [] : _world.ContractsTrie.GetProof(contractsRoot, contractAddresses.Select(a => a.Value));
        var leaves = contractAddresses.Select(a =>
        {
            var cs = _world.GetContractState(a, n);
            return new ContractLeafData(cs.Nonce, cs.ClassHash, cs.StorageRoot.Hash);
        }).ToList();
        var storageProofs = contractsStorageKeys.Select(k =>
        {
            var cs = _world.GetContractState(k.ContractAddress, n);
            return (IReadOnlyList<ProofNode>)(k.StorageKeys.Count == 0 ? [] : _world.StorageTrie.GetProof(cs.StorageRoot, k.StorageKeys.Select(s => s.Value)));
        }).ToList();
        return new RpcStorageProof
        {
            ClassesProof = classesProof,
            ContractsProof = contractsProof,
            ContractLeavesData = leaves,
            ContractsStorageProofs = storageProofs,
            ContractsTreeRoot = contractsRoot.Hash,
            ClassesTreeRoot = classesRoot.Hash,
            BlockHash = header.Hash.Value,
        };
    }

    // ---- transactions -------------------------------------------------------------------------------------

    public Transaction GetTransactionByHash(TxHash hash)
    {
        if (_chain.GetTransaction(hash) is { } t) return t.Transaction;
        var pending = _producer.ReadPending(p => p.Transactions.FirstOrDefault(x => x.Receipt.TransactionHash == hash)?.Transaction);
        if (pending is not null) return pending;
        return _producer.Mempool.Get(hash)?.Transaction ?? throw RpcBackendException.TxnHashNotFound();
    }

    public RpcTransactionWithReceipt GetTransactionByBlockIdAndIndex(BlockId block, int index)
    {
        var b = GetBlock(block);
        if (index < 0 || index >= b.Transactions.Count) throw RpcBackendException.InvalidTxnIndex();
        return b.Transactions[index];
    }

    public RpcTransactionWithReceipt GetTransactionReceipt(TxHash hash)
    {
        if (_chain.GetReceipt(hash) is { } r)
        {
            var tx = _chain.GetTransaction(hash)!;
            return new RpcTransactionWithReceipt
            {
                Hash = hash,
                Transaction = tx.Transaction,
                Receipt = ReceiptOf(r.Receipt),
                Finality = StatusOf(r.Location.BlockNumber) == RpcBlockStatus.AcceptedOnL1 ? RpcFinalityStatus.AcceptedOnL1 : RpcFinalityStatus.AcceptedOnL2,
                BlockNumber = r.Location.BlockNumber,
                BlockHash = r.Location.BlockHash.Value,
                Index = r.Location.Index,
            };
        }
        return _producer.ReadPending(p =>
        {
            for (int i = 0; i < p.Transactions.Count; i++)
            {
                var t = p.Transactions[i];
                if (t.Receipt.TransactionHash != hash) continue;
                return new RpcTransactionWithReceipt
                {
                    Hash = hash,
                    Transaction = t.Transaction,
                    Receipt = t.Receipt,
                    Finality = RpcFinalityStatus.PreConfirmed,
                    BlockNumber = p.Number,
                    Index = i,
                };
            }
            throw RpcBackendException.TxnHashNotFound();
        });
    }

    public RpcTransactionStatusResult GetTransactionStatus(TxHash hash)
    {
        if (_chain.GetReceipt(hash) is { } r)
        {
            var finality = StatusOf(r.Location.BlockNumber) == RpcBlockStatus.AcceptedOnL1 ? RpcTransactionStatus.AcceptedOnL1 : RpcTransactionStatus.AcceptedOnL2;
            return new RpcTransactionStatusResult(finality, r.Receipt.ExecutionStatus, r.Receipt.RevertReason);
        }
        var pending = _producer.ReadPending(p => p.Transactions.FirstOrDefault(x => x.Receipt.TransactionHash == hash)?.Receipt);
        if (pending is not null) return new RpcTransactionStatusResult(RpcTransactionStatus.PreConfirmed, pending.Status, pending.RevertReason);
        if (_producer.Mempool.Contains(hash)) return new RpcTransactionStatusResult(RpcTransactionStatus.Received);
        throw RpcBackendException.TxnHashNotFound();
    }

    public IReadOnlyList<RpcMessageStatus> GetMessagesStatus(L1TransactionHash l1TransactionHash) => throw RpcBackendException.TxnHashNotFound();

    public RpcEventsChunk GetEvents(RpcEventFilter filter)
    {
        const int MaxChunk = 1024;
        if (filter.ChunkSize > MaxChunk) throw RpcBackendException.PageSizeTooBig();
        if (filter.Keys.Count > 16) throw RpcBackendException.TooManyKeysInFilter();
        EventCursor? cursor = null;
        if (filter.ContinuationToken is { } token)
        {
            if (!EventCursor.TryParse(token, out var c)) throw RpcBackendException.InvalidContinuationToken();
            cursor = c;
        }
        ulong latest = _chain.LatestBlockNumber ?? 0;
        ulong from = filter.FromBlock is { } f ? Resolve(f) ?? latest + 1 : 0;
        ulong to = filter.ToBlock is { } t ? Resolve(t) ?? latest : latest;
        var page = _chain.GetEvents(new EventFilter { FromBlock = from, ToBlock = to, Addresses = filter.Addresses, Keys = filter.Keys }, filter.ChunkSize, cursor);
        var events = page.Events.Select(e => new RpcEmittedEvent(e.Event.FromAddress, e.Event.Keys, e.Event.Data, e.BlockHash.Value, e.BlockNumber, e.TransactionHash, e.TransactionIndex, e.EventIndex)).ToList();
        return new RpcEventsChunk(events, page.ContinuationToken?.ToString());
    }

    // ---- execution ----------------------------------------------------------------------------------------

    public IReadOnlyList<Felt> Call(BlockId block, FunctionCall call) => WithState(block, (s, b) =>
    {
        if (s.GetClassHashAt(call.ContractAddress).Value.IsZero) throw RpcBackendException.ContractNotFound();
        return ReadOnlyCall.Execute(s, b, ChainId, call.ContractAddress, call.EntryPointSelector, call.Calldata);
    });

    public SimulationResult Simulate(BlockId block, IReadOnlyList<Transaction> transactions, SimulationFlags flags)
    {
        var execFlags = ExecutionFlags.None;
        if ((flags & SimulationFlags.SkipValidate) != 0) execFlags |= ExecutionFlags.SkipValidate;
        if ((flags & SimulationFlags.SkipFeeCharge) != 0) execFlags |= ExecutionFlags.SkipFeeCharge;
        return WithState(block, (s, b) =>
        {
            var state = new CachedState(s);
            var ctx = ContextFor(b);
            var results = new List<SimulatedTransaction>();
            for (int i = 0; i < transactions.Count; i++)
            {
                var tx = transactions[i];
                TransactionReceipt receipt;
                try
                {
                    receipt = RunOn(state, ctx, tx, execFlags);
                }
                catch (TransactionRejectedException e)
                {
                    throw RpcBackendException.TransactionExecutionError(i, JsonValue.Create(e.Message)!);
                }
                results.Add(new SimulatedTransaction(receipt.TransactionHash, tx, receipt, FeeEstimate.From(receipt.Gas, ctx.GasPrices, receipt.FeeUnit)));
            }
            return new SimulationResult(results);
        });
    }

    private TransactionReceipt RunOn(CachedState state, Execution.Executor.BlockContext ctx, Transaction tx, ExecutionFlags flags)
    {
        if (tx is DeclareTransactionV3 declare)
        {
            var casm = CasmFor(declare) ?? throw MissingCasm(declare);
            return TransactionExecutor.ExecuteDeclare(state, ctx, declare, casm.Casm, flags);
        }
        return tx switch
        {
            InvokeTransactionV3 invoke => TransactionExecutor.Execute(state, ctx, invoke, flags),
            DeployAccountTransactionV3 deploy => TransactionExecutor.Execute(state, ctx, deploy, flags),
            L1HandlerTransaction l1 => TransactionExecutor.Execute(state, ctx, l1),
            _ => throw new RpcBackendException(RpcErrorCode.UnsupportedTxVersion, null, null),
        };
    }

    private Execution.Executor.BlockContext ContextFor(BlockInfo b) => new()
    {
        Block = b,
        ChainId = ChainId,
        GasPrices = _producer.Options.GasPrices,
    };

    public FeeEstimate EstimateMessageFee(BlockId block, MessageFromL1 message) => WithState(block, (s, b) =>
    {
        var tx = new L1HandlerTransaction
        {
            ContractAddress = message.ToAddress.Value,
            EntryPointSelector = message.EntryPointSelector,
            Calldata = new[] { message.FromAddress }.Concat(message.Payload).ToArray(),
            Nonce = Felt.Zero,
        };
        var ctx = ContextFor(b);
        var receipt = TransactionExecutor.Execute(new CachedState(s), ctx, tx);
        if (receipt.Status == ExecutionStatus.Reverted) throw RpcBackendException.ContractError(JsonValue.Create(receipt.RevertReason ?? "")!);
        return FeeEstimate.From(receipt.Gas, ctx.GasPrices, FeeUnit.Wei);
    });

    public RpcTransactionWithReceipt TraceTransaction(TxHash hash)
    {
        if (_producer.Mempool.Contains(hash)) throw RpcBackendException.NoTraceAvailable("RECEIVED");
        var item = GetTransactionReceipt(hash);
        if (HasTrace(item.Receipt) || item.Finality == RpcFinalityStatus.PreConfirmed) return item;
        var replayed = Replay(item.BlockNumber);
        return item with { Receipt = replayed[item.Index] };
    }

    public IReadOnlyList<RpcTransactionWithReceipt> TraceBlockTransactions(BlockId block)
    {
        if (block.Kind == BlockIdKind.PreConfirmed) throw RpcBackendException.BlockNotFound();
        var items = GetBlock(block).Transactions;
        if (items.All(i => HasTrace(i.Receipt))) return items;
        var replayed = Replay(items[0].BlockNumber);
        return items.Select((i, k) => i with { Receipt = replayed[k] }).ToList();
    }

    private static bool HasTrace(TransactionReceipt r) => r.ValidateCall is not null || r.ExecuteCall is not null || r.FeeTransferCall is not null;

    /// <summary>
    /// Re-executes block <paramref name="number"/> on the state after its parent (call trees are not stored:
    /// after a restart, traces come from this), with the block's own context; the receipts keep their call trees.
    /// </summary>
    private List<TransactionReceipt> Replay(ulong number)
    {
        var header = _chain.GetHeader(number) ?? throw RpcBackendException.BlockNotFound();
        if (number == 0 || number - 1 < _world.PrunedBelow) throw RpcBackendException.NoTraceAvailable("REJECTED");
        var txs = _chain.GetTransactions(number) ?? [];
        var state = BlockProducer.OpenBlockState(new WorldStateReader(_world, _classes, number - 1), number, _chain);
        var g = header.GasPrices;
        var ctx = new Execution.Executor.BlockContext
        {
            Block = new BlockInfo(number, header.Timestamp, header.SequencerAddress.Value),
            ChainId = ChainId,
            GasPrices = new Execution.Fees.GasPrices(g.L1Gas.Wei, g.L1Gas.Fri, g.L1DataGas.Wei, g.L1DataGas.Fri, g.L2Gas.Wei, g.L2Gas.Fri),
        };
        var receipts = new List<TransactionReceipt>(txs.Count);
        foreach (var t in txs)
        {
            var receipt = t.Transaction is DeclareTransactionV3 declare
                ? TransactionExecutor.ExecuteDeclare(state, ctx, declare, _classes.Get(new ClassHash(declare.ClassHash)) ?? throw RpcBackendException.NoTraceAvailable("REJECTED"))
                : TransactionExecutor.Execute(state, ctx, t.Transaction);
            _executed.TryAdd(receipt.TransactionHash, receipt);
            receipts.Add(receipt);
        }
        return receipts;
    }

    // ---- writes -------------------------------------------------------------------------------------------

    public ValueTask<AddTransactionResult> AddTransactionAsync(Transaction transaction, CasmContractClass? compiledClass, CancellationToken cancellationToken)
    {
        if (transaction is not TransactionV3 v3 || transaction.IsQuery)
        {
            throw new RpcBackendException(RpcErrorCode.UnsupportedTxVersion, null, null);
        }
        if (v3.Signature.Length > MaxSignatureLength) throw new TransactionRejectedException("VALIDATION_FAILURE", $"signature too long: {v3.Signature.Length} > {MaxSignatureLength}");
        var hash = TransactionHasher.Compute(transaction, ChainId);
        if (_producer.Mempool.Contains(hash) || _chain.GetTransactionLocation(hash) is not null)
        {
            throw new TransactionRejectedException("DUPLICATE_TX", $"A transaction with the same hash already exists: {hash}.");
        }

        ContractAddress account;
        object? attachment = null;
        ClassHash? classHash = null;
        ContractAddress? deployed = null;
        switch (transaction)
        {
            case InvokeTransactionV3 invoke:
                if (invoke.Calldata.Length > MaxCalldataLength) throw new TransactionRejectedException("VALIDATION_FAILURE", $"calldata too long: {invoke.Calldata.Length} > {MaxCalldataLength}");
                account = new ContractAddress(invoke.SenderAddress);
                break;
            case DeployAccountTransactionV3 deploy:
                if (deploy.ConstructorCalldata.Length > MaxCalldataLength) throw new TransactionRejectedException("VALIDATION_FAILURE", $"calldata too long: {deploy.ConstructorCalldata.Length} > {MaxCalldataLength}");
                account = ContractAddressCalculator.Compute(deploy.ContractAddressSalt, deploy.ClassHash, deploy.ConstructorCalldata.Span, Felt.Zero);
                deployed = account;
                break;
            case DeclareTransactionV3 declare:
                account = new ContractAddress(declare.SenderAddress);
                classHash = new ClassHash(declare.ClassHash);
                if (compiledClass is not null) AddCompiledClass(compiledClass);
                var casm = CasmFor(declare) ?? throw MissingCasm(declare);
                if (casm.Casm.Bytecode.Count > MaxBytecodeSize) throw new TransactionRejectedException("CONTRACT_CLASS_SIZE_IS_TOO_LARGE", $"bytecode of {casm.Casm.Bytecode.Count} felts > {MaxBytecodeSize}");
                byte[]? sierraJson = declare.ContractClass is { } sierra ? SierraJson(sierra) : null;
                attachment = new DeclareAttachment(casm.Casm, casm.Json, sierraJson);
                break;
            default:
                throw new RpcBackendException(RpcErrorCode.UnsupportedTxVersion, null, null);
        }

        // Stateful checks against the pending state: an INVOKE whose nonce is the account's next is validated
        // (nonce, bounds and balance, __validate__ within the bounds — blockifier's stateful validator); DECLARE and
        // DEPLOY_ACCOUNT run in full; a later nonce waits in the mempool.
        // The checks read a snapshot of the pending block taken under the producer's lock, then run outside it,
        // in parallel with the producer.
        var (pendingState, pendingContext) = _producer.ReadPending(p => (p.State.Snapshot(), p.Context));
        var state = new CachedState(pendingState);
        var current = state.GetNonce(account).Value;
        if (v3.Nonce < current)
        {
            throw new TransactionRejectedException("INVALID_TRANSACTION_NONCE", $"Invalid transaction nonce of contract at address {account}. Account nonce: {current}; got: {v3.Nonce}.");
        }
        if (v3.Nonce == current || transaction is DeployAccountTransactionV3)
        {
            switch (transaction)
            {
                case InvokeTransactionV3 i:
                    TransactionExecutor.Validate(state, pendingContext, i);
                    break;
                case DeclareTransactionV3 d:
                    TransactionExecutor.ExecuteDeclare(state, pendingContext, d, ((DeclareAttachment)attachment!).Casm);
                    break;
                default:
                    TransactionExecutor.Execute(state, pendingContext, transaction);
                    break;
            }
        }

        var entry = new MempoolEntry(hash, transaction, account, v3.Nonce, v3.Tip, _producer.Options.Time.GetUtcNow(), attachment);
        var added = _producer.Submit(entry);
        switch (added)
        {
            case MempoolAddResult.Duplicate:
                throw new TransactionRejectedException("DUPLICATE_TX", $"A transaction with the same hash already exists: {hash}.");
            case MempoolAddResult.ReplacementTipTooLow:
                throw new TransactionRejectedException("INVALID_TRANSACTION_NONCE", $"A transaction with nonce {v3.Nonce} from {account} is already waiting with a tip at least as high.");
            case MempoolAddResult.Full:
                throw new RpcBackendException(RpcErrorCode.UnexpectedError, null, JsonValue.Create("the mempool is full"));
        }
        TransactionStatusChanged?.Invoke(new RpcTransactionStatusUpdate(hash, transaction, new RpcTransactionStatusResult(RpcTransactionStatus.Received)));
        return ValueTask.FromResult(new AddTransactionResult(hash, classHash, deployed));
    }

    /// <summary>The Sierra class as <c>starknet_getClass</c> serves it (the RPC's own class writer).</summary>
    private static byte[] SierraJson(Execution.Classes.SierraContractClass sierra)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer)) Cairn.Rpc.Json.ClassWriter.WriteSierra(w, sierra);
        return buffer.WrittenSpan.ToArray();
    }

    private (CasmContractClass Casm, byte[] Json)? CasmFor(DeclareTransactionV3 declare) =>
        _casmByCompiledHash.TryGetValue(declare.CompiledClassHash, out var c) ? c : null;

    /// <summary>COMPILATION_FAILED (56): Cairn does not compile Sierra; the data says how to hand it the CASM.</summary>
    private static RpcBackendException MissingCasm(DeclareTransactionV3 declare) => new(RpcErrorCode.CompilationFailed, null, JsonValue.Create(
        $"Cairn does not compile Sierra: send the CASM of compiled class hash {declare.CompiledClassHash} first with cairn_addCompiledClass, or declare with cairn_addDeclareTransaction."));

    public CompiledClassHash AddCompiledClass(CasmContractClass compiledClass)
    {
        var json = System.Text.Encoding.UTF8.GetBytes(compiledClass.ToJson());
        var blake = CompiledClassHasher.ComputeBlake(compiledClass);
        _casmByCompiledHash[blake] = (compiledClass, json);
        _casmByCompiledHash[CompiledClassHasher.ComputePoseidon(compiledClass)] = (compiledClass, json);
        return new CompiledClassHash(blake);
    }

    // ---- dev namespace ------------------------------------------------------------------------------------

    public IReadOnlyList<RpcPredeployed> GetPredeployedAccounts() => _producer.ReadPending(p =>
        _genesis.Accounts.Select(a => new RpcPredeployed(a.Address, a.PrivateKey, a.PublicKey, SystemClasses.Account.ClassHash, FeeToken.Balance(p.State, FeeToken.StrkAddress, a.Address))).ToList());

    public ValueTask<RpcBlockHashAndNumber> GenerateBlockAsync(CancellationToken cancellationToken)
    {
        var block = _producer.SealNow();
        return ValueTask.FromResult(new RpcBlockHashAndNumber(block.Number, block.Hash.Value));
    }

    public void SetNextBlockTimestamp(ulong timestamp) => _producer.SetNextBlockTimestamp(timestamp);

    public void IncreaseNextBlockTimestamp(ulong seconds) => _producer.IncreaseNextBlockTimestamp(seconds);

    public ValueTask<MintResult> MintAsync(ContractAddress address, BigInteger amount, FeeUnit unit, CancellationToken cancellationToken)
    {
        if (unit != FeeUnit.Fri) throw RpcBackendException.UnexpectedError("only STRK (FRI) exists on Cairn");
        if (amount <= 0 || amount >= BigInteger.One << 128) throw RpcBackendException.UnexpectedError("the amount must be in (0, 2^128)");
        var balance = _producer.ChangePending((state, ctx) =>
        {
            var context = new TransactionContext(ctx.Block, new TxInfo { ChainId = ChainId });
            var call = EntryPointExecutor.Execute(state, context, new CallRequest(FeeToken.StrkAddress, EntryPointType.External, StarknetKeccak.Selector("mint"),
                [address.Value, Felt.FromBigInteger(amount), Felt.Zero], GenesisBuilder.MinterAddress), 1_000_000_000);
            if (call.Failed) throw RpcBackendException.UnexpectedError("mint failed: " + TransactionExecutor.Describe(call.Retdata));
            return FeeToken.Balance(state, FeeToken.StrkAddress, address);
        });
        return ValueTask.FromResult(new MintResult(balance, FeeUnit.Fri, null));
    }
}
