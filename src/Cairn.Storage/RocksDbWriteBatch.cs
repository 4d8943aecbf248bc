namespace Cairn.Storage;

/// <summary>A RocksDB write batch: one record of the write-ahead log when written.</summary>
internal sealed unsafe class RocksDbWriteBatch : IWriteBatch
{
    private IntPtr _handle;

    public RocksDbWriteBatch(RocksDbStore store)
    {
        Store = store;
        _handle = RocksDbNative.Api.rocksdb_writebatch_create();
    }

    ~RocksDbWriteBatch()
    {
        Destroy();
    }

    public RocksDbStore Store { get; }

    public int Count => RocksDbNative.Api.rocksdb_writebatch_count(Handle);

    internal IntPtr Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle == IntPtr.Zero, this);
            return _handle;
        }
    }

    public void Put(Column column, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var family = Store.Family(column);
        var handle = Handle;
        fixed (byte* k = key)
        fixed (byte* v = value)
        {
            RocksDbNative.Api.rocksdb_writebatch_put_cf(
                handle, family, RocksDbNative.OrEmpty(k), (UIntPtr)key.Length, RocksDbNative.OrEmpty(v), (UIntPtr)value.Length);
        }
    }

    public void Delete(Column column, ReadOnlySpan<byte> key)
    {
        var family = Store.Family(column);
        var handle = Handle;
        fixed (byte* k = key)
        {
            RocksDbNative.Api.rocksdb_writebatch_delete_cf(handle, family, RocksDbNative.OrEmpty(k), (UIntPtr)key.Length);
        }
    }

    public void Clear() => RocksDbNative.Api.rocksdb_writebatch_clear(Handle);

    public void Dispose()
    {
        Destroy();
        GC.SuppressFinalize(this);
    }

    private void Destroy()
    {
        var handle = Interlocked.Exchange(ref _handle, IntPtr.Zero);
        if (handle != IntPtr.Zero)
        {
            RocksDbNative.Api.rocksdb_writebatch_destroy(handle);
        }
    }
}
