using Cairn.Chain.Commitments;
using Cairn.Execution.Transactions;
using Cairn.Primitives;
using Cairn.Primitives.Ids;
using Cairn.State;
using Cairn.Storage;

namespace Cairn.Chain.Storage;

/// <summary>
/// The chain over an <see cref="IKeyValueStore"/>: sealed blocks (headers, transactions, receipts, state updates),
/// the indexes the JSON-RPC read methods need (block by hash, transaction by hash, events by emitter), the latest
/// block and the L1-accepted mark. Every block is written in one atomic batch, optionally the same batch as the world
/// state's (<see cref="AppendWithState"/>); a block is visible once that batch is written, never partly.
/// </summary>
/// <remarks>
/// <para>Columns (<see cref="ColumnNames"/>; numbers big-endian so keys sort by block):</para>
/// <list type="bullet">
/// <item><c>chain_meta</c>: <c>'h'</c> → latest block (8); <c>'l'</c> → newest L1-accepted block (8).</item>
/// <item><c>chain_headers</c>: block (8) → header.</item>
/// <item><c>chain_block_hashes</c>: block hash (32) → block (8).</item>
/// <item><c>chain_transactions</c>: block (8) + index (4) → transaction hash and transaction.</item>
/// <item><c>chain_receipts</c>: block (8) + index (4) → receipt (with its events).</item>
/// <item><c>chain_tx_hashes</c>: transaction hash (32) → block (8) + index (4).</item>
/// <item><c>chain_state_updates</c>: block (8) → state update.</item>
/// <item><c>chain_events_by_address</c>: emitter (32) + block (8) + tx index (4) + event index (4) → empty.</item>
/// <item><c>chain_event_blooms</c>: block (8) → Bloom filter of the block's emitters and first keys (blocks with events only).</item>
/// <item><c>chain_l1_handlers</c>: L1 transaction hash (32) + L2 transaction hash (32) → empty.</item>
/// </list>
/// <para>Values are a format byte (<see cref="FormatVersion"/>) followed by a compact binary encoding: LEB128
/// varints, felts as a length byte and their big-endian bytes without leading zeros, UTF-8 strings with a varint
/// length (see the codecs in this folder). A reader rejects any other format byte.</para>
/// <para>Writes come from one writer at a time; reads may run concurrently with it. Reads never return a block above
/// the latest one, so a block whose batch is written but not yet reported through <see cref="MarkCommitted"/> stays
/// invisible until then.</para>
/// <para>With a <see cref="WorldState"/> on the same store there are two ways to commit a block. The preferred one,
/// <see cref="AppendWithState"/>, puts the state's writes and the block in a single batch. The other one applies
/// the state first (its own batch) and then <see cref="Append"/>s the block; a crash in between leaves the state one
/// block ahead of the chain, which <see cref="ReconcileState"/> repairs at start-up by reverting the state to the
/// chain's latest block (so the block must still be revertible: keep <c>WorldState.KeepBlocks</c> ≥ 2 or null).</para>
/// </remarks>
public sealed class ChainStore
{
    /// <summary>The first byte of every stored value.</summary>
    public const byte FormatVersion = 1;

    public const string MetaColumnName = "chain_meta";
    public const string HeadersColumnName = "chain_headers";
    public const string BlockHashesColumnName = "chain_block_hashes";
    public const string TransactionsColumnName = "chain_transactions";
    public const string ReceiptsColumnName = "chain_receipts";
    public const string TransactionHashesColumnName = "chain_tx_hashes";
    public const string StateUpdatesColumnName = "chain_state_updates";
    public const string EventsByAddressColumnName = "chain_events_by_address";
    public const string EventBloomsColumnName = "chain_event_blooms";
    public const string L1HandlersColumnName = "chain_l1_handlers";

    /// <summary>The columns a store must have for <see cref="ChainStore"/>.</summary>
    public static IReadOnlyList<string> ColumnNames { get; } =
    [
        MetaColumnName, HeadersColumnName, BlockHashesColumnName, TransactionsColumnName, ReceiptsColumnName,
        TransactionHashesColumnName, StateUpdatesColumnName, EventsByAddressColumnName, EventBloomsColumnName, L1HandlersColumnName,
    ];

    private readonly IKeyValueStore _store;
    private readonly Column _meta, _headers, _blockHashes, _transactions, _receipts, _txHashes, _stateUpdates, _eventsByAddress, _eventBlooms, _l1Handlers;
    private readonly Lock _writeGate = new();
    private volatile BlockHeader? _head;
    private long _l1Accepted = -1;

    public ChainStore(IKeyValueStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _meta = store.GetColumn(MetaColumnName);
        _headers = store.GetColumn(HeadersColumnName);
        _blockHashes = store.GetColumn(BlockHashesColumnName);
        _transactions = store.GetColumn(TransactionsColumnName);
        _receipts = store.GetColumn(ReceiptsColumnName);
        _txHashes = store.GetColumn(TransactionHashesColumnName);
        _stateUpdates = store.GetColumn(StateUpdatesColumnName);
        _eventsByAddress = store.GetColumn(EventsByAddressColumnName);
        _eventBlooms = store.GetColumn(EventBloomsColumnName);
        _l1Handlers = store.GetColumn(L1HandlersColumnName);

        if (store.Get(_meta, ChainKeys.Head) is { } head)
        {
            var number = ChainKeys.ReadUInt64(head);
            _head = ReadHeader(number) ?? throw new InvalidDataException($"chain store: the header of the latest block {number} is missing");
        }

        if (store.Get(_meta, ChainKeys.L1Accepted) is { } accepted)
        {
            _l1Accepted = (long)ChainKeys.ReadUInt64(accepted);
        }
    }

    // ---- the head ------------------------------------------------------------------------------

    /// <summary>The latest block's header, or null before block 0.</summary>
    public BlockHeader? LatestHeader => _head;

    /// <summary>The latest block number (RPC <c>starknet_blockNumber</c>), or null when there is none (NO_BLOCKS).</summary>
    public ulong? LatestBlockNumber => _head?.Number;

    /// <summary>The number of blocks (latest + 1).</summary>
    public ulong BlockCount => _head is { } h ? h.Number + 1 : 0;

    /// <summary>The newest block accepted on L1 (<see cref="SetL1Accepted"/>), or null.</summary>
    public ulong? L1AcceptedBlock
    {
        get
        {
            var value = Interlocked.Read(ref _l1Accepted);
            return value >= 0 ? (ulong)value : null;
        }
    }

    /// <summary>ACCEPTED_ON_L1 when the block is at or below <see cref="L1AcceptedBlock"/>, else ACCEPTED_ON_L2 (null when not stored).</summary>
    public BlockStatus? GetBlockStatus(ulong number)
    {
        if (_head is not { } head || number > head.Number) return null;
        return L1AcceptedBlock is { } l1 && number <= l1 ? BlockStatus.AcceptedOnL1 : BlockStatus.AcceptedOnL2;
    }

    // ---- writing -------------------------------------------------------------------------------

    /// <summary>
    /// Writes <paramref name="block"/> (the next block, whose parent is the latest block) in one atomic batch with
    /// whatever <paramref name="addWrites"/> adds to that batch.
    /// </summary>
    public void Append(Block block, Action<IWriteBatch>? addWrites = null)
    {
        ArgumentNullException.ThrowIfNull(block);
        lock (_writeGate)
        {
            using var batch = _store.CreateBatch();
            AddToBatch(batch, block);
            addWrites?.Invoke(batch);
            _store.Write(batch);
            _head = block.Header;
        }
    }

    /// <summary>
    /// Adds every write of <paramref name="block"/> to a batch the caller commits; after the batch is written, call
    /// <see cref="MarkCommitted"/> (one block per batch). Checks that the block follows the latest one and is consistent
    /// (counts, hashes).
    /// </summary>
    public void AddToBatch(IWriteBatch batch, Block block)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(block);
        Validate(block);
        var header = block.Header;
        var n = header.Number;
        var w = new ByteWriter();

        batch.Put(_headers, ChainKeys.Block(n), Encode(w, header, static (w, h) => HeaderCodec.Write(w, h)));
        batch.Put(_blockHashes, ChainKeys.Felt(header.Hash.Value), ChainKeys.Block(n));
        for (var i = 0; i < block.Transactions.Count; i++)
        {
            var receipt = block.Receipts[i];
            var key = ChainKeys.Transaction(n, i);
            batch.Put(_transactions, key, Encode(w, (receipt.TransactionHash, block.Transactions[i]), static (w, t) =>
            {
                w.Felt(t.TransactionHash.Value);
                TransactionCodec.Write(w, t.Item2);
            }));
            batch.Put(_receipts, key, Encode(w, receipt, static (w, r) => ReceiptCodec.Write(w, r)));
            batch.Put(_txHashes, ChainKeys.Felt(receipt.TransactionHash.Value), key);
            for (var e = 0; e < receipt.Events.Count; e++)
            {
                batch.Put(_eventsByAddress, ChainKeys.EventByAddress(receipt.Events[e].FromAddress.Value, n, i, e), []);
            }
        }

        batch.Put(_stateUpdates, ChainKeys.Block(n), Encode(w, block.StateUpdate, static (w, u) => StateUpdateCodec.Write(w, u)));
        if (block.Receipts.Any(r => r.Events.Count != 0))
        {
            batch.Put(_eventBlooms, ChainKeys.Block(n), [FormatVersion, .. EventBloom.Build(block.Receipts.SelectMany(r => r.Events))]);
        }

        batch.Put(_meta, ChainKeys.Head, ChainKeys.Block(n));
    }

    /// <summary>Reports that a batch filled by <see cref="AddToBatch"/> was written: the block becomes the latest.</summary>
    public void MarkCommitted(Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        lock (_writeGate)
        {
            var expected = _head is { } h ? h.Number + 1 : 0;
            if (block.Number != expected) throw new InvalidOperationException($"Expected block {expected} to be committed, got {block.Number}.");
            if (_store.Get(_meta, ChainKeys.Head) is not { } head || ChainKeys.ReadUInt64(head) != block.Number)
            {
                throw new InvalidOperationException($"Block {block.Number} was not written.");
            }

            _head = block.Header;
        }
    }

    /// <summary>
    /// Applies the block's state diff to <paramref name="state"/> and writes the state, the sealed block and its
    /// indexes in one atomic batch (the block hash needs the new state root, so the block is sealed inside the
    /// state's commit). The state and the chain must be at the same block. Returns the sealed block.
    /// </summary>
    public Block AppendWithState(
        WorldState state, BlockContext context, IReadOnlyList<Transaction> transactions, IReadOnlyList<Receipt> receipts,
        BlockStateDiff stateDiff)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(stateDiff);
        var commitments = BlockCommitmentCalculator.Compute(transactions, receipts, stateDiff, context.StarknetVersion);
        lock (_writeGate)
        {
            var head = _head;
            if (state.LatestBlock != head?.Number)
            {
                throw new InvalidOperationException(
                    $"The state is at block {state.LatestBlock?.ToString() ?? "none"} but the chain at {head?.Number.ToString() ?? "none"}; call ReconcileState first.");
            }

            var oldRoot = head?.StateRoot ?? Felt.Zero;
            Block? block = null;
            try
            {
                state.Apply(context.Number, stateDiff.ToStateDiffWithMigrations(), (batch, roots) =>
                {
                    block = BlockSealer.Seal(context, commitments, transactions, receipts, stateDiff, oldRoot, roots.GlobalRoot);
                    AddToBatch(batch, block);
                });
            }
            finally
            {
                // Apply can fail after its batch is written (pruning runs afterwards): the block is then committed.
                if (block is not null && _store.Get(_meta, ChainKeys.Head) is { } written && ChainKeys.ReadUInt64(written) == block.Number)
                {
                    _head = block.Header;
                }
            }

            return block!;
        }
    }

    /// <summary>
    /// Brings a world state on the same store back in line with the chain after a crash between a state commit and
    /// the block's <see cref="Append"/>: a state ahead of the chain is reverted to the chain's latest block. Returns
    /// the number of state blocks reverted. A state behind the chain cannot be repaired here and throws.
    /// </summary>
    public int ReconcileState(WorldState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        lock (_writeGate)
        {
            var chain = _head?.Number;
            var current = state.LatestBlock;
            if (current == chain) return 0;
            if (current is null || (chain is { } c && current < c))
            {
                throw new InvalidDataException($"The state (block {current?.ToString() ?? "none"}) is behind the chain (block {chain}).");
            }

            state.RevertTo(chain);
            return (int)(chain is { } kept ? current.Value - kept : current.Value + 1);
        }
    }

    /// <summary>Deletes every block after <paramref name="number"/> (all blocks when null) in one batch.</summary>
    public void RevertTo(ulong? number)
    {
        lock (_writeGate)
        {
            var head = _head;
            if (head is null) return;
            if (number >= head.Number) return;
            if (L1AcceptedBlock is { } l1 && (number is null || l1 > number))
            {
                throw new InvalidOperationException($"Cannot revert block {l1}: it is accepted on L1.");
            }

            var first = number is { } n ? n + 1 : 0;
            using var batch = _store.CreateBatch();
            for (var b = first; b <= head.Number; b++)
            {
                var header = ReadHeader(b) ?? throw new InvalidDataException($"chain store: header {b} is missing");
                batch.Delete(_headers, ChainKeys.Block(b));
                batch.Delete(_blockHashes, ChainKeys.Felt(header.Hash.Value));
                batch.Delete(_stateUpdates, ChainKeys.Block(b));
                batch.Delete(_eventBlooms, ChainKeys.Block(b));
                var receipts = ReadReceipts(b);
                for (var i = 0; i < receipts.Count; i++)
                {
                    var key = ChainKeys.Transaction(b, i);
                    batch.Delete(_transactions, key);
                    batch.Delete(_receipts, key);
                    batch.Delete(_txHashes, ChainKeys.Felt(receipts[i].TransactionHash.Value));
                    for (var e = 0; e < receipts[i].Events.Count; e++)
                    {
                        batch.Delete(_eventsByAddress, ChainKeys.EventByAddress(receipts[i].Events[e].FromAddress.Value, b, i, e));
                    }
                }
            }

            BlockHeader? newHead = null;
            if (number is { } kept)
            {
                batch.Put(_meta, ChainKeys.Head, ChainKeys.Block(kept));
                newHead = ReadHeader(kept);
            }
            else
            {
                batch.Delete(_meta, ChainKeys.Head);
            }

            _store.Write(batch);
            _head = newHead;
        }
    }

    /// <summary>Marks blocks up to <paramref name="number"/> as accepted on L1 (it never moves back).</summary>
    public void SetL1Accepted(ulong number)
    {
        lock (_writeGate)
        {
            if (_head is not { } head || number > head.Number) throw new ArgumentOutOfRangeException(nameof(number), $"Block {number} is not stored.");
            if (L1AcceptedBlock is { } current && number <= current) return;
            _store.Put(_meta, ChainKeys.L1Accepted, ChainKeys.Block(number));
            Interlocked.Exchange(ref _l1Accepted, (long)number);
        }
    }

    /// <summary>
    /// Records that L1 transaction <paramref name="l1TransactionHash"/> (32 bytes) created the L1_HANDLER transaction
    /// <paramref name="l2TransactionHash"/> (for RPC <c>starknet_getMessagesStatus</c>); it may precede inclusion.
    /// </summary>
    public void RecordL1Handler(ReadOnlySpan<byte> l1TransactionHash, TxHash l2TransactionHash) =>
        _store.Put(_l1Handlers, ChainKeys.L1Handler(l1TransactionHash, l2TransactionHash.Value), []);

    /// <summary>The L1_HANDLER transactions recorded for an L1 transaction, by hash order.</summary>
    public IReadOnlyList<TxHash> GetL1HandlerTransactions(ReadOnlySpan<byte> l1TransactionHash)
    {
        if (l1TransactionHash.Length != 32) throw new ArgumentException("an L1 transaction hash has 32 bytes", nameof(l1TransactionHash));
        var list = new List<TxHash>();
        using var it = _store.Iterate(_l1Handlers, l1TransactionHash);
        while (it.MoveNext()) list.Add(new TxHash(Felt.FromBytesBE(it.Key[32..])));
        return list;
    }

    // ---- blocks --------------------------------------------------------------------------------

    public BlockHeader? GetHeader(ulong number) => IsVisible(number) ? ReadHeader(number) : null;

    public BlockHeader? GetHeader(BlockHash hash) => GetBlockNumber(hash) is { } n ? ReadHeader(n) : null;

    /// <summary>The number of the block with <paramref name="hash"/>, or null.</summary>
    public ulong? GetBlockNumber(BlockHash hash)
    {
        var value = _store.Get(_blockHashes, ChainKeys.Felt(hash.Value));
        if (value is null) return null;
        var n = ChainKeys.ReadUInt64(value);
        return IsVisible(n) ? n : null;
    }

    /// <summary>The whole block (header, transactions, receipts, state update), or null.</summary>
    public Block? GetBlock(ulong number)
    {
        var header = GetHeader(number);
        if (header is null) return null;
        var transactions = ReadTransactions(number);
        return new Block
        {
            Header = header,
            Transactions = transactions.Select(t => t.Transaction).ToList(),
            Receipts = ReadReceipts(number),
            StateUpdate = ReadStateUpdate(number),
        };
    }

    /// <summary>The block's transactions with their hashes, in order, or null when the block is not stored.</summary>
    public IReadOnlyList<IncludedTransaction>? GetTransactions(ulong number)
    {
        var header = GetHeader(number);
        if (header is null) return null;
        return ReadTransactions(number).Select((t, i) => new IncludedTransaction(t.Hash, t.Transaction, new TransactionLocation(number, header.Hash, i))).ToList();
    }

    /// <summary>The block's transaction hashes in order (from the receipts), or null.</summary>
    public IReadOnlyList<TxHash>? GetTransactionHashes(ulong number) =>
        IsVisible(number) ? ReadReceipts(number).Select(r => r.TransactionHash).ToList() : null;

    /// <summary>The block's receipts in order, or null.</summary>
    public IReadOnlyList<Receipt>? GetReceipts(ulong number) => IsVisible(number) ? ReadReceipts(number) : null;

    public StateUpdate? GetStateUpdate(ulong number) => IsVisible(number) ? ReadStateUpdate(number) : null;

    // ---- transactions and receipts -------------------------------------------------------------

    public TransactionLocation? GetTransactionLocation(TxHash hash)
    {
        var value = _store.Get(_txHashes, ChainKeys.Felt(hash.Value));
        if (value is null) return null;
        var block = ChainKeys.ReadUInt64(value);
        if (!IsVisible(block) || ReadHeader(block) is not { } header) return null;
        return new TransactionLocation(block, header.Hash, ChainKeys.ReadInt32(value.AsSpan(8)));
    }

    public IncludedTransaction? GetTransaction(TxHash hash) =>
        GetTransactionLocation(hash) is { } location ? ReadTransaction(location) : null;

    /// <summary>The transaction at <paramref name="index"/> of a block (RPC getTransactionByBlockIdAndIndex), or null.</summary>
    public IncludedTransaction? GetTransaction(ulong block, int index)
    {
        var header = GetHeader(block);
        if (header is null || index < 0 || (ulong)index >= header.TransactionCount) return null;
        return ReadTransaction(new TransactionLocation(block, header.Hash, index));
    }

    public IncludedReceipt? GetReceipt(TxHash hash)
    {
        if (GetTransactionLocation(hash) is not { } location) return null;
        var value = _store.Get(_receipts, ChainKeys.Transaction(location.BlockNumber, location.Index))
            ?? throw new InvalidDataException($"chain store: receipt {location.BlockNumber}/{location.Index} is missing");
        return new IncludedReceipt(Decode(value, static (ref ByteReader r) => ReceiptCodec.Read(ref r)), location);
    }

    // ---- events --------------------------------------------------------------------------------

    /// <summary>
    /// One page of the events that match <paramref name="filter"/>, in chain order, starting at
    /// <paramref name="continuation"/> (the previous page's <see cref="EventPage.ContinuationToken"/>) or at the filter's
    /// first block. At most <paramref name="chunkSize"/> events; the token is set when more match.
    /// </summary>
    /// <remarks>
    /// With addresses the per-emitter index is read (one range per address, merged in order). Without, the receipts
    /// of the block range are scanned; with a key condition only the blocks whose Bloom filter admits it.
    /// </remarks>
    public EventPage GetEvents(EventFilter filter, int chunkSize, EventCursor? continuation = null)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        if (continuation is { TransactionIndex: < 0 } or { EventIndex: < 0 })
        {
            throw new ArgumentOutOfRangeException(nameof(continuation), "a continuation token has non-negative indexes");
        }

        if (_head is not { } head) return new EventPage([], null);
        var to = Math.Min(filter.ToBlock, head.Number);
        var start = new EventCursor(filter.FromBlock, 0, 0);
        if (continuation is { } c && c.CompareTo(start) > 0) start = c;
        if (start.BlockNumber > to) return new EventPage([], null);

        var results = new List<EmittedEvent>(Math.Min(chunkSize, 1024));
        var blockHashes = new Dictionary<ulong, BlockHash>();
        var candidates = filter.Addresses.Count != 0 ? ReadAddressIndex(filter.Addresses, start, to)
            : filter.Keys.Take(EventBloom.IndexedKeyPositions).Any(k => k.Count != 0) ? ScanBloomedBlocks(filter, start, to)
            : ScanReceipts(start, to);
        foreach (var (position, receipt) in candidates)
        {
            var e = receipt.Events[position.EventIndex];
            if (!filter.Matches(e.FromAddress, e.Keys)) continue;
            if (results.Count == chunkSize) return new EventPage(results, position);
            if (!blockHashes.TryGetValue(position.BlockNumber, out var blockHash))
            {
                blockHash = (ReadHeader(position.BlockNumber) ?? throw new InvalidOperationException($"Block {position.BlockNumber} was reverted during the query.")).Hash;
                blockHashes[position.BlockNumber] = blockHash;
            }

            results.Add(new EmittedEvent(e, position.BlockNumber, blockHash, receipt.TransactionHash, position.TransactionIndex, position.EventIndex));
        }

        return new EventPage(results, null);
    }

    private IEnumerable<(EventCursor Position, Receipt Receipt)> ScanReceipts(EventCursor start, ulong to)
    {
        using var it = _store.IterateRange(_receipts, ChainKeys.Transaction(start.BlockNumber, start.TransactionIndex), ChainKeys.Block(to + 1));
        while (it.MoveNext())
        {
            var block = ChainKeys.ReadUInt64(it.Key);
            var tx = ChainKeys.ReadInt32(it.Key[8..]);
            var receipt = Decode(it.Value, static (ref ByteReader r) => ReceiptCodec.Read(ref r));
            var first = block == start.BlockNumber && tx == start.TransactionIndex ? start.EventIndex : 0;
            for (var e = first; e < receipt.Events.Count; e++) yield return (new EventCursor(block, tx, e), receipt);
        }
    }

    private IEnumerable<(EventCursor Position, Receipt Receipt)> ScanBloomedBlocks(EventFilter filter, EventCursor start, ulong to)
    {
        using var blooms = _store.IterateRange(_eventBlooms, ChainKeys.Block(start.BlockNumber), ChainKeys.Block(to + 1));
        while (blooms.MoveNext())
        {
            if (blooms.Value.Length != 1 + EventBloom.Bytes || blooms.Value[0] != FormatVersion)
            {
                throw new InvalidDataException("chain store: malformed event Bloom filter");
            }

            if (!EventBloom.MayMatch(blooms.Value[1..], filter)) continue;
            var block = ChainKeys.ReadUInt64(blooms.Key);
            foreach (var item in ScanReceipts(block == start.BlockNumber ? start : new EventCursor(block, 0, 0), block))
            {
                yield return item;
            }
        }
    }

    private IEnumerable<(EventCursor Position, Receipt Receipt)> ReadAddressIndex(IReadOnlyList<ContractAddress> addresses, EventCursor start, ulong to)
    {
        var iterators = new List<IKeyValueIterator>();
        try
        {
            var queue = new PriorityQueue<int, EventCursor>();
            foreach (var address in addresses.Distinct())
            {
                var it = _store.IterateRange(_eventsByAddress,
                    ChainKeys.EventByAddress(address.Value, start.BlockNumber, start.TransactionIndex, start.EventIndex),
                    ChainKeys.EventByAddress(address.Value, to + 1, 0, 0));
                iterators.Add(it);
                if (it.MoveNext()) queue.Enqueue(iterators.Count - 1, PositionOf(it.Key));
            }

            (ulong Block, int Tx) cachedKey = (ulong.MaxValue, -1);
            Receipt? cached = null;
            while (queue.TryDequeue(out var index, out var position))
            {
                if ((position.BlockNumber, position.TransactionIndex) != cachedKey)
                {
                    var value = _store.Get(_receipts, ChainKeys.Transaction(position.BlockNumber, position.TransactionIndex))
                        ?? throw new InvalidDataException($"chain store: receipt {position.BlockNumber}/{position.TransactionIndex} is missing");
                    cached = Decode(value, static (ref ByteReader r) => ReceiptCodec.Read(ref r));
                    cachedKey = (position.BlockNumber, position.TransactionIndex);
                }

                yield return (position, cached!);
                var it = iterators[index];
                if (it.MoveNext()) queue.Enqueue(index, PositionOf(it.Key));
            }
        }
        finally
        {
            foreach (var it in iterators) it.Dispose();
        }
    }

    private static EventCursor PositionOf(ReadOnlySpan<byte> addressKey) =>
        new(ChainKeys.ReadUInt64(addressKey[32..]), ChainKeys.ReadInt32(addressKey[40..]), ChainKeys.ReadInt32(addressKey[44..]));

    // ---- internals -----------------------------------------------------------------------------

    private bool IsVisible(ulong number) => _head is { } head && number <= head.Number;

    private void Validate(Block block)
    {
        var header = block.Header;
        var head = _head;
        var expected = head is null ? 0 : head.Number + 1;
        if (header.Number != expected) throw new InvalidOperationException($"Expected block {expected}, got {header.Number}.");
        if (head is not null && header.ParentHash != head.Hash)
        {
            throw new InvalidOperationException($"Block {header.Number}'s parent hash {header.ParentHash} is not the hash of block {head.Number} ({head.Hash}).");
        }

        if (block.Transactions.Count != block.Receipts.Count || (ulong)block.Receipts.Count != header.TransactionCount)
        {
            throw new ArgumentException($"Block {header.Number} has {block.Transactions.Count} transactions, {block.Receipts.Count} receipts and a header count of {header.TransactionCount}.");
        }

        if (block.StateUpdate.BlockHash != header.Hash || block.StateUpdate.NewRoot != header.StateRoot)
        {
            throw new ArgumentException($"Block {header.Number}'s state update does not match its header.");
        }

        if (header.StarknetVersion >= StarknetVersion.V0_13_2 && BlockHasher.Compute(header) != header.Hash)
        {
            throw new ArgumentException($"Block {header.Number}'s hash {header.Hash} is not the hash of its header.");
        }
    }

    private BlockHeader? ReadHeader(ulong number)
    {
        var value = _store.Get(_headers, ChainKeys.Block(number));
        return value is null ? null : Decode(value, static (ref ByteReader r) => HeaderCodec.Read(ref r));
    }

    private List<(TxHash Hash, Transaction Transaction)> ReadTransactions(ulong number)
    {
        var list = new List<(TxHash, Transaction)>();
        using var it = _store.Iterate(_transactions, ChainKeys.Block(number));
        while (it.MoveNext()) list.Add(DecodeTransaction(it.Value));
        return list;
    }

    private IncludedTransaction ReadTransaction(TransactionLocation location)
    {
        var value = _store.Get(_transactions, ChainKeys.Transaction(location.BlockNumber, location.Index))
            ?? throw new InvalidDataException($"chain store: transaction {location.BlockNumber}/{location.Index} is missing");
        var (hash, tx) = DecodeTransaction(value);
        return new IncludedTransaction(hash, tx, location);
    }

    private static (TxHash Hash, Transaction Transaction) DecodeTransaction(ReadOnlySpan<byte> value) =>
        Decode(value, static (ref ByteReader r) => (new TxHash(r.Felt()), TransactionCodec.Read(ref r)));

    private List<Receipt> ReadReceipts(ulong number)
    {
        var list = new List<Receipt>();
        using var it = _store.Iterate(_receipts, ChainKeys.Block(number));
        while (it.MoveNext()) list.Add(Decode(it.Value, static (ref ByteReader r) => ReceiptCodec.Read(ref r)));
        return list;
    }

    private StateUpdate ReadStateUpdate(ulong number)
    {
        var value = _store.Get(_stateUpdates, ChainKeys.Block(number))
            ?? throw new InvalidDataException($"chain store: the state update of block {number} is missing");
        return Decode(value, static (ref ByteReader r) => StateUpdateCodec.Read(ref r));
    }

    private static byte[] Encode<T>(ByteWriter w, T value, Action<ByteWriter, T> write)
    {
        w.Clear();
        w.Byte(FormatVersion);
        write(w, value);
        return w.ToArray();
    }

    private delegate T ReadFunc<out T>(ref ByteReader reader);

    private static T Decode<T>(ReadOnlySpan<byte> value, ReadFunc<T> read)
    {
        var reader = new ByteReader(value);
        var format = reader.Byte();
        if (format != FormatVersion) throw new InvalidDataException($"chain store: unknown record format {format} (this build reads {FormatVersion})");
        var result = read(ref reader);
        if (!reader.AtEnd) throw new InvalidDataException("chain store: trailing bytes after a record");
        return result;
    }
}
