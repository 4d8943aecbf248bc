using System.Diagnostics;
using System.Globalization;
using Cairn.Storage;
using Cairn.Storage.CrashHelper;

// Usage: Cairn.Storage.CrashHelper <database folder> <first batch number>
// Writes numbered batches (see CrashBatch) until killed, printing "committed N" after each one returns.
// Stops by itself after a minute so that it never outlives a test that forgot it.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Cairn.Storage.CrashHelper <folder> <first batch>");
    return 2;
}

var first = long.Parse(args[1], CultureInfo.InvariantCulture);
using var store = RocksDbStore.Open(args[0], CrashBatch.Columns);
Console.WriteLine("ready");
var clock = Stopwatch.StartNew();
using var batch = store.CreateBatch();
for (var n = first; clock.Elapsed < TimeSpan.FromMinutes(1); n++)
{
    batch.Clear();
    CrashBatch.Fill(store, batch, n);
    store.Write(batch);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"committed {n}"));
}

return 0;
