using BenchmarkDotNet.Attributes;
using Cairn.Primitives;
using Cairn.State;

namespace Cairn.Benchmarks;

/// <summary>
/// Queries of a <see cref="WorldState"/> on RocksDB over a base state of <see cref="Leaves"/> storage leaves
/// (<see cref="BenchState"/>): a latest-state storage read with the node cache warm (<c>ReadCached</c>), the same read
/// from a second <see cref="WorldState"/> on the same store whose node cache is off (<c>ReadCold</c>: the flat
/// latest-value table from RocksDB, which may still hold it in its block cache or the OS page cache), and a storage
/// proof per key (<c>StorageProof</c>: contracts-trie proof of the address plus storage-trie proof of the key).
/// Applying blocks is measured by <see cref="StateApplyBenchmarks"/>, reads from the disk itself by
/// <see cref="StateReadBenchmarks"/>.
/// Run: <c>dotnet run -c Release --project bench/Cairn.Benchmarks -- --filter '*StateBenchmarks*' --job short</c>
/// (<c>CAIRN_BENCH_LEAVES=N</c> for one size).
/// </summary>
[MemoryDiagnoser]
public class StateBenchmarks
{
    private const int Lookups = 1_000;
    private const int Proofs = 200;

    private BenchState _bench = null!;
    private WorldState _coldState = null!;
    private int _next;

    /// <summary>Storage leaves of the base state.</summary>
    [ParamsSource(nameof(LeafCounts))]
    public int Leaves { get; set; }

    public static IEnumerable<int> LeafCounts() => BenchState.LeafCounts(10_000, 1_000_000, 10_000_000);

    [GlobalSetup]
    public void Setup()
    {
        _bench = BenchState.Open(Leaves);
        _coldState = _bench.OpenState(cacheSlots: 0);
    }

    [GlobalCleanup]
    public void Cleanup() => _bench.Dispose();

    /// <summary>A latest-state storage read, per key, node cache warm (the keys cycle through a fixed 1,000).</summary>
    [Benchmark(OperationsPerInvoke = Lookups)]
    public Felt ReadCached()
    {
        var slots = _bench.Slots;
        var acc = Felt.Zero;
        for (var i = 0; i < Lookups; i++)
        {
            var (address, key) = slots[(int)((long)i * 7_919 % slots.Length)];
            acc += _bench.State.GetStorage(address, key);
        }

        return acc;
    }

    /// <summary>A latest-state storage read, per key, node cache off, keys striding through the whole state.</summary>
    [Benchmark(OperationsPerInvoke = Lookups)]
    public Felt ReadCold()
    {
        var slots = _bench.Slots;
        var acc = Felt.Zero;
        for (var i = 0; i < Lookups; i++)
        {
            _next = (_next + 104_729) % slots.Length;
            var (address, key) = slots[_next];
            acc += _coldState.GetStorage(address, key);
        }

        return acc;
    }

    /// <summary>A storage proof (contracts trie + storage trie), per key, keys striding through the whole state.</summary>
    [Benchmark(OperationsPerInvoke = Proofs)]
    public int StorageProof()
    {
        var state = _bench.State;
        var (contractsRoot, _) = state.GetTrieRoots();
        var slots = _bench.Slots;
        var total = 0;
        for (var i = 0; i < Proofs; i++)
        {
            _next = (_next + 104_729) % slots.Length;
            var (address, key) = slots[_next];
            total += state.ContractsTrie.GetProof(contractsRoot, address.Value).Count;
            total += state.StorageTrie.GetProof(state.GetContractState(address).StorageRoot, key.Value).Count;
        }

        return total;
    }
}
