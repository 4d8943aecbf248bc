using Cairn.Testing;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using Cairn.Storage.CrashHelper;
using Xunit.Abstractions;

namespace Cairn.Storage.Tests;

/// <summary>
/// Kills a child process that writes numbered batches (Cairn.Storage.CrashHelper) at random moments, then
/// reopens its database: every batch must be whole or absent, and every batch the child reported as
/// written must be there.
/// </summary>
public sealed class RocksDbCrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Rounds = 5;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_killed_writer_never_leaves_half_a_batch_nor_loses_a_reported_one()
    {
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");

        var random = new Random(seed);
        var path = _temp.Sub("crash");
        var next = 0L;
        var killedWhileWriting = 0;

        for (var round = 0; round < Rounds; round++)
        {
            // Mostly kill while batches stream in (counted from the first one reported); sometimes, never
            // in the first round, counted from the start, so the kill may land in start-up or recovery.
            var early = round > 0 && random.Next(4) == 0;
            var delay = TimeSpan.FromMilliseconds(early ? random.Next(0, 400) : random.Next(0, 300));
            var clock = Stopwatch.StartNew();
            var reported = await RunAndKill(path, next, early, delay);
            var ran = clock.Elapsed;
            var present = Verify(path, $"round {round} (seed {seed}, kill {(early ? "after start" : "after the first batch")} +{delay.TotalMilliseconds} ms)");
            output.WriteLine($"round {round}: started at {next}, last reported {reported}, last present {present} (child {ran.TotalSeconds:F2} s, check {(clock.Elapsed - ran).TotalSeconds:F2} s)");
            Assert.True(
                reported <= present,
                $"round {round} (seed {seed}): batch {reported} was reported written but the last batch present is {present}");

            // The child prints each batch before it starts the next, so at most one written batch is unreported.
            Assert.True(
                present <= Math.Max(reported, next - 1) + 1,
                $"round {round} (seed {seed}): batch {present} is present but the child reported only up to {reported}");
            if (reported >= next)
            {
                killedWhileWriting++;
            }

            next = present + 1;
        }

        Assert.True(killedWhileWriting > 0, $"no round (seed {seed}) killed the child after it had written a batch");
        output.WriteLine($"{killedWhileWriting} of {Rounds} kills came after written batches");
    }

    /// <summary>
    /// Runs the helper and kills it <paramref name="delay"/> after its start (<paramref name="early"/>) or after
    /// it reported its first batch; returns the highest batch number it reported (or -1).
    /// </summary>
    private static async Task<long> RunAndKill(string path, long first, bool early, TimeSpan delay)
    {
        var lastReported = -1L;
        await KillableChild.RunAndKillAsync("Cairn.Storage.CrashHelper.dll", [path, first.ToString(CultureInfo.InvariantCulture)], line =>
        {
            if (!line.StartsWith("committed ", StringComparison.Ordinal)
                || !long.TryParse(line.AsSpan("committed ".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return false;
            }
            Interlocked.Exchange(ref lastReported, n);
            return true;
        }, early, delay);
        return Interlocked.Read(ref lastReported);
    }

    /// <summary>
    /// Checks that every batch in the database is whole and that they run 0 … last with no gap, and that
    /// "last" in "meta" names the last one. Returns the last batch number (-1 when there is none).
    /// </summary>
    private static long Verify(string path, string context)
    {
        using var store = RocksDbStore.Open(path, CrashBatch.Columns);
        var last = -1L;
        for (var column = 0; column < 2; column++)
        {
            var counts = new SortedDictionary<long, int>();
            using var iterator = store.Iterate(store.Columns[column], []);
            while (iterator.MoveNext())
            {
                var key = iterator.Key;
                Assert.Equal(10, key.Length);
                var batch = BinaryPrimitives.ReadInt64BigEndian(key);
                var index = BinaryPrimitives.ReadUInt16BigEndian(key[8..]);
                Assert.True(
                    iterator.Value.SequenceEqual(CrashBatch.Value(batch, index, column)),
                    $"{context}: wrong value for batch {batch} key {index} in column {column}");
                counts[batch] = counts.GetValueOrDefault(batch) + 1;
            }

            var expected = 0L;
            foreach (var (batch, count) in counts)
            {
                Assert.True(count == CrashBatch.KeysPerColumn, $"{context}: batch {batch} has {count} of {CrashBatch.KeysPerColumn} keys in column {column}");
                Assert.True(batch == expected, $"{context}: batch {expected} is missing before batch {batch} in column {column}");
                expected++;
            }

            if (column == 0)
            {
                last = expected - 1;
            }
            else
            {
                Assert.True(expected - 1 == last, $"{context}: column a ends at batch {last}, column b at {expected - 1}");
            }
        }

        var meta = store.Get(store.Columns[2], CrashBatch.LastKey);
        Assert.Equal(last, meta is null ? -1 : BinaryPrimitives.ReadInt64BigEndian(meta));
        return last;
    }
}
