using Cairn.Execution.Fees;
using System.Numerics;
using Cairn.Cairo.Syscalls;
using Cairn.Chain;
using Cairn.Chain.Storage;
using Cairn.Execution.Executor;
using Cairn.Execution.Genesis;
using Cairn.Execution.State;
using Cairn.Execution.Transactions;
using Cairn.Primitives;
using Cairn.Primitives.Ids;
using Cairn.State;
using ChainBlockContext = Cairn.Chain.BlockContext;
using ChainGasPrices = Cairn.Chain.GasPrices;
using ExecBlockContext = Cairn.Execution.Executor.BlockContext;

namespace Cairn.Sequencer;

/// <summary>
/// Builds blocks: takes transactions from the <see cref="Mempool"/> in order, executes them on the
/// pending (pre_confirmed) block's state, and closes the block per <see cref="ProducerOptions.Mode"/> or at
/// a limit — the state diff (with the block-hash and alias writes of 0x1 and 0x2) and the sealed block
/// go to disk in one atomic batch through <see cref="ChainStore.AppendWithState"/>. One worker thread
/// executes; readers see the pending block through <see cref="ReadPending"/>.
/// </summary>
public sealed class BlockProducer : IAsyncDisposable
{
    private readonly WorldState _world;
    private readonly ChainStore _chain;
    private readonly ClassStore _classes;
    private readonly Mempool _mempool;
    private readonly ProducerOptions _options;
    private readonly Action<string> _log;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<TxHash, (string Code, string Reason)> _rejected = [];
    private Task? _worker;
    private PendingBlock _pending = null!;
    private ulong? _nextTimestamp;
    private long _timestampOffset;

    public BlockProducer(WorldState world, ChainStore chain, ClassStore classes, Mempool mempool, ProducerOptions options, Action<string>? log = null)
    {
        _world = world;
        _chain = chain;
        _classes = classes;
        _mempool = mempool;
        _options = options;
        _log = log ?? (_ => { });
    }

    /// <summary>A block was written (its receipts carry the executor's call trees for traces).</summary>
    public event Action<Block, IReadOnlyList<TransactionReceipt>>? BlockSealed;

    /// <summary>A transaction joined the pending block.</summary>
    public event Action<PendingTransaction>? TransactionExecuted;

    /// <summary>A transaction was rejected when executed (it is in no block).</summary>
    public event Action<TxHash, string, string>? TransactionRejected;

    public ProducerOptions Options => _options;

    public Mempool Mempool => _mempool;

    /// <summary>Writes block 0 from <paramref name="genesis"/> when the chain is empty, then opens the pending block.</summary>
    public void Initialize(GenesisState genesis)
    {
        lock (_gate)
        {
            _chain.ReconcileState(_world);
            if (_chain.LatestBlockNumber is null)
            {
                foreach (var c in genesis.Classes)
                {
                    _classes.Put(c.ClassHash, System.Text.Encoding.UTF8.GetBytes(c.CasmJson));
                    _classes.PutSierra(c.ClassHash, System.Text.Encoding.UTF8.GetBytes(c.SierraJson));
                }
                var block = _chain.AppendWithState(_world, ChainContext(0, default, Now()), [], [], new BlockStateDiff(genesis.Diff));
                _log($"block 0 (genesis) {block.Hash} root {block.Header.StateRoot}");
            }
            OpenPending();
        }
    }

    public void Start()
    {
        _worker = Task.Run(WorkAsync);
    }

    /// <summary>Queues a transaction and wakes the worker. A DECLARE carries its <see cref="DeclareAttachment"/>.</summary>
    public MempoolAddResult Submit(MempoolEntry entry)
    {
        var result = _mempool.Add(entry);
        if (result is MempoolAddResult.Added or MempoolAddResult.Replaced) _signal.Release();
        return result;
    }

    /// <summary>Why a transaction was rejected at execution, if it was.</summary>
    public (string Code, string Reason)? Rejection(TxHash hash)
    {
        lock (_gate) return _rejected.TryGetValue(hash, out var r) ? r : null;
    }

    /// <summary>Runs <paramref name="read"/> on the pending block under the producer's lock (its state must not escape).</summary>
    public T ReadPending<T>(Func<PendingBlock, T> read)
    {
        lock (_gate) return read(_pending);
    }

    /// <summary>Executes everything ready in the mempool and closes the pending block now (dev_generateBlock).</summary>
    public Block SealNow()
    {
        lock (_gate)
        {
            Drain(sealPerTransaction: false);
            return SealLocked();
        }
    }

    /// <summary>Runs <paramref name="change"/> on the pending state (dev_mint) and, in per-transaction mode, closes the block.</summary>
    public T ChangePending<T>(Func<CachedState, ExecBlockContext, T> change)
    {
        lock (_gate)
        {
            var result = change(_pending.State, _pending.Context);
            if (_options.Mode == BlockMode.PerTransaction) SealLocked();
            return result;
        }
    }

    public void SetNextBlockTimestamp(ulong timestamp)
    {
        lock (_gate)
        {
            _nextTimestamp = timestamp;
            _timestampOffset = (long)timestamp - (long)RealNow();
        }
    }

    public void IncreaseNextBlockTimestamp(ulong seconds)
    {
        lock (_gate)
        {
            _timestampOffset += (long)seconds;
            _nextTimestamp = null;
        }
    }

    private async Task WorkAsync()
    {
        var token = _stop.Token;
        using var timer = _options.Mode == BlockMode.Interval ? new PeriodicTimer(_options.BlockTime, _options.Time) : null;
        Task? tick = timer?.WaitForNextTickAsync(token).AsTask();
        while (!token.IsCancellationRequested)
        {
            var wake = _signal.WaitAsync(TimeSpan.FromSeconds(1), token);
            try
            {
                if (tick is not null) await Task.WhenAny(wake, tick).ConfigureAwait(false);
                else await wake.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            if (token.IsCancellationRequested) break;
            try
            {
                lock (_gate)
                {
                    Drain(sealPerTransaction: _options.Mode == BlockMode.PerTransaction);
                    if (tick is { IsCompleted: true })
                    {
                        SealLocked();
                        tick = timer!.WaitForNextTickAsync(token).AsTask();
                    }
                    foreach (var e in _mempool.EvictExpired()) _log($"evicted {e.Hash} (waited longer than the mempool's time to live)");
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _log($"block producer error: {e}");
            }
        }
    }

    /// <summary>Executes ready transactions into the pending block; closes blocks at limits (and after each one when asked).</summary>
    private void Drain(bool sealPerTransaction)
    {
        while (_mempool.TakeNext(a => _pending.State.GetNonce(a).Value) is { } entry)
        {
            Execute(entry);
            if (sealPerTransaction && _pending.Transactions.Count > 0) SealLocked();
            else if (AtLimit()) SealLocked();
        }
    }

    private bool AtLimit()
    {
        var p = _pending;
        return p.Transactions.Count >= _options.MaxTransactions || p.L2Gas >= _options.MaxL2Gas || p.Events >= _options.MaxEvents || p.StateDiffEntries >= _options.MaxStateDiffSize;
    }

    private void Execute(MempoolEntry entry)
    {
        TransactionReceipt receipt;
        try
        {
            receipt = entry.Transaction switch
            {
                DeclareTransactionV3 declare when entry.Attachment is DeclareAttachment a => DeclareWithClass(declare, a),
                _ => TransactionExecutor.Execute(_pending.State, _pending.Context, entry.Transaction),
            };
        }
        catch (TransactionRejectedException e)
        {
            _rejected[entry.Hash] = (e.Code, e.Message);
            _log($"rejected {entry.Hash}: {e.Code}: {e.Message}");
            TransactionRejected?.Invoke(entry.Hash, e.Code, e.Message);
            return;
        }
        var pending = new PendingTransaction(entry.Transaction, receipt, _pending.Number);
        _pending.Add(pending);
        TransactionExecuted?.Invoke(pending);
    }

    private TransactionReceipt DeclareWithClass(DeclareTransactionV3 tx, DeclareAttachment a)
    {
        var receipt = TransactionExecutor.ExecuteDeclare(_pending.State, _pending.Context, tx, a.Casm);
        // Content-addressed: storing before the block commits is harmless (the classes trie decides).
        _classes.Put(new ClassHash(tx.ClassHash), a.CasmJson);
        if (a.SierraJson is { } sierra) _classes.PutSierra(new ClassHash(tx.ClassHash), sierra);
        return receipt;
    }

    private Block SealLocked()
    {
        var p = _pending;
        var diff = p.State.ToStateDiff();
        SystemContracts.AllocateAliases(diff, key => _world.GetStorage(SystemContracts.AliasContract, key));
        var transactions = p.Transactions.Select(t => t.Transaction).ToList();
        var receipts = p.Transactions.Select(t => ChainReceipt(t)).ToList();
        var parent = _chain.LatestHeader;
        var block = _chain.AppendWithState(_world, ChainContext(p.Number, parent?.Hash ?? default, p.Context.Block.BlockTimestamp), transactions, receipts, new BlockStateDiff(diff));
        _log($"block {block.Number} {block.Hash}: {transactions.Count} transaction(s), root {block.Header.StateRoot}");
        foreach (var t in p.Transactions) _rejected.Remove(t.Receipt.TransactionHash);
        var executed = p.Transactions.Select(t => t.Receipt).ToList();
        OpenPending();
        BlockSealed?.Invoke(block, executed);
        return block;
    }

    private static Receipt ChainReceipt(PendingTransaction t)
    {
        var r = t.Receipt;
        var unit = r.FeeUnit;
        return Receipt.FromExecution(r, t.Transaction, new FeePayment(Felt.FromUInt128(r.ActualFee), unit),
            r.Gas, r.ContractAddress);
    }

    private void OpenPending()
    {
        ulong number = _chain.BlockCount;
        ulong timestamp = Now();
        var state = OpenBlockState(new WorldStateReader(_world, _classes), number, _chain);
        var context = new ExecBlockContext
        {
            Block = new BlockInfo(number, timestamp, _options.SequencerAddress.Value),
            ChainId = _options.ChainId,
            GasPrices = _options.GasPrices,
        };
        _pending = new PendingBlock(number, context, state);
    }

    /// <summary>
    /// The state block <paramref name="number"/> executes on: the committed state before it, its reads
    /// remembered, with the block-hash table entry of block n − 10 written before any transaction runs.
    /// </summary>
    public static CachedState OpenBlockState(IStateReader committed, ulong number, ChainStore chain)
    {
        var state = new CachedState(committed, cacheReads: true);
        if (number >= SystemContracts.StoredBlockHashBuffer)
        {
            ulong old = number - SystemContracts.StoredBlockHashBuffer;
            state.SetStorage(SystemContracts.BlockHashContract, new StorageKey(Felt.FromUInt64(old)), chain.GetHeader(old)!.Hash.Value);
        }
        return state;
    }

    private ChainBlockContext ChainContext(ulong number, BlockHash parent, ulong timestamp)
    {
        var g = _options.GasPrices;
        return new ChainBlockContext
        {
            Number = number,
            ParentHash = parent,
            SequencerAddress = _options.SequencerAddress,
            Timestamp = timestamp,
            GasPrices = new ChainGasPrices(new GasPrice(g.L1GasWei, g.L1GasFri), new GasPrice(g.L1DataGasWei, g.L1DataGasFri), new GasPrice(g.L2GasWei, g.L2GasFri)),
        };
    }

    private ulong RealNow() => (ulong)_options.Time.GetUtcNow().ToUnixTimeSeconds();

    private ulong Now()
    {
        if (_nextTimestamp is { } t)
        {
            _nextTimestamp = null;
            return t;
        }
        return (ulong)Math.Max(0, (long)RealNow() + _timestampOffset);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_worker is not null)
        {
            try
            {
                await _worker.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
        _stop.Dispose();
        _signal.Dispose();
    }

    /// <summary>The balance helper the dev namespace uses.</summary>
    public static BigInteger Balance(IStateReader state, ContractAddress owner) => Execution.Fees.FeeToken.Balance(state, Execution.Fees.FeeToken.StrkAddress, owner);
}
