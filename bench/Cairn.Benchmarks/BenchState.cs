using System.Diagnostics;
using System.Globalization;
using Cairn.Primitives;
using Cairn.Primitives.Ids;
using Cairn.State;
using Cairn.Storage;

namespace Cairn.Benchmarks;

/// <summary>
/// A base state for the state benchmarks: <c>leaves</c> storage slots spread round-robin over <see cref="Contracts"/>
/// contracts (keys from a fixed seed, so the same leaf count always gives the same slots), built in blocks of 50k writes
/// on RocksDB, flushed to table files and reopened with the options a benchmark asks for.
/// </summary>
/// <remarks>
/// States of <see cref="PersistentFrom"/> leaves or more (10M leaves take ≈ 15 minutes and ≈ 7 GB) are built once into
/// <c>$CAIRN_BENCH_STATE</c> (default: <c>cairn-bench-state/leaves-N</c> under the temp folder), marked complete, and
/// reopened by later runs; smaller ones live in a fresh temporary folder deleted on <see cref="Dispose"/>. Building
/// and opening print the time, the bytes on disk per leaf, the managed heap and the working set.
/// </remarks>
internal sealed class BenchState : IDisposable
{
    public const int Contracts = 100;
    public const int PersistentFrom = 10_000_000;
    private const int BuildBlockWrites = 50_000;
    private const string CompleteMarker = "cairn-bench-complete";

    private readonly string _folder;
    private readonly bool _persistent;

    private BenchState(string folder, bool persistent, (ContractAddress, StorageKey)[] slots, RocksDbStore store, WorldState state)
    {
        _folder = folder;
        _persistent = persistent;
        Slots = slots;
        Store = store;
        State = state;
    }

    public (ContractAddress Address, StorageKey Key)[] Slots { get; }

    public RocksDbStore Store { get; }

    public WorldState State { get; }

    /// <summary>The block number the next applied block must have.</summary>
    public ulong NextBlock => State.LatestBlock is { } head ? head + 1 : 0;

    /// <summary>
    /// The leaf counts to run: <paramref name="defaults"/>, or the one in <c>CAIRN_BENCH_LEAVES</c> when it is set.
    /// </summary>
    public static IEnumerable<int> LeafCounts(params int[] defaults) =>
        Environment.GetEnvironmentVariable("CAIRN_BENCH_LEAVES") is { Length: > 0 } only
            ? [int.Parse(only, CultureInfo.InvariantCulture)]
            : defaults;

    /// <summary>Builds (or, when persistent and complete, reopens) the state of <paramref name="leaves"/> leaves.</summary>
    public static BenchState Open(int leaves, RocksDbStoreOptions? options = null, int cacheSlots = Trie.TrieNodeStore.DefaultCacheSlots)
    {
        var persistent = leaves >= PersistentFrom;
        var folder = persistent
            ? Environment.GetEnvironmentVariable("CAIRN_BENCH_STATE") is { Length: > 0 } configured
                ? configured
                : Path.Combine(Path.GetTempPath(), "cairn-bench-state", $"leaves-{leaves}")
            : Path.Combine(Path.GetTempPath(), "cairn-bench-state", Guid.NewGuid().ToString("N"));
        var marker = Path.Combine(folder, CompleteMarker);
        if (persistent && Directory.Exists(folder) && !File.Exists(marker))
        {
            Console.WriteLine($"// {folder} holds an unfinished build; starting over");
            Directory.Delete(folder, recursive: true);
        }

        var clock = Stopwatch.StartNew();
        var random = new Random(1);
        var addresses = Enumerable.Range(0, Contracts).Select(_ => new ContractAddress(RandomFelt(random))).ToArray();
        var slots = new (ContractAddress, StorageKey)[leaves];
        for (var i = 0; i < leaves; i++)
        {
            slots[i] = (addresses[i % Contracts], new StorageKey(RandomFelt(random)));
        }

        var reopen = persistent && File.Exists(marker);
        if (!reopen)
        {
            using var store = RocksDbStore.Open(folder, WorldState.ColumnNames);
            var state = new WorldState(store);
            ulong block = 0;
            for (var start = 0; start < leaves; start += BuildBlockWrites)
            {
                var diff = new StateDiff();
                for (var i = start; i < Math.Min(leaves, start + BuildBlockWrites); i++)
                {
                    diff.SetStorage(slots[i].Item1, slots[i].Item2, RandomValue(random));
                }

                foreach (var address in addresses)
                {
                    diff.DeployContract(address, new ClassHash(0xC1A55));
                }

                state.Apply(block++, diff);
                if (block % 20 == 0)
                {
                    Console.WriteLine($"// built {Math.Min(leaves, start + BuildBlockWrites):N0} leaves in {clock.Elapsed.TotalSeconds:F0} s");
                }
            }

            store.Flush();
            if (persistent)
            {
                File.WriteAllText(marker, $"{leaves} leaves over {Contracts} contracts\n");
            }
        }

        var elapsed = clock.Elapsed;
        var opened = RocksDbStore.Open(folder, WorldState.ColumnNames, options);
        var bench = new BenchState(folder, persistent, slots, opened, new WorldState(opened, cacheSlots));
        var bytes = new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        Console.WriteLine(
            $"// state of {leaves:N0} leaves over {Contracts} contracts {(reopen ? "opened" : "built")} in {elapsed.TotalSeconds:F1} s" +
            (reopen ? "" : $" ({leaves / elapsed.TotalSeconds:F0} writes/s)") +
            $"; {bytes:N0} bytes on disk, {(double)bytes / leaves:F0} bytes per leaf; managed heap {GC.GetTotalMemory(false) >> 20} MiB, " +
            $"working set {Environment.WorkingSet >> 20} MiB");
        return bench;
    }

    /// <summary>A new state on the same store, e.g. with its node cache off.</summary>
    public WorldState OpenState(int cacheSlots) => new(Store, cacheSlots);

    public void Dispose()
    {
        Store.Dispose();
        if (!_persistent)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    public static Felt RandomValue(Random random) => Felt.FromUInt64((ulong)random.NextInt64(1, long.MaxValue));

    private static Felt RandomFelt(Random random)
    {
        Span<byte> bytes = stackalloc byte[32];
        random.NextBytes(bytes);
        bytes[0] &= 0x03;
        return Felt.FromBytesBE(bytes);
    }
}
