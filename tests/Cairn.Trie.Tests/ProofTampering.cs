using Cairn.Primitives;

namespace Cairn.Trie.Tests;

/// <summary>Mutations of a valid proof that must all be rejected.</summary>
public static class ProofTampering
{
    public static void AssertTamperedProofsFail<THash>(
        Felt root, Felt key, Felt value, int height, List<ProofNode> proof, IReadOnlyList<Felt> otherKeys, Func<Felt, Felt> truth)
        where THash : ITrieHash
    {
        for (var i = 0; i < proof.Count; i++)
        {
            foreach (var changed in Variants(proof[i]))
            {
                var copy = new List<ProofNode>(proof) { [i] = changed };
                Assert.False(TrieProof.Verify<THash>(root, key, value, height, copy), $"changed node {i}: {changed}");
            }

            var dropped = new List<ProofNode>(proof);
            dropped.RemoveAt(i);
            Assert.False(TrieProof.TryVerify<THash>(root, key, height, dropped, out _), $"dropped node {i}");
        }

        Assert.False(TrieProof.Verify<THash>(root + 1, key, value, height, proof), "wrong root");
        if (!value.IsZero)
        {
            // The walk is fixed by the key: for another key the proof is incomplete, or (when it happens to cover
            // that key too) it tells the truth about it.
            foreach (var other in otherKeys)
            {
                if (other != key && TrieProof.TryVerify<THash>(root, other, height, proof, out var v))
                {
                    Assert.Equal(truth(other), v);
                }
            }

            Assert.False(TrieProof.Verify<THash>(root, key, value + 1, height, proof), "wrong value");
        }
    }

    private static IEnumerable<ProofNode> Variants(ProofNode node)
    {
        yield return node with { NodeHash = node.NodeHash + 1 };
        if (node.Kind == ProofNodeKind.Binary)
        {
            yield return node with { Left = node.Left + 1 };
            yield return node with { Right = node.Right + 1 };
            if (node.Left != node.Right)
            {
                yield return node with { Left = node.Right, Right = node.Left };
            }
            yield return node with { Kind = ProofNodeKind.Edge };
        }
        else
        {
            yield return node with { Child = node.Child + 1 };
            yield return node with { Path = node.Path + 1 };
            yield return node with { Length = node.Length + 1 };
            if (node.Length > 1)
            {
                yield return node with { Length = node.Length - 1 };
            }

            yield return node with { Kind = ProofNodeKind.Binary };
        }
    }
}
