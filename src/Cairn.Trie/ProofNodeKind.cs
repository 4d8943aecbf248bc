namespace Cairn.Trie;

/// <summary>The two MERKLE_NODE shapes of <c>starknet_getStorageProof</c>.</summary>
public enum ProofNodeKind : byte
{
    /// <summary><c>{left, right}</c>.</summary>
    Binary,

    /// <summary><c>{child, path, length}</c>.</summary>
    Edge,
}
