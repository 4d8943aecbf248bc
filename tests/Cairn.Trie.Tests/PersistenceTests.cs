using System.Numerics;
using Cairn.Primitives;
using Cairn.Storage;

namespace Cairn.Trie.Tests;

public sealed class PersistenceTests
{
    [Fact]
    public void RocksDb_trie_matches_the_reference_and_survives_reopening()
    {
        using var temp = new TempDirectory();
        var options = new RocksDbStoreOptions { SyncWrites = false, BlockCacheBytes = 8 << 20 };
        TrieHarness<PoseidonTrieHash> harness;
        using (var store = RocksDbStore.Open(temp.Path, ["nodes"], options))
        {
            harness = new TrieHarness<PoseidonTrieHash>(store, 251, seed: 42);
            for (var i = 0; i < 25; i++)
            {
                harness.RandomBatch(24);
                harness.CheckReads(4);
            }

            harness.CheckProofs(4, tamper: true);
        }

        using (var store = RocksDbStore.Open(temp.Path, ["nodes"], options))
        {
            harness.Reattach(store);
            harness.CheckHistory();
            harness.CheckReads(16);

            // New ids continue after the stored counter: later updates never overwrite old nodes.
            for (var i = 0; i < 10; i++)
            {
                harness.RandomBatch(24, store);
            }

            harness.CheckHistory();
            harness.CheckProofs(4, tamper: false);

            // Pruning on RocksDB: only the latest root's nodes remain.
            using (var batch = store.CreateBatch())
            {
                harness.Trie.Store.Prune(harness.Version, batch);
                store.Write(batch);
            }

            Assert.Equal(CountReachable(harness, harness.Version), harness.Trie.Store.CountNodes());
            harness.CheckHistory(harness.Version);
            harness.CheckReads(16);
        }
    }

    [Fact]
    public void Prune_keeps_exactly_the_nodes_of_the_kept_roots()
    {
        using var store = new MemoryStore(["nodes"]);
        var harness = new TrieHarness<PoseidonTrieHash>(store, 251, seed: 7);
        for (var i = 0; i < 30; i++)
        {
            harness.RandomBatch(20);
        }

        var nodes = harness.Trie.Store;
        var before = nodes.CountNodes();
        foreach (var keepFrom in new ulong[] { 5, 12, 20, 30 })
        {
            using (var batch = store.CreateBatch())
            {
                nodes.Prune(keepFrom, batch);
                store.Write(batch);
            }

            harness.CheckHistory(keepFrom);
            Assert.Equal(CountReachable(harness, keepFrom), nodes.CountNodes());

            // A root replaced at a pruned version is gone, and says so.
            var (_, old, _) = harness.History[(int)keepFrom - 2];
            Assert.Throws<InvalidDataException>(() => harness.Trie.GetLeaves(old));
        }

        Assert.True(nodes.CountNodes() < before);

        // Updating after pruning works and is still right.
        for (var i = 0; i < 5; i++)
        {
            harness.RandomBatch(20);
        }

        harness.CheckHistory(30);
    }

    [Fact]
    public void Revert_makes_an_older_root_the_latest_again()
    {
        using var store = new MemoryStore(["nodes"]);
        var harness = new TrieHarness<PedersenTrieHash>(store, 64, seed: 11);
        for (var i = 0; i < 12; i++)
        {
            harness.RandomBatch(16);
        }

        var nodes = harness.Trie.Store;
        using (var batch = store.CreateBatch())
        {
            nodes.Revert(9, batch);
            store.Write(batch);
        }

        // Only the nodes of roots 1..8 are left.
        Assert.Equal(CountReachable(harness, 0, upTo: 8), nodes.CountNodes());
        var (_, root8, leaves8) = harness.History[7];
        Assert.Equal(8ul, harness.History[7].Version);

        // Continue from root 8 with new writes; compare with the reference.
        var trie = harness.Trie;
        var current = new Dictionary<BigInteger, Felt>(leaves8);
        var root = root8;
        var random = new Random(3);
        for (var v = 9ul; v < 15; v++)
        {
            var writes = Enumerable.Range(0, 10)
                .Select(_ => new TrieWrite(harness.KeyPool[random.Next(harness.KeyPool.Count)], random.Next(3) == 0 ? 0 : random.Next(1, 1000)))
                .ToArray();
            using (var batch = store.CreateBatch())
            {
                root = trie.Update(root, writes, batch, v);
                store.Write(batch);
            }

            foreach (var w in writes)
            {
                if (w.Value.IsZero) current.Remove(w.Key.ToBigInteger());
                else current[w.Key.ToBigInteger()] = w.Value;
            }

            Assert.Equal(harness.Reference(current), root.Hash);
        }

        Assert.Equal(leaves8.Count, trie.GetLeaves(root8).Count);
    }

    [Fact]
    public void Unchanged_writes_keep_the_root_and_write_nothing()
    {
        using var store = new MemoryStore(["nodes"]);
        var trie = new MerkleTrie<PedersenTrieHash>(new TrieNodeStore(store, store.Columns[0]));
        var root = VectorTests.Commit(store, b => trie.Update(TrieRoot.Empty, [new(1, 10), new(2, 20), new(1 << 20, 30)], b, 1));
        using var batch = store.CreateBatch();
        Assert.Equal(root, trie.Update(root, [new(1, 10), new(5, 0), new(2, 20)], batch, 2));
        Assert.Equal(0, batch.Count);
        Assert.Equal(TrieRoot.Empty, trie.Update(TrieRoot.Empty, [new(3, 0)], batch, 2));
    }

    [Fact]
    public void Later_writes_of_a_key_win_and_bad_keys_are_rejected()
    {
        using var store = new MemoryStore(["nodes"]);
        var trie = new MerkleTrie<PoseidonTrieHash>(new TrieNodeStore(store, store.Columns[0]), 64);
        var root = VectorTests.Commit(store, b => trie.Update(TrieRoot.Empty, [new(7, 1), new(8, 2), new(7, 3), new(8, 0)], b, 1));
        Assert.Equal(Felt.FromUInt64(3), trie.Get(root, 7));
        Assert.Equal(Felt.Zero, trie.Get(root, 8));
        using var batch = store.CreateBatch();
        var tooBig = Felt.FromBigInteger(BigInteger.One << 64);
        Assert.Throws<ArgumentOutOfRangeException>(() => trie.Update(root, [new(tooBig, 1)], batch, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => trie.Get(root, tooBig));
        Assert.Equal(Felt.Zero, new MerkleTrie<PoseidonTrieHash>(trie.Store, 251).Get(TrieRoot.Empty, Felt.FromBigInteger((BigInteger.One << 251) - 1)));
    }

    [Fact]
    public void Large_batches_take_the_parallel_path_and_match_the_reference()
    {
        using var store = new MemoryStore(["nodes"]);
        var trie = new MerkleTrie<PoseidonTrieHash>(new TrieNodeStore(store, store.Columns[0]));
        var random = new Random(5);
        var reference = new Dictionary<BigInteger, Felt>();
        var root = TrieRoot.Empty;
        for (var round = 0; round < 3; round++)
        {
            var writes = new TrieWrite[1500];
            for (var i = 0; i < writes.Length; i++)
            {
                var bytes = new byte[32];
                random.NextBytes(bytes);
                bytes[0] &= 0x03;
                var key = round > 0 && i % 2 == 0 ? Felt.FromBigInteger(reference.Keys.ElementAt(random.Next(reference.Count))) : Felt.FromBytesBE(bytes);
                var value = i % 5 == 0 ? Felt.Zero : Felt.FromUInt64((ulong)random.NextInt64(1, long.MaxValue));
                writes[i] = new TrieWrite(key, value);
            }

            root = VectorTests.Commit(store, b => trie.Update(root, writes, b, (ulong)round + 1));
            foreach (var w in writes)
            {
                if (w.Value.IsZero) reference.Remove(w.Key.ToBigInteger());
                else reference[w.Key.ToBigInteger()] = w.Value;
            }

            Assert.Equal(NaiveTrie.Root(Cairn.Crypto.Hashing.Poseidon.Hash, reference, 251), root.Hash);
        }
    }

    [Fact]
    public void Tries_sharing_a_column_prune_and_read_independently()
    {
        using var store = new MemoryStore(["nodes"]);
        var nodes = new TrieNodeStore(store, store.Columns[0]);
        var a = new MerkleTrie<PedersenTrieHash>(nodes);
        var b = new MerkleTrie<PoseidonTrieHash>(nodes, 64);
        var random = new Random(9);
        var rootsA = new List<(TrieRoot Root, Dictionary<BigInteger, Felt> Leaves)>();
        var rootsB = new List<(TrieRoot Root, Dictionary<BigInteger, Felt> Leaves)>();
        var leavesA = new Dictionary<BigInteger, Felt>();
        var leavesB = new Dictionary<BigInteger, Felt>();
        TrieRoot rootA = default, rootB = default;
        for (var version = 1ul; version <= 20; version++)
        {
            using var batch = store.CreateBatch();
            var writesA = RandomWrites(random, 8, 40);
            rootA = a.Update(rootA, writesA, batch, version);
            if (version % 3 != 0)
            {
                // Trie b skips some versions: its root then stays what it was.
                var writesB = RandomWrites(random, 8, 40);
                rootB = b.Update(rootB, writesB, batch, version);
                Apply(leavesB, writesB);
            }

            store.Write(batch);
            Apply(leavesA, writesA);
            rootsA.Add((rootA, new(leavesA)));
            rootsB.Add((rootB, new(leavesB)));
        }

        using (var batch = store.CreateBatch())
        {
            nodes.Prune(15, batch);
            store.Write(batch);
        }

        for (var i = 14; i < 20; i++)
        {
            AssertLeaves(a.GetLeaves(rootsA[i].Root), rootsA[i].Leaves);
            AssertLeaves(b.GetLeaves(rootsB[i].Root), rootsB[i].Leaves);
        }

        static TrieWrite[] RandomWrites(Random random, int count, int keys) =>
            [.. Enumerable.Range(0, count).Select(_ => new TrieWrite(random.Next(keys), random.Next(4) == 0 ? 0 : random.Next(1, 1 << 30)))];

        static void Apply(Dictionary<BigInteger, Felt> leaves, TrieWrite[] writes)
        {
            foreach (var w in writes)
            {
                if (w.Value.IsZero) leaves.Remove(w.Key.ToBigInteger());
                else leaves[w.Key.ToBigInteger()] = w.Value;
            }
        }

        static void AssertLeaves(List<TrieWrite> actual, Dictionary<BigInteger, Felt> expected)
        {
            Assert.Equal(expected.Count, actual.Count);
            foreach (var leaf in actual)
            {
                Assert.Equal(expected[leaf.Key.ToBigInteger()], leaf.Value);
            }
        }
    }

    /// <summary>Distinct stored nodes reachable from the remembered roots with versions in [from, upTo].</summary>
    private static long CountReachable<THash>(TrieHarness<THash> harness, ulong from, ulong upTo = ulong.MaxValue)
        where THash : ITrieHash
    {
        var seen = new HashSet<ulong>();
        var store = harness.Trie.Store;
        foreach (var (version, root, _) in harness.History)
        {
            if (version >= from && version <= upTo && !root.IsEmpty)
            {
                Walk(store, root.NodeId, 0, harness.Height, seen);
            }
        }

        return seen.Count;
    }

    private static void Walk(TrieNodeStore store, ulong id, int depth, int height, HashSet<ulong> seen)
    {
        if (!seen.Add(id))
        {
            return;
        }

        var node = store.Load(id);
        if (node.IsBinary)
        {
            if (depth + 1 < height)
            {
                Walk(store, node.IdA, depth + 1, height, seen);
                Walk(store, node.IdB, depth + 1, height, seen);
            }
        }
        else if (depth + node.Length < height)
        {
            Walk(store, node.IdA, depth + node.Length, height, seen);
        }
    }
}
