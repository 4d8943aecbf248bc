using System.Numerics;
using Cairn.Primitives;

namespace Cairn.Trie.Tests;

/// <summary>
/// The reference: recomputes a root from scratch from a dictionary, straight from spec §7.1, one bit per level,
/// with BigInteger keys and paths. Shares nothing with the implementation but the node hash.
/// </summary>
public static class NaiveTrie
{
    private sealed record Node(bool IsEdge, Felt Hash, BigInteger Path, int Length, Felt ChildHash);

    public static Felt Root(Func<Felt, Felt, Felt> hash, IReadOnlyDictionary<BigInteger, Felt> leaves, int height)
    {
        var present = leaves.Where(p => !p.Value.IsZero).Select(p => (p.Key, p.Value)).ToList();
        var node = Build(hash, present, 0, height);
        return node is null ? Felt.Zero : HashOf(hash, node);
    }

    private static Felt HashOf(Func<Felt, Felt, Felt> hash, Node node) =>
        node.IsEdge ? hash(node.ChildHash, Felt.FromBigInteger(node.Path)) + Felt.FromUInt64((ulong)node.Length) : node.Hash;

    private static Node? Build(Func<Felt, Felt, Felt> hash, List<(BigInteger Key, Felt Value)> leaves, int depth, int height)
    {
        if (leaves.Count == 0)
        {
            return null;
        }

        if (depth == height)
        {
            return new Node(false, leaves.Single().Value, 0, 0, default);
        }

        var bit = height - 1 - depth;
        var zero = leaves.Where(l => ((l.Key >> bit) & 1) == 0).ToList();
        var one = leaves.Where(l => ((l.Key >> bit) & 1) == 1).ToList();
        var left = Build(hash, zero, depth + 1, height);
        var right = Build(hash, one, depth + 1, height);
        if (left is not null && right is not null)
        {
            return new Node(false, hash(HashOf(hash, left), HashOf(hash, right)), 0, 0, default);
        }

        var child = left ?? right!;
        BigInteger b = left is null ? 1 : 0;
        return child.IsEdge
            ? new Node(true, default, (b << child.Length) | child.Path, child.Length + 1, child.ChildHash)
            : new Node(true, default, b, 1, child.Hash);
    }
}
