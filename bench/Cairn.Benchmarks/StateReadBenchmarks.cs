using BenchmarkDotNet.Attributes;
using Cairn.Primitives;
using Cairn.Primitives.Ids;
using Cairn.State;
using Cairn.Storage;

namespace Cairn.Benchmarks;

/// <summary>
/// Latest-state storage reads of <see cref="WorldState"/> on RocksDB, per key, over a state of <see cref="Leaves"/>
/// leaves spread over <see cref="Contracts"/> contracts (built once, flushed to table files, then reopened):
/// <list type="bullet">
/// <item><c>Cached</c>: default options (256 MiB block cache, node cache on), warmed by one pass over the keys.</item>
/// <item><c>Disk_*</c>: the store reopened with <see cref="RocksDbStoreOptions.DirectReads"/> (O_DIRECT, no page cache)
/// and a 4 MiB block cache (room for the table files' index and filter blocks, not for the data: well under a tenth
/// of the data blocks fit), node cache off, so a read's data block comes from the disk. <c>Disk_Latest</c> is
/// <see cref="WorldState.GetStorage"/> at the head (one point lookup in the latest-value table);
/// <c>Disk_History</c> the same read at the block before (one seek in the per-slot log); <c>Disk_TrieWalk</c> the
/// latest read through the contract's record and its storage trie (what every read cost before the flat tables).</item>
/// </list>
/// Run: <c>dotnet run -c Release --project bench/Cairn.Benchmarks -- --filter '*StateReadBenchmarks*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class StateReadBenchmarks
{
    public const int Contracts = 100;
    public const int Leaves = 200_000;
    private const int BuildBlockWrites = 50_000;
    private const int Lookups = 500;

    private string _folder = "";
    private RocksDbStore _store = null!;
    private WorldState _state = null!;
    private (ContractAddress Address, StorageKey Key)[] _slots = [];
    private int _next;

    [GlobalSetup(Targets = [nameof(Cached)])]
    public void SetupCached()
    {
        Build();
        _store = RocksDbStore.Open(_folder, WorldState.ColumnNames);
        _state = new WorldState(_store);
        for (var i = 0; i < _slots.Length; i++)
        {
            _state.GetStorage(_slots[i].Address, _slots[i].Key);
        }
    }

    [GlobalSetup(Targets = [nameof(Disk_Latest), nameof(Disk_History), nameof(Disk_TrieWalk)])]
    public void SetupDisk()
    {
        Build();
        _store = RocksDbStore.Open(_folder, WorldState.ColumnNames, new RocksDbStoreOptions { DirectReads = true, BlockCacheBytes = 4 << 20 });
        _state = new WorldState(_store, cacheSlots: 0);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A latest storage read from the caches.</summary>
    [Benchmark(OperationsPerInvoke = Lookups)]
    public Felt Cached() => ReadMany(Read.Latest);

    /// <summary>A latest storage read from disk (the latest-value table).</summary>
    [Benchmark(OperationsPerInvoke = Lookups)]
    public Felt Disk_Latest() => ReadMany(Read.Latest);

    /// <summary>A storage read at the block before the head from disk (the per-slot log).</summary>
    [Benchmark(OperationsPerInvoke = Lookups)]
    public Felt Disk_History() => ReadMany(Read.History);

    /// <summary>A latest storage read from disk through the contract record and its storage trie.</summary>
    [Benchmark(OperationsPerInvoke = Lookups)]
    public Felt Disk_TrieWalk() => ReadMany(Read.TrieWalk);

    private enum Read
    {
        Latest,
        History,
        TrieWalk,
    }

    private Felt ReadMany(Read read)
    {
        var previous = _state.LatestBlock!.Value - 1;
        var acc = Felt.Zero;
        for (var i = 0; i < Lookups; i++)
        {
            // A stride through a big prime: consecutive reads hit unrelated keys.
            _next = (_next + 7_919) % _slots.Length;
            var (address, key) = _slots[_next];
            acc += read switch
            {
                Read.Latest => _state.GetStorage(address, key),
                Read.History => _state.GetStorage(address, key, previous),
                _ => _state.StorageTrie.Get(_state.GetContractState(address).StorageRoot, key.Value),
            };
        }

        return acc;
    }

    private void Build()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        _folder = Path.Combine(Path.GetTempPath(), "cairn-bench-state-read", Guid.NewGuid().ToString("N"));
        var random = new Random(3);
        var addresses = Enumerable.Range(0, Contracts).Select(_ => new ContractAddress(RandomFelt(random))).ToArray();
        _slots = new (ContractAddress, StorageKey)[Leaves];
        for (var i = 0; i < Leaves; i++)
        {
            _slots[i] = (addresses[i % Contracts], new StorageKey(RandomFelt(random)));
        }

        using (var store = RocksDbStore.Open(_folder, WorldState.ColumnNames, new RocksDbStoreOptions { SyncWrites = false }))
        {
            var state = new WorldState(store);
            ulong block = 0;
            for (var start = 0; start < Leaves; start += BuildBlockWrites)
            {
                var diff = new StateDiff();
                for (var i = start; i < Math.Min(Leaves, start + BuildBlockWrites); i++)
                {
                    diff.SetStorage(_slots[i].Address, _slots[i].Key, Felt.FromUInt64((ulong)random.NextInt64(1, long.MaxValue)));
                }

                foreach (var address in addresses)
                {
                    diff.DeployContract(address, new ClassHash(0xC1A55));
                }

                state.Apply(block++, diff);
            }

            store.Flush();
        }

        var bytes = new DirectoryInfo(_folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        Console.WriteLine($"// state of {Leaves} leaves built in {clock.Elapsed.TotalSeconds:F1} s, {bytes} bytes on disk");
    }

    private static Felt RandomFelt(Random random)
    {
        Span<byte> bytes = stackalloc byte[32];
        random.NextBytes(bytes);
        bytes[0] &= 0x03;
        return Felt.FromBytesBE(bytes);
    }
}
