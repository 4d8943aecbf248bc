using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Cairn.Primitives;
using Cairn.Primitives.Ids;
using Cairn.State;
using Cairn.Storage;

namespace Cairn.Benchmarks;

/// <summary>
/// <see cref="WorldState.Apply"/> of one block of <see cref="Writes"/> storage writes over a base state of
/// <see cref="Leaves"/> storage leaves spread over <see cref="Contracts"/> contracts, on RocksDB (write-ahead log
/// synced on every commit): every storage trie the block touches, the contracts trie, the flat tables and the head in
/// one atomic batch. Each invocation applies a fresh diff (slots drawn at random from the whole state, every value
/// new), prepared in <see cref="NextDiff"/> outside the measurement: writing a value a slot already holds creates no
/// trie node, so a repeated diff would measure almost nothing. Writes/s = <see cref="Writes"/> / mean.
/// </summary>
/// <remarks>
/// <para>The 10k- and 1M-leaf base states are built in a temporary folder for each case (in blocks of 50k writes) and
/// deleted afterwards. The 10M-leaf state takes ≈ 15 minutes and ≈ 7 GB, so it is built once into
/// <c>$CAIRN_BENCH_STATE</c> (default: <c>cairn-bench-state/leaves-10000000</c> under the temp folder) and reopened by
/// later runs; the benchmark's blocks update slots, so the leaf count stays put.</para>
/// <para>Each setup prints the build (or open) time, the bytes on disk per leaf, and the managed heap and working set;
/// each cleanup prints the trie nodes created per write (each new node is one Pedersen hash; the contract state hashes
/// of the touched contracts come on top).</para>
/// <para>Run: <c>dotnet run -c Release --project bench/Cairn.Benchmarks -- --filter '*StateApplyBenchmarks*' --job short</c>;
/// <c>CAIRN_BENCH_LEAVES=1000000</c> narrows it to one base state.</para>
/// </remarks>
[MemoryDiagnoser]
[InvocationCount(1)]
public class StateApplyBenchmarks
{
    public const int Contracts = 100;
    private const int BuildBlockWrites = 50_000;
    private const int PersistentFrom = 10_000_000;

    private RocksDbStore _store = null!;
    private WorldState _state = null!;
    private string _folder = "";
    private bool _persistent;
    private (ContractAddress Address, StorageKey Key)[] _slots = [];
    private StateDiff _diff = new();
    private ulong _nextBlock;
    private ulong _nodesAtStart;
    private long _writesApplied;

    /// <summary>Storage leaves of the base state (<c>CAIRN_BENCH_LEAVES</c> narrows the run to one size).</summary>
    [ParamsSource(nameof(LeafCounts))]
    public int Leaves { get; set; }

    /// <summary>Storage writes in the applied block.</summary>
    [Params(1_000, 10_000)]
    public int Writes { get; set; }

    public static IEnumerable<int> LeafCounts() =>
        Environment.GetEnvironmentVariable("CAIRN_BENCH_LEAVES") is { Length: > 0 } only
            ? [int.Parse(only, System.Globalization.CultureInfo.InvariantCulture)]
            : [10_000, 1_000_000, 10_000_000];

    [GlobalSetup]
    public void Setup()
    {
        _persistent = Leaves >= PersistentFrom;
        _folder = _persistent
            ? Environment.GetEnvironmentVariable("CAIRN_BENCH_STATE") is { Length: > 0 } configured
                ? configured
                : Path.Combine(Path.GetTempPath(), "cairn-bench-state", $"leaves-{Leaves}")
            : Path.Combine(Path.GetTempPath(), "cairn-bench-state", Guid.NewGuid().ToString("N"));
        var marker = Path.Combine(_folder, "cairn-bench-complete");
        if (_persistent && Directory.Exists(_folder) && !File.Exists(marker))
        {
            Console.WriteLine($"// {_folder} holds an unfinished build; starting over");
            Directory.Delete(_folder, recursive: true);
        }

        var clock = Stopwatch.StartNew();
        var random = new Random(1);
        var addresses = Enumerable.Range(0, Contracts).Select(_ => new ContractAddress(RandomFelt(random))).ToArray();
        _slots = new (ContractAddress, StorageKey)[Leaves];
        for (var i = 0; i < Leaves; i++)
        {
            _slots[i] = (addresses[i % Contracts], new StorageKey(RandomFelt(random)));
        }

        var reopen = _persistent && File.Exists(marker);
        _store = RocksDbStore.Open(_folder, WorldState.ColumnNames);
        _state = new WorldState(_store);
        if (reopen)
        {
            _nextBlock = _state.LatestBlock!.Value + 1;
        }
        else
        {
            for (var start = 0; start < Leaves; start += BuildBlockWrites)
            {
                var diff = new StateDiff();
                for (var i = start; i < Math.Min(Leaves, start + BuildBlockWrites); i++)
                {
                    diff.SetStorage(_slots[i].Address, _slots[i].Key, RandomValue(random));
                }

                foreach (var address in addresses)
                {
                    diff.DeployContract(address, new ClassHash(0xC1A55));
                }

                _state.Apply(_nextBlock++, diff);
                if (_nextBlock % 20 == 0)
                {
                    Console.WriteLine($"// built {Math.Min(Leaves, start + BuildBlockWrites):N0} leaves in {clock.Elapsed.TotalSeconds:F0} s");
                }
            }

            _store.Flush();
            if (_persistent)
            {
                File.WriteAllText(marker, $"{Leaves} leaves over {Contracts} contracts\n");
            }
        }

        var elapsed = clock.Elapsed;
        var bytes = new DirectoryInfo(_folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        Console.WriteLine(
            $"// state of {Leaves:N0} leaves over {Contracts} contracts {(reopen ? "opened" : "built")} in {elapsed.TotalSeconds:F1} s" +
            (reopen ? "" : $" ({Leaves / elapsed.TotalSeconds:F0} writes/s)") +
            $"; {bytes:N0} bytes on disk, {(double)bytes / Leaves:F0} bytes per leaf; managed heap {GC.GetTotalMemory(false) >> 20} MiB, " +
            $"working set {Environment.WorkingSet >> 20} MiB");
        _nodesAtStart = _state.Nodes.LastId;
    }

    /// <summary>A fresh diff: <see cref="Writes"/> distinct slots drawn from the whole state, each given a new value.</summary>
    [IterationSetup]
    public void NextDiff()
    {
        var random = new Random((int)_nextBlock * 7919 + Writes);
        var diff = new StateDiff();
        var count = 0;
        while (count < Writes)
        {
            var (address, key) = _slots[random.Next(_slots.Length)];
            if (!diff.StorageDiffs.TryGetValue(address, out var slots) || !slots.ContainsKey(key))
            {
                count++;
            }

            diff.SetStorage(address, key, RandomValue(random));
        }

        _diff = diff;
    }

    /// <summary>One block applied and committed.</summary>
    [Benchmark]
    public StateRoots Apply()
    {
        _writesApplied += Writes;
        return _state.Apply(_nextBlock++, _diff);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_writesApplied > 0)
        {
            Console.WriteLine(
                $"// {Leaves:N0} leaves, {Writes:N0}-write blocks: {(double)(_state.Nodes.LastId - _nodesAtStart) / _writesApplied:F2} trie nodes " +
                "(Pedersen hashes) created per write");
        }

        _store.Dispose();
        if (!_persistent)
        {
            Directory.Delete(_folder, recursive: true);
        }
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
