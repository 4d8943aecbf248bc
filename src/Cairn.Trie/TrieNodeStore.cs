using System.Buffers.Binary;
using Cairn.Storage;

namespace Cairn.Trie;

/// <summary>
/// The persistent home of trie nodes: one column of an <see cref="IKeyValueStore"/>, shared by any number of
/// tries (all storage tries of all contracts can live in one column). Hands out node ids, keeps the per-update
/// records that make old roots prunable and recent updates revertible.
/// </summary>
/// <remarks>
/// <para>Keys in the column:</para>
/// <list type="bullet">
/// <item><c>'n' + id (8 bytes BE)</c> → a node record (<see cref="StoredNode"/>). Ids are unique and never reused,
/// so every stored node has exactly one parent (or is a root) and the nodes of a trie version form a tree.</item>
/// <item><c>'u' + version (8 BE) + sequence (8 BE)</c> → one update: the ids it made stale (nodes of the
/// previous root that the new root no longer uses) and the ids it created.</item>
/// <item><c>'m'</c> → the last allocated id.</item>
/// </list>
/// <para>An update never changes or deletes a node, so every root stays readable until
/// <see cref="Prune"/> removes the nodes made stale by updates up to a version. <see cref="Revert"/> removes the
/// nodes created by updates from a version on, so the roots before it become the latest again.</para>
/// <para>Updates must go forward from the latest root of each trie (or from a root whose later updates were
/// reverted), and the batches they fill must be committed in the order of the updates.</para>
/// <para>Reads go through a small direct-mapped cache of decoded nodes (records are immutable; pruned and
/// reverted ids are evicted).</para>
/// </remarks>
public sealed class TrieNodeStore
{
    internal const byte NodePrefix = (byte)'n';
    internal const byte UpdatePrefix = (byte)'u';
    private static readonly byte[] MetaKey = [(byte)'m'];

    /// <summary>The default number of slots of the node cache.</summary>
    public const int DefaultCacheSlots = 1 << 16;

    private readonly CachedNode?[] _cache;
    private readonly ulong _cacheMask;
    private long _lastId;

    /// <param name="store">The store.</param>
    /// <param name="column">The column holding the nodes.</param>
    /// <param name="cacheSlots">
    /// Slots of the read cache (rounded up to a power of two; 0 turns it off). Node records never change, so the
    /// cache needs no invalidation; slot = id mod slots.
    /// </param>
    public TrieNodeStore(IKeyValueStore store, Column column, int cacheSlots = DefaultCacheSlots)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(column);
        ArgumentOutOfRangeException.ThrowIfNegative(cacheSlots);
        Store = store;
        Column = column;
        var slots = cacheSlots == 0 ? 0 : (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)cacheSlots);
        _cache = new CachedNode?[slots];
        _cacheMask = slots == 0 ? 0 : (ulong)slots - 1;
        Span<byte> buffer = stackalloc byte[8];
        if (store.Read(column, MetaKey, buffer) == 8)
        {
            _lastId = (long)BinaryPrimitives.ReadUInt64BigEndian(buffer);
        }
    }

    public IKeyValueStore Store { get; }

    public Column Column { get; }

    /// <summary>The last node id handed out (ids start at 1; 0 means "no node").</summary>
    public ulong LastId => (ulong)Interlocked.Read(ref _lastId);

    internal ulong AllocateId() => (ulong)Interlocked.Increment(ref _lastId);

    internal static void NodeKey(Span<byte> key, ulong id)
    {
        key[0] = NodePrefix;
        BinaryPrimitives.WriteUInt64BigEndian(key[1..], id);
    }

    internal StoredNode Load(ulong id)
    {
        if (_cache.Length != 0)
        {
            var slot = (int)(id & _cacheMask);
            var cached = Volatile.Read(ref _cache[slot]);
            if (cached is not null && cached.Id == id)
            {
                return cached.Node;
            }

            var node = LoadFromStore(id);
            Volatile.Write(ref _cache[slot], new CachedNode(id, node));
            return node;
        }

        return LoadFromStore(id);
    }

    /// <summary>
    /// Puts a node just written to a batch into the cache, so the next update (which starts from the nodes this one
    /// created) finds them without a store read. Ids are never reused, so a batch that is never committed leaves only
    /// entries nothing refers to.
    /// </summary>
    internal void Remember(ulong id, in StoredNode node)
    {
        if (_cache.Length != 0)
        {
            Volatile.Write(ref _cache[(int)(id & _cacheMask)], new CachedNode(id, node));
        }
    }

    private void Evict(ulong id)
    {
        if (_cache.Length != 0)
        {
            var slot = (int)(id & _cacheMask);
            if (Volatile.Read(ref _cache[slot]) is { } cached && cached.Id == id)
            {
                Volatile.Write(ref _cache[slot], null);
            }
        }
    }

    private StoredNode LoadFromStore(ulong id)
    {
        Span<byte> key = stackalloc byte[9];
        NodeKey(key, id);
        Span<byte> record = stackalloc byte[StoredNode.MaxEncodedLength];
        var length = Store.Read(Column, key, record);
        if (length < 0)
        {
            throw new InvalidDataException($"Trie node {id} is missing (its root was pruned or never committed).");
        }

        if (length > record.Length)
        {
            throw new InvalidDataException($"Trie node {id} has a malformed record ({length} bytes).");
        }

        return StoredNode.Decode(record[..length], id);
    }

    internal static void WriteNode(IWriteBatch batch, Column column, ulong id, ReadOnlySpan<byte> record)
    {
        Span<byte> key = stackalloc byte[9];
        NodeKey(key, id);
        batch.Put(column, key, record);
    }

    /// <summary>Adds an update record and the id counter to <paramref name="batch"/>.</summary>
    internal void WriteUpdate(IWriteBatch batch, ulong version, List<ulong> stale, List<ulong> created)
    {
        Span<byte> key = stackalloc byte[17];
        key[0] = UpdatePrefix;
        BinaryPrimitives.WriteUInt64BigEndian(key[1..], version);
        BinaryPrimitives.WriteUInt64BigEndian(key[9..], AllocateId());
        var value = new byte[4 + (8 * (stale.Count + created.Count))];
        BinaryPrimitives.WriteInt32BigEndian(value, stale.Count);
        var offset = 4;
        foreach (var id in stale)
        {
            BinaryPrimitives.WriteUInt64BigEndian(value.AsSpan(offset), id);
            offset += 8;
        }

        foreach (var id in created)
        {
            BinaryPrimitives.WriteUInt64BigEndian(value.AsSpan(offset), id);
            offset += 8;
        }

        batch.Put(Column, key, value);
        Span<byte> last = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(last, LastId);
        batch.Put(Column, MetaKey, last);
    }

    /// <summary>
    /// Adds to <paramref name="batch"/> the deletion of every node that only roots older than
    /// <paramref name="keepFromVersion"/> use: the roots written by updates at versions ≥ keepFromVersion (and
    /// the latest root of every trie) stay readable. Returns the number of nodes deleted.
    /// </summary>
    public int Prune(ulong keepFromVersion, IWriteBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Span<byte> to = stackalloc byte[9];
        to[0] = UpdatePrefix;
        int toLength;
        if (keepFromVersion == ulong.MaxValue)
        {
            to[0] = UpdatePrefix + 1;
            toLength = 1;
        }
        else
        {
            BinaryPrimitives.WriteUInt64BigEndian(to[1..], keepFromVersion + 1);
            toLength = 9;
        }

        var deleted = 0;
        Span<byte> nodeKey = stackalloc byte[9];
        using var iterator = Store.IterateRange(Column, [UpdatePrefix], to[..toLength]);
        while (iterator.MoveNext())
        {
            var value = iterator.Value;
            var staleCount = BinaryPrimitives.ReadInt32BigEndian(value);
            for (var i = 0; i < staleCount; i++)
            {
                var id = BinaryPrimitives.ReadUInt64BigEndian(value[(4 + (8 * i))..]);
                NodeKey(nodeKey, id);
                batch.Delete(Column, nodeKey);
                Evict(id);
                deleted++;
            }

            batch.Delete(Column, iterator.Key);
        }

        return deleted;
    }

    /// <summary>
    /// Adds to <paramref name="batch"/> the undoing of every update at a version ≥ <paramref name="fromVersion"/>:
    /// their new nodes are deleted and their records dropped, so the roots from before are the latest again
    /// (unless <see cref="Prune"/> already removed them). Returns the number of nodes deleted.
    /// </summary>
    public int Revert(ulong fromVersion, IWriteBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Span<byte> from = stackalloc byte[9];
        from[0] = UpdatePrefix;
        BinaryPrimitives.WriteUInt64BigEndian(from[1..], fromVersion);
        var deleted = 0;
        Span<byte> nodeKey = stackalloc byte[9];
        using var iterator = Store.IterateRange(Column, from, [UpdatePrefix + 1]);
        while (iterator.MoveNext())
        {
            var value = iterator.Value;
            var staleCount = BinaryPrimitives.ReadInt32BigEndian(value);
            var total = (value.Length - 4) / 8;
            for (var i = staleCount; i < total; i++)
            {
                var id = BinaryPrimitives.ReadUInt64BigEndian(value[(4 + (8 * i))..]);
                NodeKey(nodeKey, id);
                batch.Delete(Column, nodeKey);
                Evict(id);
                deleted++;
            }

            batch.Delete(Column, iterator.Key);
        }

        return deleted;
    }

    /// <summary>The number of node records in the column (a full scan; for tests and tools).</summary>
    public long CountNodes()
    {
        long count = 0;
        using var iterator = Store.Iterate(Column, [NodePrefix]);
        while (iterator.MoveNext())
        {
            count++;
        }

        return count;
    }
}
