using System.Numerics;
using Cairn.Crypto.Hashing;
using Cairn.Primitives;
using Cairn.Storage;

namespace Cairn.Trie.Tests;

/// <summary>
/// A trie under test next to its reference dictionary: applies random batches, checks roots against
/// <see cref="NaiveTrie"/>, checks reads and proofs, remembers every committed version.
/// </summary>
public sealed class TrieHarness<THash>
    where THash : ITrieHash
{
    private readonly IKeyValueStore _store;
    private readonly Random _random;
    private readonly Func<Felt, Felt, Felt> _hash;
    private readonly int _cacheSlots;

    public TrieHarness(IKeyValueStore store, int height, int seed, int cacheSlots = TrieNodeStore.DefaultCacheSlots)
    {
        _cacheSlots = cacheSlots;
        _store = store;
        _random = new Random(seed);
        _hash = typeof(THash) == typeof(PedersenTrieHash) ? Pedersen.Hash : Poseidon.Hash;
        Trie = new MerkleTrie<THash>(new TrieNodeStore(store, store.Columns[0], cacheSlots), height);
        Height = height;
        KeyPool = MakeKeyPool(height);
    }

    public MerkleTrie<THash> Trie { get; private set; }

    public int Height { get; }

    public List<Felt> KeyPool { get; }

    public Dictionary<BigInteger, Felt> Current { get; } = [];

    public TrieRoot Root { get; private set; }

    /// <summary>Version → (root, leaves then).</summary>
    public List<(ulong Version, TrieRoot Root, Dictionary<BigInteger, Felt> Leaves)> History { get; } = [];

    public ulong Version { get; private set; }

    /// <summary>Re-creates the trie object over the store (e.g. after the store was reopened).</summary>
    public void Reattach(IKeyValueStore store) =>
        Trie = new MerkleTrie<THash>(new TrieNodeStore(store, store.Columns[0], _cacheSlots), Height);

    public Felt Reference(Dictionary<BigInteger, Felt> leaves) => NaiveTrie.Root(_hash, leaves, Height);

    /// <summary>One random batch of up to <paramref name="maxWrites"/> writes, committed and checked.</summary>
    public void RandomBatch(int maxWrites, IKeyValueStore? store = null)
    {
        var count = _random.Next(1, maxWrites + 1);
        var writes = new TrieWrite[count];
        for (var i = 0; i < count; i++)
        {
            var key = KeyPool[_random.Next(KeyPool.Count)];
            var value = _random.Next(10) < 3 ? Felt.Zero : RandomValue();
            writes[i] = new TrieWrite(key, value);
        }

        Apply(writes, store);
    }

    public void Apply(TrieWrite[] writes, IKeyValueStore? store = null)
    {
        var target = store ?? _store;
        Version++;
        using (var batch = target.CreateBatch())
        {
            Root = Trie.Update(Root, writes, batch, Version);
            target.Write(batch);
        }

        foreach (var w in writes)
        {
            if (w.Value.IsZero)
            {
                Current.Remove(w.Key.ToBigInteger());
            }
            else
            {
                Current[w.Key.ToBigInteger()] = w.Value;
            }
        }

        History.Add((Version, Root, new Dictionary<BigInteger, Felt>(Current)));
        Assert.Equal(Reference(Current), Root.Hash);
        Assert.Equal(Current.Count == 0, Root.IsEmpty);
    }

    /// <summary>Reads <paramref name="samples"/> pool keys at the current root and compares with the dictionary.</summary>
    public void CheckReads(int samples)
    {
        for (var i = 0; i < samples; i++)
        {
            var key = KeyPool[_random.Next(KeyPool.Count)];
            Assert.Equal(Current.GetValueOrDefault(key.ToBigInteger()), Trie.Get(Root, key));
        }
    }

    /// <summary>Proofs for some present and some absent keys verify; tampered ones do not.</summary>
    public void CheckProofs(int samples, bool tamper)
    {
        // One union proof for several keys proves each of them.
        var several = Enumerable.Range(0, 4).Select(_ => KeyPool[_random.Next(KeyPool.Count)]).ToList();
        var union = Trie.GetProof(Root, several);
        foreach (var key in several)
        {
            Assert.True(TrieProof.TryVerify<THash>(Root.Hash, key, Height, union, out var value));
            Assert.Equal(Current.GetValueOrDefault(key.ToBigInteger()), value);
        }

        for (var i = 0; i < samples; i++)
        {
            var key = KeyPool[_random.Next(KeyPool.Count)];
            var expected = Current.GetValueOrDefault(key.ToBigInteger());
            var proof = Trie.GetProof(Root, key);
            Assert.True(TrieProof.TryVerify<THash>(Root.Hash, key, Height, proof, out var value));
            Assert.Equal(expected, value);
            if (tamper && !Root.IsEmpty)
            {
                ProofTampering.AssertTamperedProofsFail<THash>(
                    Root.Hash, key, expected, Height, proof, KeyPool, k => Current.GetValueOrDefault(k.ToBigInteger()));
            }
        }
    }

    /// <summary>Every remembered version whose version ≥ <paramref name="fromVersion"/> still reads fully.</summary>
    public void CheckHistory(ulong fromVersion = 0)
    {
        foreach (var (version, root, leaves) in History)
        {
            if (version < fromVersion)
            {
                continue;
            }

            var all = Trie.GetLeaves(root);
            Assert.Equal(leaves.Count, all.Count);
            foreach (var leaf in all)
            {
                Assert.Equal(leaves[leaf.Key.ToBigInteger()], leaf.Value);
            }
        }
    }

    private Felt RandomValue()
    {
        // Mostly distinct large values, sometimes tiny ones (several leaves with equal values).
        if (_random.Next(8) == 0)
        {
            return Felt.FromUInt64((ulong)_random.Next(1, 4));
        }

        Span<byte> bytes = stackalloc byte[32];
        _random.NextBytes(bytes);
        bytes[0] &= 0x07;
        return Felt.FromBytesBE(bytes);
    }

    private List<Felt> MakeKeyPool(int height)
    {
        var max = (BigInteger.One << height) - 1;
        var pool = new HashSet<BigInteger>();
        if (height <= 8)
        {
            for (BigInteger k = 0; k <= max; k++)
            {
                pool.Add(k);
            }
        }
        else
        {
            // Edges of the key space, near-neighbours (long shared prefixes) and random keys.
            for (var i = 0; i < 4; i++)
            {
                pool.Add(i);
                pool.Add(max - i);
            }

            pool.Add(BigInteger.One << (height - 1));
            pool.Add((BigInteger.One << (height - 1)) - 1);
            var bytes = new byte[33];
            while (pool.Count < 48)
            {
                _random.NextBytes(bytes);
                bytes[32] = 0;
                var k = new BigInteger(bytes) & max;
                pool.Add(k);
                pool.Add(k ^ (BigInteger.One << _random.Next(height)));
            }
        }

        return pool.Select(Felt.FromBigInteger).ToList();
    }
}
