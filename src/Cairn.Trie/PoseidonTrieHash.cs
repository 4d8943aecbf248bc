using Cairn.Crypto.Hashing;
using Cairn.Primitives;

namespace Cairn.Trie;

/// <summary>2-input Poseidon node hash: the classes trie (spec §7.4) and the block commitments (spec §8.1).</summary>
public readonly struct PoseidonTrieHash : ITrieHash
{
    public static Felt Hash(Felt a, Felt b) => Poseidon.Hash(a, b);

    /// <summary>One by one: a permutation gains nothing from batching.</summary>
    public static void HashMany(ReadOnlySpan<Felt> a, ReadOnlySpan<Felt> b, Span<Felt> result)
    {
        for (var i = 0; i < a.Length; i++)
        {
            result[i] = Poseidon.Hash(a[i], b[i]);
        }
    }
}
