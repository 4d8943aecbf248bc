using System.Numerics;
using Cairn.Primitives;

namespace Cairn.Trie;

/// <summary>
/// The height-64 Patricia root of an indexed list (leaf i at key i), used for the transaction, event and
/// receipt commitments (spec §8.1). In memory, no storage.
/// </summary>
/// <remarks>
/// As in starkware-libs/sequencer's <c>patricia_hash.rs</c>, every listed value is a leaf, 0 included. Because the
/// keys are 0..n−1, every edge path is zeros: edge = H(child, 0) + length.
/// </remarks>
public static class CommitmentTree
{
    public const int Height = 64;

    /// <summary>Lists at least this long hash their two top halves in parallel.</summary>
    internal const int ParallelThreshold = 512;

    /// <summary>The Poseidon root (Starknet ≥ 0.13.2); 0 for an empty list.</summary>
    public static Felt Root(ReadOnlySpan<Felt> leaves) => Root<PoseidonTrieHash>(leaves);

    /// <summary>The root with node hash <typeparamref name="THash"/> (Pedersen before 0.13.2).</summary>
    public static Felt Root<THash>(ReadOnlySpan<Felt> leaves)
        where THash : ITrieHash
    {
        if (leaves.IsEmpty)
        {
            return Felt.Zero;
        }

        if (leaves.Length >= ParallelThreshold)
        {
            return Subtree<THash>(leaves.ToArray(), 0, 0, leaves.Length);
        }

        return Subtree<THash>(leaves, 0, 0, leaves.Length);
    }

    /// <summary>The hash of the subtree at <paramref name="depth"/> whose leaves are [start, start + count).</summary>
    private static Felt Subtree<THash>(ReadOnlySpan<Felt> leaves, int depth, int start, int count)
        where THash : ITrieHash
    {
        // The keys start at the subtree's first key, so they split only once count exceeds half the span:
        // the split happens at depth 64 - bitlength(count - 1); above it is an edge of zeros.
        var target = Height - (64 - BitOperations.LeadingZeroCount((ulong)(count - 1)));
        if (target > depth)
        {
            return THash.Hash(Subtree<THash>(leaves, target, start, count), Felt.Zero) + (target - depth);
        }

        if (depth == Height)
        {
            return leaves[start];
        }

        var half = 1 << (Height - depth - 1);
        return THash.Hash(Subtree<THash>(leaves, depth + 1, start, half), Subtree<THash>(leaves, depth + 1, start + half, count - half));
    }

    private static Felt Subtree<THash>(Felt[] leaves, int depth, int start, int count)
        where THash : ITrieHash
    {
        var target = Height - (64 - BitOperations.LeadingZeroCount((ulong)(count - 1)));
        if (target > depth)
        {
            return THash.Hash(Subtree<THash>(leaves, target, start, count), Felt.Zero) + (target - depth);
        }

        if (depth == Height)
        {
            return leaves[start];
        }

        var half = 1 << (Height - depth - 1);
        if (count < ParallelThreshold)
        {
            var span = (ReadOnlySpan<Felt>)leaves;
            return THash.Hash(Subtree<THash>(span, depth + 1, start, half), Subtree<THash>(span, depth + 1, start + half, count - half));
        }

        Felt left = default, right = default;
        Parallel.Invoke(
            () => left = Subtree<THash>(leaves, depth + 1, start, half),
            () => right = Subtree<THash>(leaves, depth + 1, start + half, count - half));
        return THash.Hash(left, right);
    }
}
