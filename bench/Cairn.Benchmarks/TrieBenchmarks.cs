using BenchmarkDotNet.Attributes;
using Cairn.Primitives;
using Cairn.Storage;
using Cairn.Trie;

namespace Cairn.Benchmarks;

/// <summary>
/// The state trie (height 251, Pedersen) holding 10k leaves: a batch of 1k or 10k random writes (half updates of
/// present keys, half new keys) applied with one root recomputation and committed as one store batch (root time;
/// writes/s = batch size / mean), then per-key proof generation and reads at the latest root.
/// Every batch starts from the same 10k-leaf root (old roots stay readable), so iterations are alike.
/// With <see cref="Cache"/> off every node read goes to the store.
/// Run: <c>dotnet run -c Release --project bench/Cairn.Benchmarks -- --filter '*TrieBenchmarks*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class TrieBenchmarks
{
    public enum Backend
    {
        Memory,

        /// <summary>RocksDB with the default options (the write-ahead log synced on every commit).</summary>
        RocksDb,
    }

    private const int Leaves = 10_000;
    private const int Lookups = 1_000;
    private const int BatchVariants = 4;

    private IKeyValueStore _store = null!;
    private MerkleTrie<PedersenTrieHash> _trie = null!;
    private string? _folder;
    private TrieRoot _base;
    private Felt[] _keys = [];
    private TrieWrite[][] _batches = [];
    private int _next;
    private ulong _version = 1;

    [Params(Backend.Memory, Backend.RocksDb)]
    public Backend Store { get; set; }

    [Params(1_000, 10_000)]
    public int BatchSize { get; set; }

    /// <summary>Whether the trie's node cache (<see cref="TrieNodeStore.DefaultCacheSlots"/> slots) is on.</summary>
    [Params(true, false)]
    public bool Cache { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string[] columns = ["trie"];
        if (Store == Backend.Memory)
        {
            _store = new MemoryStore(columns);
        }
        else
        {
            _folder = Path.Combine(Path.GetTempPath(), "cairn-bench-trie", Guid.NewGuid().ToString("N"));
            _store = RocksDbStore.Open(_folder, columns);
        }

        _trie = new MerkleTrie<PedersenTrieHash>(new TrieNodeStore(_store, _store.Columns[0], Cache ? TrieNodeStore.DefaultCacheSlots : 0));
        var random = new Random(1);
        _keys = new Felt[Leaves];
        var initial = new TrieWrite[Leaves];
        for (var i = 0; i < Leaves; i++)
        {
            _keys[i] = RandomKey(random);
            initial[i] = new TrieWrite(_keys[i], RandomValue(random));
        }

        using (var batch = _store.CreateBatch())
        {
            _base = _trie.Update(TrieRoot.Empty, initial, batch, _version++);
            _store.Write(batch);
        }

        _batches = new TrieWrite[BatchVariants][];
        for (var v = 0; v < BatchVariants; v++)
        {
            var writes = new TrieWrite[BatchSize];
            for (var i = 0; i < BatchSize; i++)
            {
                var key = i % 2 == 0 ? _keys[random.Next(Leaves)] : RandomKey(random);
                writes[i] = new TrieWrite(key, RandomValue(random));
            }

            _batches[v] = writes;
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>One block's trie update: sort, merge, hash (in parallel), write the nodes, commit.</summary>
    [Benchmark]
    public TrieRoot UpdateAndCommit()
    {
        var writes = _batches[_next++ % BatchVariants];
        using var batch = _store.CreateBatch();
        var root = _trie.Update(_base, writes, batch, _version++);
        _store.Write(batch);
        return root;
    }

    /// <summary>Proof generation, per key (present keys of the 10k-leaf root).</summary>
    [Benchmark(OperationsPerInvoke = Lookups)]
    public int Proof()
    {
        var total = 0;
        for (var i = 0; i < Lookups; i++)
        {
            total += _trie.GetProof(_base, _keys[(i * 7) % Leaves]).Count;
        }

        return total;
    }

    /// <summary>A leaf read through the trie, per key (present keys of the 10k-leaf root).</summary>
    [Benchmark(OperationsPerInvoke = Lookups)]
    public Felt Read()
    {
        var acc = Felt.Zero;
        for (var i = 0; i < Lookups; i++)
        {
            acc += _trie.Get(_base, _keys[(i * 13) % Leaves]);
        }

        return acc;
    }

    private static Felt RandomKey(Random random)
    {
        Span<byte> bytes = stackalloc byte[32];
        random.NextBytes(bytes);
        bytes[0] &= 0x03;
        return Felt.FromBytesBE(bytes);
    }

    private static Felt RandomValue(Random random) => Felt.FromUInt64((ulong)random.NextInt64(1, long.MaxValue));
}
