using System.Runtime.InteropServices;

namespace Cairn.Storage;

/// <summary>
/// A RocksDB iterator over [lower, upper) of one column family, with its own read options (bounds and,
/// for a snapshot's iterator, the snapshot). Key and value spans point into RocksDB's memory.
/// </summary>
internal sealed unsafe class RocksDbIterator : IKeyValueIterator
{
    private readonly ResourceSet _owner;
    private readonly IntPtr _readOptions;
    private readonly byte* _lower;
    private readonly int _lowerLength;
    private readonly byte* _upper;
    private IntPtr _iterator;
    private bool _started;
    private byte* _key;
    private int _keyLength;
    private byte* _value;
    private int _valueLength;
    private bool _valid;

    public RocksDbIterator(RocksDbStore store, IntPtr family, IntPtr snapshot, byte[] lower, byte[]? upper, ResourceSet owner)
    {
        _owner = owner;
        var api = RocksDbNative.Api;
        _readOptions = api.rocksdb_readoptions_create();
        if (snapshot != IntPtr.Zero)
        {
            api.rocksdb_readoptions_set_snapshot(_readOptions, snapshot);
        }

        // RocksDB keeps pointers to the bounds: they live in native memory until Dispose.
        _lower = RocksDbNative.CopyToNative(lower);
        _lowerLength = lower.Length;
        api.rocksdb_readoptions_set_iterate_lower_bound(_readOptions, _lower, (UIntPtr)lower.Length);
        if (upper is not null)
        {
            _upper = RocksDbNative.CopyToNative(upper);
            api.rocksdb_readoptions_set_iterate_upper_bound(_readOptions, _upper, (UIntPtr)upper.Length);
        }

        _iterator = api.rocksdb_create_iterator_cf(store.Handle, _readOptions, family);
    }

    public ReadOnlySpan<byte> Key => _valid
        ? new ReadOnlySpan<byte>(_key, _keyLength)
        : throw new InvalidOperationException("The iterator is not on a pair.");

    public ReadOnlySpan<byte> Value => _valid
        ? new ReadOnlySpan<byte>(_value, _valueLength)
        : throw new InvalidOperationException("The iterator is not on a pair.");

    public bool MoveNext()
    {
        ObjectDisposedException.ThrowIf(_iterator == IntPtr.Zero, this);
        var api = RocksDbNative.Api;
        if (!_started)
        {
            _started = true;
            api.rocksdb_iter_seek(_iterator, _lower, (UIntPtr)_lowerLength);
        }
        else if (_valid)
        {
            api.rocksdb_iter_next(_iterator);
        }
        else
        {
            return false;
        }

        _valid = api.rocksdb_iter_valid(_iterator) != 0;
        if (!_valid)
        {
            api.rocksdb_iter_get_error(_iterator, out IntPtr error);
            RocksDbNative.Check(error);
            return false;
        }

        _key = (byte*)api.rocksdb_iter_key(_iterator, out UIntPtr keyLength);
        _keyLength = checked((int)keyLength);
        _value = (byte*)api.rocksdb_iter_value(_iterator, out UIntPtr valueLength);
        _valueLength = checked((int)valueLength);
        return true;
    }

    public void Dispose()
    {
        if (_iterator == IntPtr.Zero)
        {
            return;
        }

        _valid = false;
        RocksDbNative.Api.rocksdb_iter_destroy(_iterator);
        _iterator = IntPtr.Zero;
        RocksDbNative.Api.rocksdb_readoptions_destroy(_readOptions);
        NativeMemory.Free(_lower);
        NativeMemory.Free(_upper);
        _owner.Remove(this);
    }
}
