using System.Buffers.Binary;
using Cairn.Primitives;
using Cairn.Primitives.Ids;
using Cairn.Storage;
using Cairn.Trie;

namespace Cairn.State;

/// <summary>
/// Starknet's world state over an <see cref="IKeyValueStore"/>: the contracts trie (Pedersen, 251), one storage
/// trie per contract (Pedersen, 251) and the classes trie (Poseidon, 251), with the global root of spec §7.5.
/// Blocks are applied in order (the first is block 0), each in one atomic write batch; every block stays
/// readable until pruned; the newest blocks can be reverted.
/// </summary>
/// <remarks>
/// <para>Two columns: <see cref="NodesColumnName"/> holds the nodes of every trie (one <see cref="TrieNodeStore"/>,
/// update version = block number), <see cref="DataColumnName"/> holds:</para>
/// <list type="bullet">
/// <item><c>'h'</c> → the latest block number (8 BE).</item>
/// <item><c>'b' + block (8 BE)</c> → the block record: contracts and classes trie roots, global root, and the
/// addresses and classes the block wrote (see <see cref="BlockRecord"/>).</item>
/// <item><c>'c' + address (32) + ~block (8 BE)</c> → the contract's state (class hash, nonce, storage trie root)
/// after every block that touched it: a per-contract change log, newest first.</item>
/// <item><c>'k' + class hash (32) + ~block (8 BE)</c> → the compiled class hash declared at that block.</item>
/// <item><c>'p'</c> → the block below which trie nodes were pruned.</item>
/// <item><c>'s' + address (32) + key (32) + ~block (8 BE)</c> → the storage value written at that block: a flat
/// per-slot change log, newest first, so a storage read is one seek instead of a walk down the contract's storage
/// trie (one disk read instead of one per trie level when nothing is cached).</item>
/// <item><c>'l' + address (32) + key (32)</c> → the slot's value after the latest block (absent when 0): a latest read
/// is one point lookup. A revert restores these from the <c>'s'</c> log.</item>
/// <item><c>'w' + block (8 BE)</c> → the (address, key) pairs the block wrote, so a revert can delete its
/// <c>'s'</c> entries and restore the <c>'l'</c> ones.</item>
/// <item><c>'f'</c> → present when the flat storage log was kept from block 0. A store written before the log
/// existed lacks it and keeps reading storage through the tries.</item>
/// </list>
/// <para>History: a read at block N seeks the first change-log entry at or after <c>~N</c>, i.e. the newest change
/// at a block ≤ N (one seek). Storage is read through that contract's storage root as of N: trie nodes are never
/// rewritten, so old roots stay readable until <see cref="Prune"/>.</para>
/// <para>One writer at a time (<see cref="Apply"/>, <see cref="RevertTo"/>, <see cref="Prune"/> are serialised);
/// reads may run concurrently.</para>
/// </remarks>
public sealed class WorldState
{
    public const string NodesColumnName = "state_trie_nodes";
    public const string DataColumnName = "state_data";
    private const byte PrunedKeyByte = (byte)'p';

    /// <summary>The columns a store must have for <see cref="WorldState"/>.</summary>
    public static IReadOnlyList<string> ColumnNames { get; } = [NodesColumnName, DataColumnName];

    private readonly IKeyValueStore _store;
    private readonly Column _data;
    private readonly Lock _gate = new();
    private volatile Head? _head;
    private ulong _prunedBelow;
    private readonly bool _flatStorage;

    // A sequence lock over the latest-value table: odd while a block is being committed or reverted, so a reader of
    // the head block can tell that the 'l' entry it read may belong to another block and falls back to the log.
    private long _commitSequence;

    public WorldState(IKeyValueStore store, int cacheSlots = TrieNodeStore.DefaultCacheSlots)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _data = store.GetColumn(DataColumnName);
        Nodes = new TrieNodeStore(store, store.GetColumn(NodesColumnName), cacheSlots);
        ContractsTrie = new MerkleTrie<PedersenTrieHash>(Nodes, 251);
        StorageTrie = new MerkleTrie<PedersenTrieHash>(Nodes, 251);
        ClassesTrie = new MerkleTrie<PoseidonTrieHash>(Nodes, 251);

        var head = store.Get(_data, StateKeys.HeadKey());
        if (head is not null)
        {
            var block = BinaryPrimitives.ReadUInt64BigEndian(head);
            _head = new Head(block, LoadBlockRecord(block));
        }

        // A new store keeps the flat storage log from block 0; an older store without it reads through the tries.
        _flatStorage = head is null || store.ContainsKey(_data, StateKeys.FlatStorageKey());

        var pruned = store.Get(_data, [PrunedKeyByte]);
        _prunedBelow = pruned is null ? 0 : BinaryPrimitives.ReadUInt64BigEndian(pruned);
    }

    /// <summary>The node store shared by all tries.</summary>
    public TrieNodeStore Nodes { get; }

    public MerkleTrie<PedersenTrieHash> ContractsTrie { get; }

    /// <summary>The trie type of every contract's storage (roots from <see cref="GetContractState"/>).</summary>
    public MerkleTrie<PedersenTrieHash> StorageTrie { get; }

    public MerkleTrie<PoseidonTrieHash> ClassesTrie { get; }

    /// <summary>Whether storage reads use the flat per-slot change log (false only for stores written before it).</summary>
    public bool HasFlatStorage => _flatStorage;

    /// <summary>The newest applied block, or null before block 0.</summary>
    public ulong? LatestBlock => _head?.Block;

    /// <summary>
    /// When set, each <see cref="Apply"/> then prunes the trie nodes that only blocks older than the newest
    /// <c>KeepBlocks</c> use (so storage stays readable, and revertible, for that many blocks). Null keeps everything.
    /// </summary>
    public ulong? KeepBlocks { get; init; }

    /// <summary>The block numbers below which storage reads and reverts are no longer possible (0: none pruned).</summary>
    public ulong PrunedBelow => Volatile.Read(ref _prunedBelow);

    /// <summary>
    /// Applies block <paramref name="blockNumber"/>'s <paramref name="diff"/> (it must be
    /// <see cref="LatestBlock"/> + 1, or 0 for the first) and commits the trie nodes, the contract and class
    /// records, the block record and the new head in one atomic batch. On any failure nothing is written.
    /// Returns the roots after the block. <paramref name="beforeCommit"/>, when given, runs just before the batch is
    /// written, with the batch and the new roots, so a caller can add its own writes for the block (e.g. the chain
    /// store's block, whose hash needs the root) to the same atomic batch; if it throws, nothing is written.
    /// </summary>
    public StateRoots Apply(ulong blockNumber, StateDiff diff, Action<IWriteBatch, StateRoots>? beforeCommit = null)
    {
        ArgumentNullException.ThrowIfNull(diff);
        StateRoots roots;
        lock (_gate)
        {
            var head = _head;
            var expected = head is null ? 0 : head.Block + 1;
            if (blockNumber != expected)
            {
                throw new InvalidOperationException($"Expected block {expected}, got {blockNumber}.");
            }

            using var batch = _store.CreateBatch();
            if (head is null && _flatStorage)
            {
                batch.Put(_data, StateKeys.FlatStorageKey(), [1]);
            }

            var storageWrites = _flatStorage ? new List<byte>() : null;
            Span<byte> slotValue = stackalloc byte[32];
            var addresses = diff.TouchedAddresses();
            var contractWrites = new TrieWrite[addresses.Count];
            var addressFelts = new Felt[addresses.Count];
            Span<byte> encoded = stackalloc byte[ContractState.EncodedLength];
            // Every touched storage trie first, hashed together (their new nodes level by level in shared batches).
            var states = new ContractState[addresses.Count];
            var storageUpdates = new (TrieRoot Root, TrieWrite[] Writes)[addresses.Count];
            for (var i = 0; i < addresses.Count; i++)
            {
                var address = addresses[i];
                var state = head is null ? default : ReadContractState(address.Value, head.Block);
                states[i] = state;
                var writes = Array.Empty<TrieWrite>();
                if (diff.StorageDiffs.TryGetValue(address, out var slots) && slots.Count != 0)
                {
                    writes = new TrieWrite[slots.Count];
                    var j = 0;
                    foreach (var (key, value) in slots)
                    {
                        writes[j++] = new TrieWrite(key.Value, value);
                        if (storageWrites is not null)
                        {
                            value.WriteBytesBE(slotValue);
                            batch.Put(_data, StateKeys.StorageKey(address.Value, key.Value, blockNumber), slotValue);
                            if (value.IsZero)
                            {
                                batch.Delete(_data, StateKeys.LatestStorageKey(address.Value, key.Value));
                            }
                            else
                            {
                                batch.Put(_data, StateKeys.LatestStorageKey(address.Value, key.Value), slotValue);
                            }

                            AppendSlot(storageWrites, address.Value, key.Value);
                        }
                    }
                }

                storageUpdates[i] = (state.StorageRoot, writes);
            }

            var storageRoots = StorageTrie.UpdateMany(storageUpdates, batch, blockNumber);
            for (var i = 0; i < addresses.Count; i++)
            {
                var address = addresses[i];
                var state = states[i];
                var storageRoot = storageRoots[i];
                var classHash = state.ClassHash;
                if (diff.DeployedContracts.TryGetValue(address, out var deployed))
                {
                    classHash = deployed.Value;
                }

                if (diff.ReplacedClasses.TryGetValue(address, out var replaced))
                {
                    classHash = replaced.Value;
                }

                var nonce = diff.Nonces.TryGetValue(address, out var newNonce) ? newNonce.Value : state.Nonce;
                var newState = new ContractState(classHash, nonce, storageRoot);
                newState.WriteTo(encoded);
                batch.Put(_data, StateKeys.VersionedKey(StateKeys.Contract, address.Value, blockNumber), encoded);
                contractWrites[i] = new TrieWrite(address.Value, newState.Leaf);
                addressFelts[i] = address.Value;
            }

            if (storageWrites is { Count: > 0 })
            {
                batch.Put(_data, StateKeys.StorageWritesKey(blockNumber), storageWrites.ToArray());
            }

            var contractsRoot = ContractsTrie.Update(head?.Record.ContractsRoot ?? TrieRoot.Empty, contractWrites, batch, blockNumber);

            var classes = diff.DeclaredClasses.Keys.ToList();
            classes.Sort();
            var classWrites = new TrieWrite[classes.Count];
            var classFelts = new Felt[classes.Count];
            Span<byte> compiled = stackalloc byte[32];
            for (var i = 0; i < classes.Count; i++)
            {
                var classHash = classes[i];
                var compiledClassHash = diff.DeclaredClasses[classHash].Value;
                compiledClassHash.WriteBytesBE(compiled);
                batch.Put(_data, StateKeys.VersionedKey(StateKeys.Class, classHash.Value, blockNumber), compiled);
                classWrites[i] = new TrieWrite(classHash.Value, StateCommitment.ClassLeaf(compiledClassHash));
                classFelts[i] = classHash.Value;
            }

            var classesRoot = ClassesTrie.Update(head?.Record.ClassesRoot ?? TrieRoot.Empty, classWrites, batch, blockNumber);
            var globalRoot = StateCommitment.GlobalRoot(contractsRoot.Hash, classesRoot.Hash);
            var record = new BlockRecord(contractsRoot, classesRoot, globalRoot, addressFelts, classFelts);
            batch.Put(_data, StateKeys.BlockKey(blockNumber), record.Encode());
            Span<byte> headValue = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(headValue, blockNumber);
            batch.Put(_data, StateKeys.HeadKey(), headValue);
            beforeCommit?.Invoke(batch, record.Roots);

            Interlocked.Increment(ref _commitSequence);
            try
            {
                _store.Write(batch);
                _head = new Head(blockNumber, record);
            }
            finally
            {
                Interlocked.Increment(ref _commitSequence);
            }

            roots = record.Roots;
        }

        // Pruning by depth: keep the newest KeepBlocks blocks' storage readable.
        if (KeepBlocks is { } keep && keep > 0 && blockNumber + 1 > keep)
        {
            Prune(blockNumber + 1 - keep);
        }

        return roots;
    }

    /// <summary>
    /// Reverts every block after <paramref name="blockNumber"/> (null reverts all blocks) in one atomic batch:
    /// their trie nodes, contract and class records and block records are deleted, and the head moves back.
    /// </summary>
    public void RevertTo(ulong? blockNumber)
    {
        lock (_gate)
        {
            var head = _head;
            if (head is null)
            {
                if (blockNumber is null)
                {
                    return;
                }

                throw new ArgumentOutOfRangeException(nameof(blockNumber), "No block has been applied.");
            }

            if (blockNumber > head.Block)
            {
                throw new ArgumentOutOfRangeException(nameof(blockNumber), $"Block {blockNumber} is after the latest block {head.Block}.");
            }

            var firstReverted = blockNumber is null ? 0 : blockNumber.Value + 1;
            if (firstReverted > head.Block)
            {
                return;
            }

            if (firstReverted < PrunedBelow)
            {
                throw new InvalidOperationException($"Cannot revert to before block {PrunedBelow}: its trie nodes were pruned.");
            }

            using var batch = _store.CreateBatch();
            var revertedSlots = _flatStorage ? new HashSet<(Felt Address, Felt Key)>() : null;
            for (var block = head.Block; ; block--)
            {
                var record = LoadBlockRecord(block);
                foreach (var address in record.Addresses)
                {
                    batch.Delete(_data, StateKeys.VersionedKey(StateKeys.Contract, address, block));
                }

                foreach (var classHash in record.Classes)
                {
                    batch.Delete(_data, StateKeys.VersionedKey(StateKeys.Class, classHash, block));
                }

                if (revertedSlots is not null)
                {
                    DeleteStorageWrites(batch, block, revertedSlots);
                }

                batch.Delete(_data, StateKeys.BlockKey(block));
                if (block == firstReverted)
                {
                    break;
                }
            }

            if (revertedSlots is not null)
            {
                RestoreLatestStorage(batch, revertedSlots, firstReverted);
            }

            Nodes.Revert(firstReverted, batch);
            Head? newHead = null;
            if (blockNumber is { } kept)
            {
                Span<byte> headValue = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64BigEndian(headValue, kept);
                batch.Put(_data, StateKeys.HeadKey(), headValue);
                newHead = new Head(kept, LoadBlockRecord(kept));
            }
            else
            {
                batch.Delete(_data, StateKeys.HeadKey());
                batch.Delete(_data, StateKeys.FlatStorageKey());
            }

            Interlocked.Increment(ref _commitSequence);
            try
            {
                _store.Write(batch);
                _head = newHead;
            }
            finally
            {
                Interlocked.Increment(ref _commitSequence);
            }
        }
    }

    /// <summary>
    /// Deletes the trie nodes that only blocks before <paramref name="keepFromBlock"/> use. Afterwards storage
    /// reads and reverts need a block ≥ keepFromBlock; nonces, class hashes, compiled class hashes and roots stay
    /// readable at every block. Returns the number of nodes deleted.
    /// </summary>
    public int Prune(ulong keepFromBlock)
    {
        lock (_gate)
        {
            if (_head is null || keepFromBlock > _head.Block)
            {
                throw new ArgumentOutOfRangeException(nameof(keepFromBlock), "Pruning must keep the latest block.");
            }

            if (keepFromBlock <= PrunedBelow)
            {
                return 0;
            }

            using var batch = _store.CreateBatch();
            var deleted = Nodes.Prune(keepFromBlock, batch);
            // The revert lists of blocks that can no longer be reverted (the flat log itself stays: it is small).
            using (var lists = _store.IterateRange(_data, StateKeys.StorageWritesKey(PrunedBelow), StateKeys.StorageWritesKey(keepFromBlock)))
            {
                while (lists.MoveNext())
                {
                    batch.Delete(_data, lists.Key);
                }
            }

            Span<byte> value = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(value, keepFromBlock);
            batch.Put(_data, [PrunedKeyByte], value);
            _store.Write(batch);
            Volatile.Write(ref _prunedBelow, keepFromBlock);
            return deleted;
        }
    }

    /// <summary>The roots after <paramref name="block"/> (latest when null; all 0 before block 0).</summary>
    public StateRoots GetRoots(ulong? block = null)
    {
        var record = ResolveRecord(block);
        return record?.Roots ?? default;
    }

    /// <summary>The contracts and classes trie roots (node ids and hashes) after <paramref name="block"/>, for proofs.</summary>
    public (TrieRoot Contracts, TrieRoot Classes) GetTrieRoots(ulong? block = null)
    {
        var record = ResolveRecord(block);
        return record is null ? default : (record.ContractsRoot, record.ClassesRoot);
    }

    /// <summary>The state of <paramref name="address"/> after <paramref name="block"/> (latest when null).</summary>
    public ContractState GetContractState(ContractAddress address, ulong? block = null)
    {
        var resolved = ResolveBlock(block);
        return resolved is { } b ? ReadContractState(address.Value, b) : default;
    }

    public Felt GetStorage(ContractAddress address, StorageKey key, ulong? block = null)
    {
        var resolved = ResolveBlock(block);
        if (resolved is not { } b)
        {
            return Felt.Zero;
        }

        if (b < PrunedBelow)
        {
            throw new InvalidOperationException($"Storage at block {b} was pruned (kept from block {PrunedBelow}).");
        }

        if (_flatStorage)
        {
            // The head block: one point lookup, unless a commit or revert ran meanwhile (then the log answers).
            var sequence = Volatile.Read(ref _commitSequence);
            if ((sequence & 1) == 0 && _head?.Block == b)
            {
                var latest = _store.Get(_data, StateKeys.LatestStorageKey(address.Value, key.Value));
                if (Volatile.Read(ref _commitSequence) == sequence)
                {
                    return latest is null ? Felt.Zero : Felt.FromBytesBE(latest);
                }
            }

            return ReadStorageLog(address.Value, key.Value, b);
        }

        var state = ReadContractState(address.Value, b);
        return StorageTrie.Get(state.StorageRoot, key.Value);
    }

    public Nonce GetNonce(ContractAddress address, ulong? block = null) =>
        new(GetContractState(address, block).Nonce);

    /// <summary>The class hash at <paramref name="address"/> (0 when nothing is deployed there).</summary>
    public ClassHash GetClassHashAt(ContractAddress address, ulong? block = null) =>
        new(GetContractState(address, block).ClassHash);

    /// <summary>The compiled class hash of a declared class, or null when it was not declared by then.</summary>
    public CompiledClassHash? GetCompiledClassHash(ClassHash classHash, ulong? block = null)
    {
        var resolved = ResolveBlock(block);
        if (resolved is not { } b)
        {
            return null;
        }

        var value = FindVersioned(StateKeys.Class, classHash.Value, b);
        return value is null ? null : new CompiledClassHash(Felt.FromBytesBE(value));
    }

    private ulong? ResolveBlock(ulong? block)
    {
        var head = _head;
        if (block is null)
        {
            return head?.Block;
        }

        if (head is null || block > head.Block)
        {
            throw new ArgumentOutOfRangeException(nameof(block), $"Block {block} has not been applied.");
        }

        return block;
    }

    private BlockRecord? ResolveRecord(ulong? block)
    {
        var head = _head;
        if (block is null || block == head?.Block)
        {
            return head?.Record;
        }

        return ResolveBlock(block) is { } b ? LoadBlockRecord(b) : null;
    }

    private ContractState ReadContractState(Felt address, ulong block)
    {
        var value = FindVersioned(StateKeys.Contract, address, block);
        return value is null ? default : ContractState.ReadFrom(value);
    }

    private byte[]? FindVersioned(byte prefix, Felt id, ulong block)
    {
        using var iterator = _store.IterateRange(
            _data, StateKeys.VersionedKey(prefix, id, block), StateKeys.VersionedUpperBound(prefix, id));
        return iterator.MoveNext() ? iterator.Value.ToArray() : null;
    }

    private static void AppendSlot(List<byte> list, Felt address, Felt key)
    {
        Span<byte> pair = stackalloc byte[64];
        address.WriteBytesBE(pair[..32]);
        key.WriteBytesBE(pair[32..]);
        list.AddRange(pair);
    }

    /// <summary>The 'l' entries of slots the reverted blocks wrote, set back to their value before <paramref name="firstReverted"/>.</summary>
    private void RestoreLatestStorage(IWriteBatch batch, HashSet<(Felt Address, Felt Key)> slots, ulong firstReverted)
    {
        Span<byte> value = stackalloc byte[32];
        foreach (var (address, key) in slots)
        {
            var latestKey = StateKeys.LatestStorageKey(address, key);
            var before = firstReverted == 0 ? Felt.Zero : ReadStorageLog(address, key, firstReverted - 1);
            if (before.IsZero)
            {
                batch.Delete(_data, latestKey);
            }
            else
            {
                before.WriteBytesBE(value);
                batch.Put(_data, latestKey, value);
            }
        }
    }

    /// <summary>The newest value the 's' log holds for a slot at a block ≤ <paramref name="block"/> (0 when none).</summary>
    private Felt ReadStorageLog(Felt address, Felt key, ulong block)
    {
        using var iterator = _store.IterateRange(_data, StateKeys.StorageKey(address, key, block), StateKeys.StorageUpperBound(address, key));
        return iterator.MoveNext() ? Felt.FromBytesBE(iterator.Value) : Felt.Zero;
    }

    private void DeleteStorageWrites(IWriteBatch batch, ulong block, HashSet<(Felt Address, Felt Key)> slots)
    {
        var writesKey = StateKeys.StorageWritesKey(block);
        var pairs = _store.Get(_data, writesKey);
        if (pairs is null)
        {
            return;
        }

        for (var at = 0; at + 64 <= pairs.Length; at += 64)
        {
            var address = Felt.FromBytesBE(pairs.AsSpan(at, 32));
            var key = Felt.FromBytesBE(pairs.AsSpan(at + 32, 32));
            batch.Delete(_data, StateKeys.StorageKey(address, key, block));
            slots.Add((address, key));
        }

        batch.Delete(_data, writesKey);
    }

    private BlockRecord LoadBlockRecord(ulong block)
    {
        var value = _store.Get(_data, StateKeys.BlockKey(block))
            ?? throw new InvalidDataException($"The record of block {block} is missing.");
        return BlockRecord.Decode(value);
    }

    private sealed record Head(ulong Block, BlockRecord Record);
}
