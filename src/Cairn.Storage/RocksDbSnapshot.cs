using System.Buffers;

namespace Cairn.Storage;

/// <summary>A RocksDB snapshot with the read options that read through it.</summary>
internal sealed class RocksDbSnapshot : ISnapshot
{
    private readonly RocksDbStore _store;
    private readonly IntPtr _snapshot;
    private readonly IntPtr _readOptions;
    private readonly ResourceSet _iterators = new();
    private int _disposed;

    public RocksDbSnapshot(RocksDbStore store, IntPtr snapshot)
    {
        _store = store;
        _snapshot = snapshot;
        _readOptions = RocksDbNative.Api.rocksdb_readoptions_create();
        RocksDbNative.Api.rocksdb_readoptions_set_snapshot(_readOptions, snapshot);
    }

    public byte[]? Get(Column column, ReadOnlySpan<byte> key) => _store.GetCore(ReadOptions, column, key);

    public int Read(Column column, ReadOnlySpan<byte> key, Span<byte> destination) =>
        _store.ReadCore(ReadOptions, column, key, destination);

    public bool TryRead(Column column, ReadOnlySpan<byte> key, IBufferWriter<byte> destination) =>
        _store.TryReadCore(ReadOptions, column, key, destination);

    public bool ContainsKey(Column column, ReadOnlySpan<byte> key) => _store.ContainsCore(ReadOptions, column, key);

    public IKeyValueIterator Iterate(Column column, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> upperBound = default)
    {
        var (lower, upper) = KeyBounds.ForPrefix(prefix, upperBound);
        ThrowIfDisposed();
        return _store.OpenIterator(column, _snapshot, lower, upper, _iterators);
    }

    public IKeyValueIterator IterateRange(Column column, ReadOnlySpan<byte> from, ReadOnlySpan<byte> to)
    {
        var (lower, upper) = KeyBounds.ForRange(from, to);
        ThrowIfDisposed();
        return _store.OpenIterator(column, _snapshot, lower, upper, _iterators);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _iterators.CloseAndDisposeAll();
        RocksDbNative.Api.rocksdb_readoptions_destroy(_readOptions);
        RocksDbNative.Api.rocksdb_release_snapshot(_store.Handle, _snapshot);
        _store.Forget(this);
    }

    private IntPtr ReadOptions
    {
        get
        {
            ThrowIfDisposed();
            return _readOptions;
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}
