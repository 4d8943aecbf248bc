using Cairn.Primitives;

namespace Cairn.Trie;

/// <summary>Verifies storage proofs (lists of <see cref="ProofNode"/>) against a root hash.</summary>
public static class TrieProof
{
    /// <summary>
    /// Walks from <paramref name="rootHash"/> towards <paramref name="key"/> through <paramref name="proof"/>
    /// (in any order; extra nodes, e.g. for other keys, are ignored). Every node used must hash to its
    /// <see cref="ProofNode.NodeHash"/> and to the hash its parent names. Returns true with the leaf value, or 0
    /// when the proof shows the key absent (an edge leaving the key's path, or the empty trie); false when the
    /// proof is incomplete or inconsistent.
    /// </summary>
    public static bool TryVerify<THash>(Felt rootHash, Felt key, int height, IReadOnlyList<ProofNode> proof, out Felt value)
        where THash : ITrieHash
    {
        ArgumentNullException.ThrowIfNull(proof);
        value = Felt.Zero;
        if (height is < 1 or > 251)
        {
            return false;
        }

        var bits = Bits256.FromFelt(key);
        if (bits.BitLength > height)
        {
            return false;
        }

        if (rootHash.IsZero)
        {
            return true;
        }

        var expected = rootHash;
        var depth = 0;
        while (depth < height)
        {
            if (!TryFind<THash>(proof, expected, out var node))
            {
                return false;
            }

            if (node.Kind == ProofNodeKind.Binary)
            {
                expected = bits.Bit(height - 1 - depth) ? node.Right : node.Left;
                depth++;
                continue;
            }

            var length = node.Length;
            if (length < 1 || depth + length > height)
            {
                return false;
            }

            var path = Bits256.FromFelt(node.Path);
            if (path.BitLength > length)
            {
                return false;
            }

            if (bits.Segment(height, depth, length) != path)
            {
                return true; // the key leaves the only populated path: absent
            }

            expected = node.Child;
            depth += length;
        }

        value = expected;
        return true;
    }

    /// <summary>Whether <paramref name="proof"/> shows that <paramref name="key"/> holds <paramref name="value"/> (0: absent).</summary>
    public static bool Verify<THash>(Felt rootHash, Felt key, Felt value, int height, IReadOnlyList<ProofNode> proof)
        where THash : ITrieHash =>
        TryVerify<THash>(rootHash, key, height, proof, out var actual) && actual == value;

    private static bool TryFind<THash>(IReadOnlyList<ProofNode> proof, Felt hash, out ProofNode node)
        where THash : ITrieHash
    {
        for (var i = 0; i < proof.Count; i++)
        {
            var candidate = proof[i];
            if (candidate.NodeHash == hash && candidate.ComputeHash<THash>() == hash)
            {
                node = candidate;
                return true;
            }
        }

        node = default;
        return false;
    }
}
