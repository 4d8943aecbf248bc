using Cairn.Primitives;

namespace Cairn.Trie;

/// <summary>
/// One <c>{node_hash, node}</c> entry of a storage proof (spec §7.7, MERKLE_NODE in the RPC schema):
/// binary <c>{left, right}</c> or edge <c>{child, path, length}</c>. Unused fields are 0.
/// </summary>
public readonly record struct ProofNode(Felt NodeHash, ProofNodeKind Kind, Felt Left, Felt Right, Felt Child, Felt Path, int Length)
{
    public static ProofNode Binary(Felt nodeHash, Felt left, Felt right) =>
        new(nodeHash, ProofNodeKind.Binary, left, right, Felt.Zero, Felt.Zero, 0);

    public static ProofNode Edge(Felt nodeHash, Felt child, Felt path, int length) =>
        new(nodeHash, ProofNodeKind.Edge, Felt.Zero, Felt.Zero, child, path, length);

    /// <summary>The node's hash recomputed from its fields with <typeparamref name="THash"/>.</summary>
    public Felt ComputeHash<THash>()
        where THash : ITrieHash =>
        Kind == ProofNodeKind.Binary ? THash.Hash(Left, Right) : THash.Hash(Child, Path) + Length;
}
