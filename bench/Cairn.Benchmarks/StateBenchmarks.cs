using BenchmarkDotNet.Attributes;
using Cairn.Primitives;
using Cairn.Primitives.Ids;
using Cairn.State;
using Cairn.Storage;
using Cairn.Trie;

namespace Cairn.Benchmarks;

/// <summary>
/// <see cref="WorldState"/> on RocksDB (default options: write-ahead log synced on every commit) in a temp folder.
/// <list type="bullet">
/// <item><c>Leaves10k_*</c>: a base state of 10k storage leaves over <see cref="Contracts"/> contracts; a latest-state
/// storage read with the node cache warm, and with a second <see cref="WorldState"/> on the same store whose node
/// cache is off ("cold": every trie node from RocksDB, which may still hold it in its block cache or the OS page
/// cache); a storage proof per key (contracts-trie proof of the address plus storage-trie proof of the key).</item>
/// </list>
/// Applying blocks is measured by <see cref="StateApplyBenchmarks"/>.
/// Each setup prints the build time and the bytes on disk per leaf (folder size after a flush / leaves).
/// Run: <c>dotnet run -c Release --project bench/Cairn.Benchmarks -- --filter '*StateBenchmarks*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class StateBenchmarks
{
    public const int Contracts = 100;
    public const int SmallLeaves = 10_000;
    private const int BuildBlockWrites = 50_000;
    private const int Lookups = 1_000;
    private const int Proofs = 200;

    private RocksDbStore _store = null!;
    private WorldState _state = null!;
    private WorldState _coldState = null!;
    private string _folder = "";
    private (ContractAddress Address, StorageKey Key)[] _slots = [];
    private ulong _nextBlock;

    [GlobalSetup]
    public void GlobalSetupSmall() => Build(SmallLeaves);

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A latest-state storage read, per key, node cache warm.</summary>
    [Benchmark(OperationsPerInvoke = Lookups)]
    public Felt Leaves10k_ReadCached() => ReadMany(_state, 13);

    /// <summary>A latest-state storage read, per key, node cache off (every node from RocksDB).</summary>
    [Benchmark(OperationsPerInvoke = Lookups)]
    public Felt Leaves10k_ReadCold() => ReadMany(_coldState, 17);

    /// <summary>A storage proof (contracts trie + storage trie), per key.</summary>
    [Benchmark(OperationsPerInvoke = Proofs)]
    public int Leaves10k_StorageProof()
    {
        var (contractsRoot, _) = _state.GetTrieRoots();
        var total = 0;
        for (var i = 0; i < Proofs; i++)
        {
            var (address, key) = _slots[(i * 7919) % _slots.Length];
            total += _state.ContractsTrie.GetProof(contractsRoot, address.Value).Count;
            total += _state.StorageTrie.GetProof(_state.GetContractState(address).StorageRoot, key.Value).Count;
        }

        return total;
    }

    private Felt ReadMany(WorldState state, int stride)
    {
        var acc = Felt.Zero;
        for (var i = 0; i < Lookups; i++)
        {
            var (address, key) = _slots[(i * stride) % _slots.Length];
            acc += state.GetStorage(address, key);
        }

        return acc;
    }

    private void Build(int leaves)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        _folder = Path.Combine(Path.GetTempPath(), "cairn-bench-state", Guid.NewGuid().ToString("N"));
        _store = RocksDbStore.Open(_folder, WorldState.ColumnNames);
        _state = new WorldState(_store);
        var random = new Random(1);
        var addresses = Enumerable.Range(0, Contracts).Select(_ => new ContractAddress(RandomFelt(random))).ToArray();
        _slots = new (ContractAddress, StorageKey)[leaves];
        for (var i = 0; i < leaves; i++)
        {
            _slots[i] = (addresses[i % Contracts], new StorageKey(RandomFelt(random)));
        }

        for (var start = 0; start < leaves; start += BuildBlockWrites)
        {
            var diff = new StateDiff();
            for (var i = start; i < Math.Min(leaves, start + BuildBlockWrites); i++)
            {
                diff.SetStorage(_slots[i].Address, _slots[i].Key, RandomValue(random));
            }

            foreach (var address in addresses)
            {
                diff.DeployContract(address, new ClassHash(0xC1A55));
            }

            _state.Apply(_nextBlock++, diff);
        }

        var built = clock.Elapsed;
        _store.Flush();
        var bytes = new DirectoryInfo(_folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        Console.WriteLine(
            $"// state of {leaves} leaves over {Contracts} contracts built in {built.TotalSeconds:F1} s ({leaves / built.TotalSeconds:F0} writes/s); " +
            $"{bytes} bytes on disk, {(double)bytes / leaves:F0} bytes per leaf");

        _coldState = new WorldState(_store, cacheSlots: 0);

        // Warm the node cache of the main state for the cached reads.
        ReadMany(_state, 13);
    }

    private static Felt RandomFelt(Random random)
    {
        Span<byte> bytes = stackalloc byte[32];
        random.NextBytes(bytes);
        bytes[0] &= 0x03;
        return Felt.FromBytesBE(bytes);
    }

    private static Felt RandomValue(Random random) => Felt.FromUInt64((ulong)random.NextInt64(1, long.MaxValue));
}
