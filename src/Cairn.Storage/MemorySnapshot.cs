using System.Buffers;

namespace Cairn.Storage;

/// <summary>A snapshot of a <see cref="MemoryStore"/>: the column versions current at its creation, pinned.</summary>
internal sealed class MemorySnapshot : ISnapshot
{
    private readonly MemoryStore _store;
    private readonly MemoryColumnData[] _pinned;
    private readonly ResourceSet _iterators = new();
    private int _disposed;

    public MemorySnapshot(MemoryStore store, MemoryColumnData[] pinned)
    {
        _store = store;
        _pinned = pinned;
    }

    public byte[]? Get(Column column, ReadOnlySpan<byte> key) => Find(column, key)?.ToArray();

    public int Read(Column column, ReadOnlySpan<byte> key, Span<byte> destination) =>
        MemoryStore.CopyTo(Find(column, key), destination);

    public bool TryRead(Column column, ReadOnlySpan<byte> key, IBufferWriter<byte> destination) =>
        MemoryStore.AppendTo(Find(column, key), destination);

    public bool ContainsKey(Column column, ReadOnlySpan<byte> key) => Find(column, key) is not null;

    public IKeyValueIterator Iterate(Column column, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> upperBound = default)
    {
        var (lower, upper) = KeyBounds.ForPrefix(prefix, upperBound);
        return Open(column, lower, upper);
    }

    public IKeyValueIterator IterateRange(Column column, ReadOnlySpan<byte> from, ReadOnlySpan<byte> to)
    {
        var (lower, upper) = KeyBounds.ForRange(from, to);
        return Open(column, lower, upper);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _iterators.CloseAndDisposeAll();
        _store.Release(this, _pinned);
    }

    private IKeyValueIterator Open(Column column, byte[] lower, byte[]? upper)
    {
        StoreGuard.CheckColumn(column, _store);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _store.OpenIterator(column, _pinned[column.Index], lower, upper, _iterators);
    }

    private byte[]? Find(Column column, ReadOnlySpan<byte> key)
    {
        StoreGuard.CheckColumn(column, _store);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        // A pinned version never changes, so it is read without the store's lock.
        return _pinned[column.Index].Find(key);
    }
}
