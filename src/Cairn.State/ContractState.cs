using Cairn.Primitives;
using Cairn.Trie;

namespace Cairn.State;

/// <summary>A contract's state: class hash, nonce and the root of its storage trie.</summary>
public readonly record struct ContractState(Felt ClassHash, Felt Nonce, TrieRoot StorageRoot)
{
    public const int EncodedLength = 32 + 32 + TrieRoot.EncodedLength;

    /// <summary>The contracts-trie leaf (0 when everything is 0).</summary>
    public Felt Leaf => StateCommitment.ContractLeaf(ClassHash, StorageRoot.Hash, Nonce);

    internal void WriteTo(Span<byte> destination)
    {
        ClassHash.WriteBytesBE(destination[..32]);
        Nonce.WriteBytesBE(destination.Slice(32, 32));
        StorageRoot.WriteTo(destination[64..]);
    }

    internal static ContractState ReadFrom(ReadOnlySpan<byte> source) =>
        new(Felt.FromBytesBE(source[..32]), Felt.FromBytesBE(source.Slice(32, 32)), TrieRoot.ReadFrom(source[64..]));
}
