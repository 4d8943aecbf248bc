using Cairn.Crypto.Hashing;
using Cairn.Primitives;

namespace Cairn.Trie;

/// <summary>2-input Poseidon node hash: the classes trie (spec §7.4) and the block commitments (spec §8.1).</summary>
public readonly struct PoseidonTrieHash : ITrieHash
{
    public static Felt Hash(Felt a, Felt b) => Poseidon.Hash(a, b);
}
