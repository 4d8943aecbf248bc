using System.Buffers;
using RocksDbSharp;

namespace Cairn.Storage;

/// <summary>
/// The default <see cref="IKeyValueStore"/>: a RocksDB database in a folder, one column family per column.
/// </summary>
/// <remarks>
/// Every write goes through the write-ahead log, synced before the write returns unless
/// <see cref="RocksDbStoreOptions.SyncWrites"/> is off; a batch is one log record, so after a crash it is
/// replayed whole or not at all (recovery stops at the first torn record: point-in-time recovery). Table
/// files use bloom filters and a shared LRU block cache, LZ4-compressed when the native library has LZ4.
/// Column families missing on disk are created; families on disk but not asked for are opened and ignored.
/// </remarks>
public sealed unsafe class RocksDbStore : IKeyValueStore
{
    private readonly RocksDb _db;
    private readonly IntPtr _handle;
    private readonly Column[] _columns;
    private readonly IntPtr[] _families;
    private readonly ReadOptions _readOptions;
    private readonly WriteOptions _writeOptions;
    private readonly FlushOptions _flushOptions;
    private readonly object[] _keepAlive;
    private readonly ResourceSet _open = new();
    private int _disposed;

    private RocksDbStore(string path, RocksDbStoreOptions options, RocksDb db, string[] names, bool compressed, object[] keepAlive)
    {
        Path = path;
        Options = options;
        IsCompressed = compressed;
        _db = db;
        _handle = db.Handle;
        _columns = StoreGuard.CreateColumns(names, this);
        _families = new IntPtr[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            _families[i] = db.GetColumnFamily(names[i]).Handle;
        }

        _readOptions = new ReadOptions();
        _writeOptions = new WriteOptions().SetSync(options.SyncWrites);
        _flushOptions = new FlushOptions().SetWaitForFlush(true);
        _keepAlive = keepAlive;
    }

    /// <summary>The folder of the database.</summary>
    public string Path { get; }

    public RocksDbStoreOptions Options { get; }

    /// <summary>Whether table files are LZ4-compressed (asked for and supported by the native library).</summary>
    public bool IsCompressed { get; }

    public IReadOnlyList<Column> Columns => _columns;

    internal IntPtr Handle => _handle;

    /// <summary>
    /// Opens (creating when missing) the database in <paramref name="path"/> with the given columns; a column
    /// named "default" is RocksDB's default column family.
    /// </summary>
    /// <exception cref="StorageException">RocksDB refused to open (locked by another process, corrupt …).</exception>
    public static RocksDbStore Open(string path, IReadOnlyList<string> columns, RocksDbStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var names = ColumnNames.Validate(columns);
        options ??= RocksDbStoreOptions.Default;
        path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(path);

        try
        {
            if (options.Compress)
            {
                try
                {
                    return OpenWith(path, names, options, compress: true);
                }
                catch (RocksDbException e) when (e.Message.Contains("ompression", StringComparison.Ordinal))
                {
                    // The native library was built without LZ4: fall through to uncompressed tables.
                }
            }

            return OpenWith(path, names, options, compress: false);
        }
        catch (RocksDbException e)
        {
            throw new StorageException($"RocksDB could not open '{path}': {e.Message}", e);
        }
    }

    /// <summary>Opens a store whose columns are named after the members of <typeparamref name="TEnum"/>.</summary>
    public static RocksDbStore Open<TEnum>(string path, RocksDbStoreOptions? options = null)
        where TEnum : struct, Enum => Open(path, ColumnNames.Of<TEnum>(), options);

    public Column GetColumn(string name) => StoreGuard.FindColumn(_columns, name);

    /// <summary>A RocksDB property (such as "rocksdb.estimate-num-keys") of a column, or of the default family.</summary>
    public string? GetProperty(string name, Column? column = null)
    {
        ThrowIfDisposed();
        if (column is null)
        {
            return _db.GetProperty(name);
        }

        StoreGuard.CheckColumn(column, this);
        return _db.GetProperty(name, _db.GetColumnFamily(column.Name));
    }

    public byte[]? Get(Column column, ReadOnlySpan<byte> key) => GetCore(_readOptions.Handle, column, key);

    public int Read(Column column, ReadOnlySpan<byte> key, Span<byte> destination) =>
        ReadCore(_readOptions.Handle, column, key, destination);

    public bool TryRead(Column column, ReadOnlySpan<byte> key, IBufferWriter<byte> destination) =>
        TryReadCore(_readOptions.Handle, column, key, destination);

    public bool ContainsKey(Column column, ReadOnlySpan<byte> key) => ContainsCore(_readOptions.Handle, column, key);

    public IKeyValueIterator Iterate(Column column, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> upperBound = default)
    {
        var (lower, upper) = KeyBounds.ForPrefix(prefix, upperBound);
        return OpenIterator(column, IntPtr.Zero, lower, upper, _open);
    }

    public IKeyValueIterator IterateRange(Column column, ReadOnlySpan<byte> from, ReadOnlySpan<byte> to)
    {
        var (lower, upper) = KeyBounds.ForRange(from, to);
        return OpenIterator(column, IntPtr.Zero, lower, upper, _open);
    }

    public void Put(Column column, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var family = Family(column);
        IntPtr error;
        fixed (byte* k = key)
        fixed (byte* v = value)
        {
            RocksDbNative.Api.rocksdb_put_cf(
                _handle, _writeOptions.Handle, family,
                RocksDbNative.OrEmpty(k), (UIntPtr)key.Length, RocksDbNative.OrEmpty(v), (UIntPtr)value.Length, out error);
        }

        RocksDbNative.Check(error);
    }

    public void Delete(Column column, ReadOnlySpan<byte> key)
    {
        var family = Family(column);
        IntPtr error;
        fixed (byte* k = key)
        {
            RocksDbNative.Api.rocksdb_delete_cf(
                _handle, _writeOptions.Handle, family, RocksDbNative.OrEmpty(k), (UIntPtr)key.Length, out error);
        }

        RocksDbNative.Check(error);
    }

    public IWriteBatch CreateBatch()
    {
        ThrowIfDisposed();
        return new RocksDbWriteBatch(this);
    }

    public void Write(IWriteBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch is not RocksDbWriteBatch rocksBatch || !ReferenceEquals(rocksBatch.Store, this))
        {
            throw new ArgumentException("The batch was created by another store.", nameof(batch));
        }

        ThrowIfDisposed();
        RocksDbNative.Api.rocksdb_write(_handle, _writeOptions.Handle, rocksBatch.Handle, out IntPtr error);
        RocksDbNative.Check(error);
    }

    public ISnapshot CreateSnapshot()
    {
        ThrowIfDisposed();
        var snapshot = new RocksDbSnapshot(this, RocksDbNative.Api.rocksdb_create_snapshot(_handle));
        if (!_open.TryAdd(snapshot))
        {
            snapshot.Dispose();
            throw new ObjectDisposedException(nameof(RocksDbStore));
        }

        return snapshot;
    }

    public void Flush()
    {
        ThrowIfDisposed();
        RocksDbNative.Api.rocksdb_flush_cfs(_handle, _flushOptions.Handle, _families, _families.Length, out IntPtr error);
        RocksDbNative.Check(error);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Iterators and snapshots point into the database: release them before closing it.
        _open.CloseAndDisposeAll();
        _db.Dispose();
        GC.KeepAlive(_keepAlive);
    }

    internal IntPtr Family(Column column)
    {
        StoreGuard.CheckColumn(column, this);
        ThrowIfDisposed();
        return _families[column.Index];
    }

    internal void Forget(IDisposable resource) => _open.Remove(resource);

    internal byte[]? GetCore(IntPtr readOptions, Column column, ReadOnlySpan<byte> key)
    {
        var value = GetRaw(readOptions, column, key, out var length);
        if (value == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            return new ReadOnlySpan<byte>((void*)value, length).ToArray();
        }
        finally
        {
            RocksDbNative.Api.rocksdb_free(value);
        }
    }

    internal int ReadCore(IntPtr readOptions, Column column, ReadOnlySpan<byte> key, Span<byte> destination)
    {
        var value = GetRaw(readOptions, column, key, out var length);
        if (value == IntPtr.Zero)
        {
            return IReadOnlyKeyValueStore.NotFound;
        }

        if (length <= destination.Length)
        {
            new ReadOnlySpan<byte>((void*)value, length).CopyTo(destination);
        }

        RocksDbNative.Api.rocksdb_free(value);
        return length;
    }

    internal bool TryReadCore(IntPtr readOptions, Column column, ReadOnlySpan<byte> key, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var value = GetRaw(readOptions, column, key, out var length);
        if (value == IntPtr.Zero)
        {
            return false;
        }

        try
        {
            new ReadOnlySpan<byte>((void*)value, length).CopyTo(destination.GetSpan(length));
            destination.Advance(length);
            return true;
        }
        finally
        {
            RocksDbNative.Api.rocksdb_free(value);
        }
    }

    internal bool ContainsCore(IntPtr readOptions, Column column, ReadOnlySpan<byte> key)
    {
        var value = GetRaw(readOptions, column, key, out _);
        if (value == IntPtr.Zero)
        {
            return false;
        }

        RocksDbNative.Api.rocksdb_free(value);
        return true;
    }

    internal IKeyValueIterator OpenIterator(Column column, IntPtr snapshot, byte[] lower, byte[]? upper, ResourceSet owner)
    {
        var iterator = new RocksDbIterator(this, Family(column), snapshot, lower, upper, owner);
        if (!owner.TryAdd(iterator))
        {
            iterator.Dispose();
            throw new ObjectDisposedException(snapshot == IntPtr.Zero ? nameof(RocksDbStore) : nameof(RocksDbSnapshot));
        }

        return iterator;
    }

    private static RocksDbStore OpenWith(string path, string[] names, RocksDbStoreOptions options, bool compress)
    {
        var dbOptions = new DbOptions()
            .SetCreateIfMissing(true)
            .SetCreateMissingColumnFamilies(true)
            .SetParanoidChecks(true)
            .SetWalRecoveryMode(Recovery.PointInTime)
            .IncreaseParallelism(options.BackgroundJobs)
            .SetKeepLogFileNum(3)
            .SetInfoLogLevel(options.VerboseLog ? InfoLogLevel.Info : InfoLogLevel.Warn)
            .SetUseDirectReads(options.DirectReads);
        RocksDbNative.Api.rocksdb_options_set_max_background_jobs(dbOptions.Handle, options.BackgroundJobs);

        var cache = Cache.CreateLru((ulong)options.BlockCacheBytes);
        var table = new BlockBasedTableOptions()
            .SetBlockCache(cache)
            .SetBlockSize(16 * 1024)
            .SetFormatVersion(5)
            .SetCacheIndexAndFilterBlocks(true)
            .SetPinL0FilterAndIndexBlocksInCache(true);
        if (options.BloomBitsPerKey > 0)
        {
            table.SetFilterPolicy(BloomFilterPolicy.Create(options.BloomBitsPerKey, use_block_based_builder: false));
        }

        var columnOptions = new ColumnFamilyOptions()
            .SetBlockBasedTableFactory(table)
            .SetWriteBufferSize((ulong)options.WriteBufferBytes)
            .SetLevelCompactionDynamicLevelBytes(true)
            .SetCompression(compress ? Compression.Lz4 : Compression.No);

        var families = new ColumnFamilies(columnOptions);
        var wanted = new HashSet<string>(names, StringComparer.Ordinal) { ColumnFamilies.DefaultName };
        foreach (var name in names)
        {
            if (name != ColumnFamilies.DefaultName)
            {
                families.Add(name, columnOptions);
            }
        }

        // RocksDB opens only when every family on disk is named; open the unknown ones and leave them be.
        if (RocksDb.TryListColumnFamilies(dbOptions, path, out var existing))
        {
            foreach (var name in existing)
            {
                if (wanted.Add(name))
                {
                    families.Add(name, columnOptions);
                }
            }
        }

        var db = RocksDb.Open(dbOptions, path, families);
        return new RocksDbStore(path, options, db, names, compress, [dbOptions, columnOptions, table, cache, families]);
    }

    private IntPtr GetRaw(IntPtr readOptions, Column column, ReadOnlySpan<byte> key, out int length)
    {
        var family = Family(column);
        IntPtr value;
        UIntPtr valueLength;
        IntPtr error;
        fixed (byte* k = key)
        {
            value = RocksDbNative.Api.rocksdb_get_cf(
                _handle, readOptions, family, RocksDbNative.OrEmpty(k), (UIntPtr)key.Length, out valueLength, out error);
        }

        RocksDbNative.Check(error);
        length = checked((int)valueLength);
        return value;
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}
