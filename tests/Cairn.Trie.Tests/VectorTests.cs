using System.Text.Json;
using Cairn.Crypto.Hashing;
using Cairn.Primitives;
using Cairn.Storage;
using Cairn.Testing;

namespace Cairn.Trie.Tests;

public sealed class VectorTests
{
    private static readonly Lazy<JsonDocument> Vectors = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(ScureOracle.VectorsDir, "primitives.json"))));

    private static JsonElement Group(string name) => Vectors.Value.RootElement.GetProperty(name);

    private static Felt F(JsonElement e) => Felt.Parse(e.GetString());

    [Fact]
    public void Node_hashes_match_trie_nodes_251()
    {
        var cases = Group("trie_nodes_251").GetProperty("cases");
        var count = 0;
        foreach (var c in cases.EnumerateArray())
        {
            var expected = F(c.GetProperty("hash"));
            if (c.GetProperty("kind").GetString() == "binary")
            {
                var node = ProofNode.Binary(expected, F(c.GetProperty("left")), F(c.GetProperty("right")));
                Assert.Equal(expected, node.ComputeHash<PedersenTrieHash>());
            }
            else
            {
                var length = c.GetProperty("length").GetInt32();
                var path = F(c.GetProperty("path"));
                if (c.TryGetProperty("path_bits", out var bits))
                {
                    Assert.Equal(path, Felt.FromUInt64(Convert.ToUInt64(bits.GetString(), 2)));
                }

                var node = ProofNode.Edge(expected, F(c.GetProperty("child")), path, length);
                Assert.Equal(expected, node.ComputeHash<PedersenTrieHash>());
            }

            count++;
        }

        Assert.Equal(4, count);
    }

    [Fact]
    public void Delete_leaf_regression_root_matches()
    {
        var root = Group("trie_roots_251")[0];
        Assert.Equal("delete_leaf_regression", root.GetProperty("name").GetString());
        var expected = F(root.GetProperty("root"));
        var leaves = root.GetProperty("final_leaves").EnumerateArray()
            .Select(l => new TrieWrite(F(l.GetProperty("key")), F(l.GetProperty("value")))).ToList();

        using var store = new MemoryStore(["nodes"]);
        var trie = new MerkleTrie<PedersenTrieHash>(new TrieNodeStore(store, store.Columns[0]));

        // As in pathfinder's test: the three leaves plus 0x5 = 0x22b, commit, then delete 0x5 and commit again.
        var first = Commit(store, batch => trie.Update(TrieRoot.Empty, [.. leaves, new TrieWrite(5, 0x22b)], batch, 1));
        Assert.NotEqual(expected, first.Hash);
        var second = Commit(store, batch => trie.Update(first, [new TrieWrite(5, 0)], batch, 2));
        Assert.Equal(expected, second.Hash);

        // The same root built directly, and from the reference.
        var direct = Commit(store, batch => trie.Update(TrieRoot.Empty, [.. leaves], batch, 3));
        Assert.Equal(expected, direct.Hash);
        var naive = NaiveTrie.Root(Pedersen.Hash, leaves.ToDictionary(l => l.Key.ToBigInteger(), l => l.Value), 251);
        Assert.Equal(expected, naive);
        foreach (var leaf in leaves)
        {
            Assert.Equal(leaf.Value, trie.Get(second, leaf.Key));
        }

        Assert.Equal(Felt.Zero, trie.Get(second, 5));
        Assert.Equal(0x22b, (int)trie.Get(first, 5).ToUInt64());
    }

    [Fact]
    public void Commitment_tree_roots_match_commitment_tree_64()
    {
        var count = 0;
        foreach (var c in Group("commitment_tree_64").GetProperty("cases").EnumerateArray())
        {
            var values = c.GetProperty("values").EnumerateArray().Select(F).ToArray();
            var expected = F(c.GetProperty("root"));
            Assert.Equal(expected, CommitmentTree.Root(values));

            // The same tree through the stored trie (height 64, Poseidon, key i).
            using var store = new MemoryStore(["nodes"]);
            var trie = new MerkleTrie<PoseidonTrieHash>(new TrieNodeStore(store, store.Columns[0]), 64);
            var writes = values.Select((v, i) => new TrieWrite(i, v)).ToArray();
            var root = Commit(store, batch => trie.Update(TrieRoot.Empty, writes, batch, 1));
            Assert.Equal(expected, root.Hash);
            Assert.Equal(expected, NaiveTrie.Root(Poseidon.Hash, writes.ToDictionary(w => w.Key.ToBigInteger(), w => w.Value), 64));
            count++;
        }

        Assert.Equal(3, count);
        Assert.Equal(Felt.Zero, CommitmentTree.Root([]));
    }

    internal static TrieRoot Commit(IKeyValueStore store, Func<IWriteBatch, TrieRoot> update)
    {
        using var batch = store.CreateBatch();
        var root = update(batch);
        store.Write(batch);
        return root;
    }
}
