using BenchmarkDotNet.Attributes;
using Cairn.Primitives;
using Cairn.State;
using Cairn.Storage;

namespace Cairn.Benchmarks;

/// <summary>
/// Latest-state storage reads of <see cref="WorldState"/> on RocksDB, per key, over a state of <see cref="Leaves"/>
/// leaves spread over <see cref="BenchState.Contracts"/> contracts (built once, flushed to table files, then reopened):
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
    public const int Leaves = 200_000;
    private const int Lookups = 500;

    private BenchState _bench = null!;
    private int _next;

    [GlobalSetup(Targets = [nameof(Cached)])]
    public void SetupCached()
    {
        _bench = BenchState.Open(Leaves);
        foreach (var (address, key) in _bench.Slots)
        {
            _bench.State.GetStorage(address, key);
        }
    }

    [GlobalSetup(Targets = [nameof(Disk_Latest), nameof(Disk_History), nameof(Disk_TrieWalk)])]
    public void SetupDisk() =>
        _bench = BenchState.Open(Leaves, new RocksDbStoreOptions { DirectReads = true, BlockCacheBytes = 4 << 20 }, cacheSlots: 0);

    [GlobalCleanup]
    public void Cleanup() => _bench.Dispose();

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
        var state = _bench.State;
        var slots = _bench.Slots;
        var previous = state.LatestBlock!.Value - 1;
        var acc = Felt.Zero;
        for (var i = 0; i < Lookups; i++)
        {
            // A stride through a big prime: consecutive reads hit unrelated keys.
            _next = (_next + 7_919) % slots.Length;
            var (address, key) = slots[_next];
            acc += read switch
            {
                Read.Latest => state.GetStorage(address, key),
                Read.History => state.GetStorage(address, key, previous),
                _ => state.StorageTrie.Get(state.GetContractState(address).StorageRoot, key.Value),
            };
        }

        return acc;
    }
}
