using Cairn.Chain.Storage;
using Cairn.State;
using Cairn.Storage;

namespace Cairn.Chain.Tests;

/// <summary>Stores with the chain's and the world state's columns: in memory, or RocksDB in a temporary folder.</summary>
internal sealed class TestStores : IDisposable
{
    public static readonly string[] Columns = [.. ChainStore.ColumnNames, .. WorldState.ColumnNames];

    public static TheoryData<string> Backends => new() { "memory", "rocksdb" };

    private readonly List<string> _dirs = [];

    public IKeyValueStore Open(string backend) => backend switch
    {
        "memory" => new MemoryStore(Columns),
        "rocksdb" => RocksDbStore.Open(NewDirectory(), Columns),
        _ => throw new ArgumentException(backend),
    };

    public string NewDirectory()
    {
        var dir = Directory.CreateTempSubdirectory("cairn-chain-").FullName;
        _dirs.Add(dir);
        return dir;
    }

    public static IKeyValueStore OpenRocks(string dir) => RocksDbStore.Open(dir, Columns);

    public void Dispose()
    {
        foreach (var dir in _dirs)
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
