using System.Buffers.Binary;
using BenchmarkDotNet.Attributes;
using Cairn.Storage;

namespace Cairn.Benchmarks;

/// <summary>
/// Key-value store basics for each backend: random point reads of present keys with every block in cache,
/// and atomic batches of 1k puts. Keys are 32 bytes (like a felt), values 64 bytes.
/// Run: <c>dotnet run -c Release --project bench/Cairn.Benchmarks -- --filter '*StorageBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
public class StorageBenchmarks
{
    public enum Backend
    {
        Memory,

        /// <summary>RocksDB with the default options: the write-ahead log synced on every write.</summary>
        RocksDb,

        /// <summary>RocksDB without the sync: a write survives a killed process, not a power loss.</summary>
        RocksDbNoSync,
    }

    private const int PresentKeys = 100_000;
    private const int ReadsPerInvoke = 1_000;
    private const int BatchSize = 1_000;

    private IKeyValueStore _store = null!;
    private Column _column = null!;
    private string? _folder;
    private byte[][] _readKeys = [];
    private readonly byte[] _value = new byte[64];
    private readonly byte[] _buffer = new byte[128];
    private readonly byte[] _key = new byte[32];
    private long _written;

    [Params(Backend.Memory, Backend.RocksDb, Backend.RocksDbNoSync)]
    public Backend Store { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string[] columns = ["state"];
        if (Store == Backend.Memory)
        {
            _store = new MemoryStore(columns);
        }
        else
        {
            _folder = Path.Combine(Path.GetTempPath(), "cairn-bench-storage", Guid.NewGuid().ToString("N"));
            _store = RocksDbStore.Open(_folder, columns, new RocksDbStoreOptions { SyncWrites = Store == Backend.RocksDb });
        }

        _column = _store.Columns[0];
        Random.Shared.NextBytes(_value);
        using (var batch = _store.CreateBatch())
        {
            for (var i = 0; i < PresentKeys; i++)
            {
                batch.Put(_column, KeyOf(i), _value);
                if (batch.Count == 10_000)
                {
                    _store.Write(batch);
                    batch.Clear();
                }
            }

            _store.Write(batch);
        }

        _store.Flush();
        var random = new Random(42);
        _readKeys = [.. Enumerable.Range(0, ReadsPerInvoke).Select(_ => KeyOf(random.Next(PresentKeys)))];

        // Warm the block cache: every present key once.
        for (var i = 0; i < PresentKeys; i++)
        {
            _store.Read(_column, KeyOf(i), _buffer);
        }

        _written = PresentKeys;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>One random read of a present key into a caller's buffer (reported per read).</summary>
    [Benchmark(OperationsPerInvoke = ReadsPerInvoke)]
    public int RandomReadCached()
    {
        var total = 0;
        foreach (var key in _readKeys)
        {
            total += _store.Read(_column, key, _buffer);
        }

        return total;
    }

    /// <summary>The same reads returning a fresh array each (reported per read).</summary>
    [Benchmark(OperationsPerInvoke = ReadsPerInvoke)]
    public int RandomGetCached()
    {
        var total = 0;
        foreach (var key in _readKeys)
        {
            total += _store.Get(_column, key)!.Length;
        }

        return total;
    }

    /// <summary>One atomic batch of 1k puts of new keys, written (reported per batch).</summary>
    [Benchmark]
    public void BatchWrite1k()
    {
        using var batch = _store.CreateBatch();
        for (var i = 0; i < BatchSize; i++)
        {
            FillKey(_key, _written++);
            batch.Put(_column, _key, _value);
        }

        _store.Write(batch);
    }

    private static byte[] KeyOf(long index)
    {
        var key = new byte[32];
        FillKey(key, index);
        return key;
    }

    /// <summary>A well-spread 32-byte key for an index (so keys land all over the key space).</summary>
    private static void FillKey(Span<byte> key, long index)
    {
        var x = (ulong)index;
        for (var i = 0; i < 4; i++)
        {
            x += 0x9E3779B97F4A7C15UL;
            var z = x;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            BinaryPrimitives.WriteUInt64BigEndian(key[(i * 8)..], z ^ (z >> 31));
        }
    }
}
