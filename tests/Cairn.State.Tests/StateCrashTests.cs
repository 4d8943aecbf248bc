using Cairn.Testing;
using System.Diagnostics;
using System.Globalization;
using Cairn.Primitives;
using Cairn.Primitives.Ids;
using Cairn.State.CrashHelper;
using Cairn.Storage;
using Xunit.Abstractions;

namespace Cairn.State.Tests;

/// <summary>
/// Kills a child process that applies blocks to a RocksDB-backed <see cref="WorldState"/>
/// (Cairn.State.CrashHelper) at random moments, then reopens the state: the head must be the last block the
/// child reported (or the one after it, committed but not yet printed), its roots must equal an independent
/// recomputation of exactly blocks 0 … head on a <see cref="MemoryStore"/>, and reads at every past block must
/// agree with that reference. Each round the child resumes from the reopened head.
/// </summary>
public sealed class StateCrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Rounds = 4;

    private readonly TempDirectory _temp = new();

    /// <summary>The reference: the same blocks applied in memory, and its global root after each block.</summary>
    private readonly WorldState _reference = new(new MemoryStore(WorldState.ColumnNames));
    private readonly List<Felt> _referenceRoots = [];

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_killed_block_writer_reopens_at_exactly_its_last_committed_block()
    {
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");

        var random = new Random(seed);
        var path = System.IO.Path.Combine(_temp.Path, "crash");
        long head = -1;
        var killedWhileApplying = 0;

        for (var round = 0; round < Rounds; round++)
        {
            // Mostly kill while blocks stream in (counted from the first one reported); sometimes, never in the
            // first round, counted from the start, so the kill may land in start-up or RocksDB recovery.
            var early = round > 0 && random.Next(4) == 0;
            var delay = TimeSpan.FromMilliseconds(early ? random.Next(0, 600) : random.Next(0, 500));
            var context = $"round {round} (seed {seed}, kill {(early ? "after start" : "after the first block")} +{delay.TotalMilliseconds} ms)";
            var clock = Stopwatch.StartNew();
            var reported = await RunAndKill(path, early, delay);
            var ran = clock.Elapsed;

            // Every root the child printed is the reference root of that block.
            foreach (var (block, root) in reported)
            {
                Assert.True(root == ReferenceRoot(block), $"{context}: the child reported root {root} for block {block}, the reference has {ReferenceRoot(block)}");
            }

            var lastReported = reported.Count == 0 ? head : reported[^1].Block;
            var present = Verify(path, context);
            output.WriteLine(
                $"round {round}: resumed at {head + 1}, last reported {lastReported}, head {present} " +
                $"(child {ran.TotalSeconds:F2} s, check {(clock.Elapsed - ran).TotalSeconds:F2} s)");

            // The child prints each block after Apply returns and before it starts the next one, so the head is
            // the last printed block or, when the kill fell between commit and print, the one after it.
            Assert.True(
                present == lastReported || present == lastReported + 1,
                $"{context}: the head is block {present} but the child reported up to {lastReported}");
            if (reported.Count > 0)
            {
                killedWhileApplying++;
            }

            head = present;
        }

        Assert.True(killedWhileApplying > 0, $"no round (seed {seed}) killed the child after it had committed a block");
        output.WriteLine($"{killedWhileApplying} of {Rounds} kills came after committed blocks; {head + 1} blocks in all");
    }

    private Felt ReferenceRoot(long block)
    {
        while (_referenceRoots.Count <= block)
        {
            var next = (ulong)_referenceRoots.Count;
            _referenceRoots.Add(_reference.Apply(next, CrashBlocks.Diff(next)).GlobalRoot);
        }

        return _referenceRoots[(int)block];
    }

    /// <summary>
    /// Reopens the state, compares the roots of every block up to the head and the reads at every block with the
    /// reference, and returns the head (-1 when no block was committed).
    /// </summary>
    private long Verify(string path, string context)
    {
        using var store = RocksDbStore.Open(path, WorldState.ColumnNames);
        var state = new WorldState(store);
        var head = state.LatestBlock is { } h ? (long)h : -1;
        if (head < 0)
        {
            Assert.Equal(default, state.GetRoots());
            return head;
        }

        ReferenceRoot(head);
        Assert.True(state.GetRoots().GlobalRoot == _referenceRoots[(int)head], $"{context}: the global root at head {head} differs from the recomputed one");
        Assert.Equal(_reference.GetRoots((ulong)head), state.GetRoots());
        for (var block = 0UL; block <= (ulong)head; block++)
        {
            Assert.True(state.GetRoots(block) == _reference.GetRoots(block), $"{context}: the roots at block {block} differ");
            AssertReadsAgree(state, block, context);
        }

        // Nothing beyond the head: the block after it was not committed.
        Assert.Throws<ArgumentOutOfRangeException>(() => state.GetRoots((ulong)head + 1));
        return head;
    }

    /// <summary>Contract states, compiled class hashes and the slots written at or just before <paramref name="block"/>.</summary>
    private void AssertReadsAgree(WorldState state, ulong block, string context)
    {
        foreach (var address in CrashBlocks.Addresses)
        {
            var actual = state.GetContractState(address, block);
            var expected = _reference.GetContractState(address, block);
            Assert.True(
                actual.ClassHash == expected.ClassHash && actual.Nonce == expected.Nonce && actual.StorageRoot.Hash == expected.StorageRoot.Hash,
                $"{context}: contract {address} at block {block} is {actual}, expected {expected}");
        }

        foreach (var classHash in CrashBlocks.Classes)
        {
            Assert.True(
                state.GetCompiledClassHash(classHash, block) == _reference.GetCompiledClassHash(classHash, block),
                $"{context}: the compiled class hash of {classHash} at block {block} differs");
        }

        // The slots this block and the previous one wrote (so both the new value and, for the previous block's
        // slots, a value that may since have changed are read), plus a few pool keys.
        var keys = new List<(ContractAddress, StorageKey)>();
        for (var b = block == 0 ? 0 : block - 1; b <= block; b++)
        {
            foreach (var (address, slots) in CrashBlocks.Diff(b).StorageDiffs)
            {
                keys.AddRange(slots.Keys.Select(k => (address, k)));
            }
        }

        for (var k = 0; k < 8; k++)
        {
            keys.Add((CrashBlocks.Addresses[k % CrashBlocks.Addresses.Length], new StorageKey((Felt)(ulong)(k * 37))));
        }

        foreach (var (address, key) in keys)
        {
            var actual = state.GetStorage(address, key, block);
            var expected = _reference.GetStorage(address, key, block);
            Assert.True(actual == expected, $"{context}: storage {address}/{key} at block {block} is {actual}, expected {expected}");
        }
    }

    /// <summary>
    /// Runs the helper and kills it <paramref name="delay"/> after its start (<paramref name="early"/>) or after
    /// it reported its first block; returns the blocks and global roots it reported, in order.
    /// </summary>
    private static async Task<List<(long Block, Felt Root)>> RunAndKill(string path, bool early, TimeSpan delay)
    {
        var reported = new List<(long Block, Felt Root)>();
        await KillableChild.RunAndKillAsync("Cairn.State.CrashHelper.dll", [path], line =>
        {
            if (line.Split(' ') is not ["committed", var number, var root]
                || !long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                || !Felt.TryParse(root, out var felt))
            {
                return false;
            }
            lock (reported)
            {
                reported.Add((n, felt));
            }
            return true;
        }, early, delay);

        lock (reported)
        {
            for (var i = 1; i < reported.Count; i++)
            {
                Assert.Equal(reported[i - 1].Block + 1, reported[i].Block);
            }

            return [.. reported];
        }
    }
}
