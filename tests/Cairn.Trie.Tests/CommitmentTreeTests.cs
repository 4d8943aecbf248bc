using System.Numerics;
using Cairn.Crypto.Hashing;
using Cairn.Primitives;

namespace Cairn.Trie.Tests;

public sealed class CommitmentTreeTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(17)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(700)]
    public void Root_matches_the_reference(int count)
    {
        var random = new Random(count);
        var leaves = Enumerable.Range(0, count).Select(_ => Felt.FromUInt64((ulong)random.NextInt64(1, long.MaxValue))).ToArray();
        var dictionary = leaves.Select((v, i) => (v, i)).ToDictionary(p => new BigInteger(p.i), p => p.v);
        Assert.Equal(NaiveTrie.Root(Poseidon.Hash, dictionary, 64), CommitmentTree.Root(leaves));
        if (count <= 65)
        {
            Assert.Equal(NaiveTrie.Root(Pedersen.Hash, dictionary, 64), CommitmentTree.Root<PedersenTrieHash>(leaves));
        }
    }

    [Fact]
    public void Zero_values_are_leaves_as_in_the_sequencer()
    {
        // patricia_hash.rs keys every value by its index, 0 included: [0] is an edge over a 0 leaf, not empty.
        Assert.Equal(Poseidon.Hash(0, 0) + 64, CommitmentTree.Root([Felt.Zero]));
    }
}
