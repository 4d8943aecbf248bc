namespace Cairn.Storage;

/// <summary>Tuning of a <see cref="RocksDbStore"/>. The defaults suit a node on one machine.</summary>
public sealed record RocksDbStoreOptions
{
    /// <summary>
    /// Whether a write (a batch, a put, a delete) syncs the write-ahead log to disk before it returns.
    /// On (the default), a write that returned survives a power loss as well as a killed process; off, it
    /// survives a killed process (the log is in the OS's cache) but the newest writes may be lost with the
    /// machine. Either way a batch is applied whole or not at all.
    /// </summary>
    public bool SyncWrites { get; init; } = true;

    /// <summary>Bytes of the LRU cache of uncompressed table blocks shared by every column (default 256 MiB).</summary>
    public long BlockCacheBytes { get; init; } = 256L << 20;

    /// <summary>Bits per key of the bloom filter on every table file (default 10, ~1% false positives; 0: none).</summary>
    public int BloomBitsPerKey { get; init; } = 10;

    /// <summary>Bytes of one column's memtable before it is flushed to a table file (default 64 MiB).</summary>
    public long WriteBufferBytes { get; init; } = 64L << 20;

    /// <summary>Whether table files are compressed (LZ4) when the native library supports it (default on).</summary>
    public bool Compress { get; init; } = true;

    /// <summary>Background threads for flushes and compactions (default: the processor count, at least 2).</summary>
    public int BackgroundJobs { get; init; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>
    /// Whether table files are read with O_DIRECT, bypassing the operating system's page cache (default off). With a
    /// small <see cref="BlockCacheBytes"/> every read that misses the block cache then goes to the disk, which is how
    /// the benchmarks measure reads "from disk"; a node whose block cache owns the memory may use it too.
    /// </summary>
    public bool DirectReads { get; init; }

    /// <summary>Whether RocksDB writes its informational LOG file (default off: warnings and errors only).</summary>
    public bool VerboseLog { get; init; }

    public static RocksDbStoreOptions Default { get; } = new();
}
