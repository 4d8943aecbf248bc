using BenchmarkDotNet.Attributes;
using Cairn.State;

namespace Cairn.Benchmarks;

/// <summary>
/// <see cref="WorldState.Apply"/> of one block of <see cref="Writes"/> storage writes over a base state of
/// <see cref="Leaves"/> storage leaves spread over <see cref="BenchState.Contracts"/> contracts, on RocksDB (write-ahead log
/// synced on every commit): every storage trie the block touches, the contracts trie, the flat tables and the head in
/// one atomic batch. Each invocation applies a fresh diff (slots drawn at random from the whole state, every value
/// new), prepared in <see cref="NextDiff"/> outside the measurement: writing a value a slot already holds creates no
/// trie node, so a repeated diff would measure almost nothing. Writes/s = <see cref="Writes"/> / mean.
/// </summary>
/// <remarks>
/// <para>The base states come from <see cref="BenchState"/> (the 10M-leaf one is built once and reopened by later runs;
/// the benchmark's blocks update slots, so the leaf count stays put). Each cleanup prints the trie nodes created per
/// write (each new node is one Pedersen hash; the contract state hashes of the touched contracts come on top).</para>
/// <para>Run: <c>dotnet run -c Release --project bench/Cairn.Benchmarks -- --filter '*StateApplyBenchmarks*' --job short</c>;
/// <c>CAIRN_BENCH_LEAVES=1000000</c> narrows it to one base state.</para>
/// </remarks>
[MemoryDiagnoser]
[InvocationCount(1)]
public class StateApplyBenchmarks
{
    private BenchState _bench = null!;
    private StateDiff _diff = new();
    private ulong _nodesAtStart;
    private long _writesApplied;

    /// <summary>Storage leaves of the base state (<c>CAIRN_BENCH_LEAVES</c> narrows the run to one size).</summary>
    [ParamsSource(nameof(LeafCounts))]
    public int Leaves { get; set; }

    /// <summary>Storage writes in the applied block.</summary>
    [Params(1_000, 10_000)]
    public int Writes { get; set; }

    public static IEnumerable<int> LeafCounts() => BenchState.LeafCounts(10_000, 1_000_000, 10_000_000);

    [GlobalSetup]
    public void Setup()
    {
        _bench = BenchState.Open(Leaves);
        _nodesAtStart = _bench.State.Nodes.LastId;
    }

    /// <summary>A fresh diff: <see cref="Writes"/> distinct slots drawn from the whole state, each given a new value.</summary>
    [IterationSetup]
    public void NextDiff()
    {
        var slots = _bench.Slots;
        var random = new Random((int)_bench.NextBlock * 7919 + Writes);
        var diff = new StateDiff();
        var count = 0;
        while (count < Writes)
        {
            var (address, key) = slots[random.Next(slots.Length)];
            if (!diff.StorageDiffs.TryGetValue(address, out var written) || !written.ContainsKey(key))
            {
                count++;
            }

            diff.SetStorage(address, key, BenchState.RandomValue(random));
        }

        _diff = diff;
    }

    /// <summary>One block applied and committed.</summary>
    [Benchmark]
    public StateRoots Apply()
    {
        _writesApplied += Writes;
        return _bench.State.Apply(_bench.NextBlock, _diff);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_writesApplied > 0)
        {
            Console.WriteLine(
                $"// {Leaves:N0} leaves, {Writes:N0}-write blocks: {(double)(_bench.State.Nodes.LastId - _nodesAtStart) / _writesApplied:F2} trie nodes " +
                "(Pedersen hashes) created per write");
        }

        _bench.Dispose();
    }
}
