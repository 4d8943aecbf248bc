using Cairn.Crypto.Hashing;
using Cairn.Primitives;

namespace Cairn.Trie;

/// <summary>Pedersen node hash: the contracts and storage tries (spec §7.1), pre-0.13.2 commitments.</summary>
public readonly struct PedersenTrieHash : ITrieHash
{
    public static Felt Hash(Felt a, Felt b) => Pedersen.Hash(a, b);

    /// <summary>Lockstep affine additions with shared inversions (<see cref="Pedersen.HashMany"/>).</summary>
    public static void HashMany(ReadOnlySpan<Felt> a, ReadOnlySpan<Felt> b, Span<Felt> result) => Pedersen.HashMany(a, b, result);
}
