using System.Numerics;
using Cairn.Crypto.Hashing;
using Cairn.Primitives;
using Cairn.Storage;

namespace Cairn.Trie.Tests;

/// <summary>
/// Updates hash their new nodes level by level through <see cref="ITrieHash.HashMany"/> (batched Pedersen,
/// split across cores for large levels), with roots equal to the from-scratch reference.
/// </summary>
public sealed class BatchedHashingTests
{
    [Theory]
    [InlineData(251, 3000, 7)]
    [InlineData(251, 300, 8)]
    [InlineData(64, 1500, 9)]
    [InlineData(12, 2000, 10)]
    public void Large_batches_match_the_reference(int height, int writes, int seed)
    {
        using var store = new MemoryStore(["nodes"]);
        var harness = new TrieHarness<PedersenTrieHash>(store, height, seed);
        var random = new Random(seed);
        var keys = new List<Felt>();
        for (var round = 0; round < 3; round++)
        {
            var batch = new TrieWrite[writes];
            for (var i = 0; i < writes; i++)
            {
                // Fresh keys, overwrites of earlier keys and deletions, mixed.
                Felt key;
                if (keys.Count > 0 && random.Next(3) == 0)
                {
                    key = keys[random.Next(keys.Count)];
                }
                else
                {
                    key = RandomKey(random, height);
                    keys.Add(key);
                }

                batch[i] = new TrieWrite(key, random.Next(8) == 0 ? Felt.Zero : Felt.FromUInt64((ulong)random.NextInt64(1, long.MaxValue)));
            }

            harness.Apply(batch); // checks the root against NaiveTrie
        }
    }

    [Fact]
    public void An_update_hashes_its_new_nodes_in_level_batches()
    {
        using var store = new MemoryStore(["nodes"]);
        var trie = new MerkleTrie<RecordingHash>(new TrieNodeStore(store, store.Columns[0]), 251);
        var random = new Random(11);
        var writes = new TrieWrite[600];
        var leaves = new Dictionary<BigInteger, Felt>();
        for (var i = 0; i < writes.Length; i++)
        {
            var key = RandomKey(random, 251);
            var value = Felt.FromUInt64((ulong)random.NextInt64(1, long.MaxValue));
            writes[i] = new TrieWrite(key, value);
            leaves[key.ToBigInteger()] = value;
        }

        RecordingHash.Reset();
        TrieRoot root;
        using (var batch = store.CreateBatch())
        {
            root = trie.Update(TrieRoot.Empty, writes, batch, 1);
            store.Write(batch);
        }

        Assert.Equal(NaiveTrie.Root(Pedersen.Hash, leaves, 251), root.Hash);
        Assert.Equal(0, RecordingHash.SingleCalls);
        // 600 leaves: the bottom edges alone are one level of 600 pairs, split across the cores when there are several.
        var expectedLargest = Environment.ProcessorCount > 1 ? 600 / Environment.ProcessorCount : 600;
        Assert.True(RecordingHash.LargestBatch >= expectedLargest - 1, $"largest batch {RecordingHash.LargestBatch}");
        // Every new node once: 599 binary nodes over 600 leaves, an edge above each leaf, at most 600 more edges.
        Assert.InRange(RecordingHash.PairsHashed, 600 + 599, 600 + 599 + 600);
    }

    [Theory]
    [InlineData(40, 30, 21)]
    [InlineData(7, 400, 22)]
    public void Many_tries_updated_together_match_one_by_one_updates(int tries, int writesPerTrie, int seed)
    {
        using var storeTogether = new MemoryStore(["nodes"]);
        using var storeApart = new MemoryStore(["nodes"]);
        var together = new MerkleTrie<PedersenTrieHash>(new TrieNodeStore(storeTogether, storeTogether.Columns[0]), 251);
        var apart = new MerkleTrie<PedersenTrieHash>(new TrieNodeStore(storeApart, storeApart.Columns[0]), 251);
        var random = new Random(seed);
        var rootsTogether = new TrieRoot[tries];
        var rootsApart = new TrieRoot[tries];
        var leaves = new Dictionary<BigInteger, Felt>[tries];
        var keys = new List<Felt>[tries];
        for (var t = 0; t < tries; t++)
        {
            leaves[t] = [];
            keys[t] = [];
        }

        for (ulong round = 1; round <= 3; round++)
        {
            var updates = new (TrieRoot Root, TrieWrite[] Writes)[tries];
            for (var t = 0; t < tries; t++)
            {
                // Some tries get no writes in a round; the rest fresh keys, overwrites and deletions.
                var count = random.Next(4) == 0 ? 0 : random.Next(1, writesPerTrie + 1);
                var writes = new TrieWrite[count];
                for (var i = 0; i < count; i++)
                {
                    var key = keys[t].Count > 0 && random.Next(3) == 0 ? keys[t][random.Next(keys[t].Count)] : RandomKey(random, 251);
                    keys[t].Add(key);
                    var value = random.Next(5) == 0 ? Felt.Zero : Felt.FromUInt64((ulong)random.NextInt64(1, long.MaxValue));
                    writes[i] = new TrieWrite(key, value);
                    if (value.IsZero)
                    {
                        leaves[t].Remove(key.ToBigInteger());
                    }
                    else
                    {
                        leaves[t][key.ToBigInteger()] = value;
                    }
                }

                updates[t] = (rootsTogether[t], writes);
            }

            using (var batch = storeTogether.CreateBatch())
            {
                rootsTogether = together.UpdateMany(updates, batch, round);
                storeTogether.Write(batch);
            }

            for (var t = 0; t < tries; t++)
            {
                using var batch = storeApart.CreateBatch();
                rootsApart[t] = apart.Update(rootsApart[t], updates[t].Writes, batch, round);
                storeApart.Write(batch);
            }

            for (var t = 0; t < tries; t++)
            {
                Assert.Equal(rootsApart[t].Hash, rootsTogether[t].Hash);
                Assert.Equal(NaiveTrie.Root(Pedersen.Hash, leaves[t], 251), rootsTogether[t].Hash);
                foreach (var key in keys[t].Take(20))
                {
                    Assert.Equal(apart.Get(rootsApart[t], key), together.Get(rootsTogether[t], key));
                }
            }
        }
    }

    private static Felt RandomKey(Random random, int height)
    {
        var bytes = new byte[32];
        random.NextBytes(bytes);
        var value = new BigInteger(bytes, isUnsigned: true) & ((BigInteger.One << height) - 1);
        return Felt.FromBigInteger(value);
    }

    /// <summary>Pedersen, counting single and batched calls (used by one test only).</summary>
    private readonly struct RecordingHash : ITrieHash
    {
        private static int _single;
        private static int _largest;
        private static int _pairs;

        public static int SingleCalls => Volatile.Read(ref _single);

        public static int LargestBatch => Volatile.Read(ref _largest);

        public static int PairsHashed => Volatile.Read(ref _pairs);

        public static void Reset()
        {
            _single = 0;
            _largest = 0;
            _pairs = 0;
        }

        public static Felt Hash(Felt a, Felt b)
        {
            Interlocked.Increment(ref _single);
            return Pedersen.Hash(a, b);
        }

        public static void HashMany(ReadOnlySpan<Felt> a, ReadOnlySpan<Felt> b, Span<Felt> result)
        {
            Interlocked.Add(ref _pairs, a.Length);
            int seen;
            while ((seen = Volatile.Read(ref _largest)) < a.Length && Interlocked.CompareExchange(ref _largest, a.Length, seen) != seen)
            {
            }

            Pedersen.HashMany(a, b, result);
        }
    }
}
