using System.Buffers;

namespace Cairn.Storage;

/// <summary>
/// An in-memory <see cref="IKeyValueStore"/> with the same semantics as <see cref="RocksDbStore"/>: keys in
/// byte order, atomic batches, snapshots and iterators that see the data as of their creation. Nothing
/// survives the process. Meant for tests and tools.
/// </summary>
/// <remarks>
/// Each column is a sorted key set plus a hash map, guarded by one lock. Snapshots and iterators pin the
/// current version of a column; the next write to a pinned column copies it first (copy-on-write), so
/// taking a snapshot is O(columns) and the first write after it is O(keys in that column).
/// </remarks>
public sealed class MemoryStore : IKeyValueStore
{
    private readonly Lock _lock = new();
    private readonly Column[] _columns;
    private readonly MemoryColumnData[] _data;
    private readonly ResourceSet _open = new();
    private bool _disposed;

    public MemoryStore(IReadOnlyList<string> columns)
    {
        var names = ColumnNames.Validate(columns);
        _columns = StoreGuard.CreateColumns(names, this);
        _data = new MemoryColumnData[names.Length];
        for (var i = 0; i < _data.Length; i++)
        {
            _data[i] = new MemoryColumnData();
        }
    }

    /// <summary>Opens a store whose columns are named after the members of <typeparamref name="TEnum"/>.</summary>
    public static MemoryStore Create<TEnum>()
        where TEnum : struct, Enum => new(ColumnNames.Of<TEnum>());

    public IReadOnlyList<Column> Columns => _columns;

    public Column GetColumn(string name) => StoreGuard.FindColumn(_columns, name);

    /// <summary>The number of keys in <paramref name="column"/>.</summary>
    public int Count(Column column)
    {
        StoreGuard.CheckColumn(column, this);
        lock (_lock)
        {
            ThrowIfDisposed();
            return _data[column.Index].Count;
        }
    }

    public byte[]? Get(Column column, ReadOnlySpan<byte> key) => Find(column, key)?.ToArray();

    public int Read(Column column, ReadOnlySpan<byte> key, Span<byte> destination) => CopyTo(Find(column, key), destination);

    public bool TryRead(Column column, ReadOnlySpan<byte> key, IBufferWriter<byte> destination) =>
        AppendTo(Find(column, key), destination);

    public bool ContainsKey(Column column, ReadOnlySpan<byte> key) => Find(column, key) is not null;

    public IKeyValueIterator Iterate(Column column, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> upperBound = default)
    {
        var (lower, upper) = KeyBounds.ForPrefix(prefix, upperBound);
        return OpenIterator(column, null, lower, upper, _open);
    }

    public IKeyValueIterator IterateRange(Column column, ReadOnlySpan<byte> from, ReadOnlySpan<byte> to)
    {
        var (lower, upper) = KeyBounds.ForRange(from, to);
        return OpenIterator(column, null, lower, upper, _open);
    }

    public void Put(Column column, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        StoreGuard.CheckColumn(column, this);
        var copy = value.ToArray();
        lock (_lock)
        {
            ThrowIfDisposed();
            Writable(column.Index).Put(key, copy);
        }
    }

    public void Delete(Column column, ReadOnlySpan<byte> key)
    {
        StoreGuard.CheckColumn(column, this);
        lock (_lock)
        {
            ThrowIfDisposed();
            Writable(column.Index).Delete(key);
        }
    }

    public IWriteBatch CreateBatch()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new MemoryWriteBatch(this);
    }

    public void Write(IWriteBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch is not MemoryWriteBatch memoryBatch || !ReferenceEquals(memoryBatch.Store, this))
        {
            throw new ArgumentException("The batch was created by another store.", nameof(batch));
        }

        var operations = memoryBatch.Operations;
        lock (_lock)
        {
            ThrowIfDisposed();
            foreach (var (column, key, value) in operations)
            {
                if (value is null)
                {
                    Writable(column).Delete(key);
                }
                else
                {
                    Writable(column).Put(key, value);
                }
            }
        }
    }

    public ISnapshot CreateSnapshot()
    {
        MemoryColumnData[] pinned;
        lock (_lock)
        {
            ThrowIfDisposed();
            pinned = [.. _data];
            foreach (var data in pinned)
            {
                data.Readers++;
            }
        }

        var snapshot = new MemorySnapshot(this, pinned);
        if (!_open.TryAdd(snapshot))
        {
            snapshot.Dispose();
            throw new ObjectDisposedException(nameof(MemoryStore));
        }

        return snapshot;
    }

    public void Flush() => ObjectDisposedException.ThrowIf(_disposed, this);

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _open.CloseAndDisposeAll();
    }

    internal static int CopyTo(byte[]? value, Span<byte> destination)
    {
        if (value is null)
        {
            return IReadOnlyKeyValueStore.NotFound;
        }

        if (value.Length <= destination.Length)
        {
            value.CopyTo(destination);
        }

        return value.Length;
    }

    internal static bool AppendTo(byte[]? value, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (value is null)
        {
            return false;
        }

        value.CopyTo(destination.GetSpan(value.Length));
        destination.Advance(value.Length);
        return true;
    }

    /// <summary>
    /// Opens an iterator over <paramref name="pinned"/> (a snapshot's version) or, when null, the current
    /// version of the column; tracked in <paramref name="owner"/>.
    /// </summary>
    internal IKeyValueIterator OpenIterator(Column column, MemoryColumnData? pinned, byte[] lower, byte[]? upper, ResourceSet owner)
    {
        StoreGuard.CheckColumn(column, this);
        MemoryColumnData data;
        lock (_lock)
        {
            ThrowIfDisposed();
            data = pinned ?? _data[column.Index];
            data.Readers++;
        }

        var iterator = new MemoryIterator(data, lower, upper, it =>
        {
            owner.Remove(it);
            Unpin(it.Data);
        });
        if (!owner.TryAdd(iterator))
        {
            iterator.Dispose();
            throw new ObjectDisposedException(pinned is null ? nameof(MemoryStore) : nameof(MemorySnapshot));
        }

        return iterator;
    }

    internal void Unpin(MemoryColumnData data)
    {
        lock (_lock)
        {
            data.Readers--;
        }
    }

    internal void Release(MemorySnapshot snapshot, MemoryColumnData[] pinned)
    {
        _open.Remove(snapshot);
        lock (_lock)
        {
            foreach (var data in pinned)
            {
                data.Readers--;
            }
        }
    }

    private byte[]? Find(Column column, ReadOnlySpan<byte> key)
    {
        StoreGuard.CheckColumn(column, this);
        lock (_lock)
        {
            ThrowIfDisposed();
            return _data[column.Index].Find(key);
        }
    }

    /// <summary>The current version of a column, copied first when a snapshot or iterator pins it.</summary>
    private MemoryColumnData Writable(int index)
    {
        var data = _data[index];
        if (data.Readers > 0)
        {
            data = data.Copy();
            _data[index] = data;
        }

        return data;
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
