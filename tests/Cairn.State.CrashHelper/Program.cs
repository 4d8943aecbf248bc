using System.Diagnostics;
using System.Globalization;
using Cairn.State;
using Cairn.State.CrashHelper;
using Cairn.Storage;

// Usage: Cairn.State.CrashHelper <database folder>
// Opens a WorldState on RocksDB there and applies the blocks of CrashBlocks after its head until killed,
// printing "committed N ROOT" (global root) after each Apply returns. Stops by itself after a minute so that it
// never outlives a test that forgot it.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Cairn.State.CrashHelper <folder>");
    return 2;
}

using var store = RocksDbStore.Open(args[0], WorldState.ColumnNames);
var state = new WorldState(store);
var next = state.LatestBlock is { } head ? head + 1 : 0;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ready {next}"));
var clock = Stopwatch.StartNew();
for (var n = next; clock.Elapsed < TimeSpan.FromMinutes(1); n++)
{
    var roots = state.Apply(n, CrashBlocks.Diff(n));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"committed {n} {roots.GlobalRoot.ToHexString()}"));
}

return 0;
