using System.Runtime.CompilerServices;
using Cairn.Stark.Hashing;

namespace Cairn.Stark.Merkle;

/// <summary>
/// Verifies a merged Merkle decommitment (spec stark-prover.md §3.3; the L1 <c>MerkleVerifier.sol::verifyMerkle</c>
/// algorithm). The tree height is fixed by the caller from the parameters, never taken from the proof (pitfall 14).
/// </summary>
[SkipLocalsInit]
public static class MerkleVerifier
{
    /// <summary>
    /// Checks that the leaves (<paramref name="leafIndices"/> sorted and unique, with their 32-byte digests
    /// concatenated in <paramref name="leafDigests"/>) belong to the tree of <paramref name="height"/> with
    /// <paramref name="root"/>, reading authentication nodes from the start of <paramref name="decommitment"/>.
    /// <paramref name="consumed"/> is the number of bytes read.
    /// </summary>
    public static bool Verify(ICommitmentHasher hasher, ReadOnlySpan<byte> root, int height,
        ReadOnlySpan<int> leafIndices, ReadOnlySpan<byte> leafDigests, ReadOnlySpan<byte> decommitment, out int consumed)
    {
        consumed = 0;
        if (height < 0 || height > 30 || root.Length != 32) return false;
        int n = leafIndices.Length;
        if (n == 0 || leafDigests.Length != n * 32) return false;
        int leafCount = 1 << height;
        // Circular queue of (heap index, digest): at most n entries live at a time.
        int[] indices = new int[n];
        byte[] digests = new byte[n * 32];
        int previous = -1;
        for (int i = 0; i < n; i++)
        {
            int leaf = leafIndices[i];
            if (leaf <= previous || leaf >= leafCount) return false;
            previous = leaf;
            indices[i] = leafCount + leaf;
            leafDigests.Slice(i * 32, 32).CopyTo(digests.AsSpan(i * 32, 32));
        }
        int head = 0, count = n;
        Span<byte> node = stackalloc byte[32];
        while (true)
        {
            int k = indices[head];
            if (k == 1) return count == 1 && digests.AsSpan(head * 32, 32).SequenceEqual(root);
            var digest = digests.AsSpan(head * 32, 32);
            head = (head + 1) % n;
            count--;
            int sibling = k ^ 1;
            ReadOnlySpan<byte> siblingDigest;
            if (count > 0 && indices[head] == sibling)
            {
                // Read before the slot can be reused: the new node is written only after hashing.
                siblingDigest = digests.AsSpan(head * 32, 32);
                head = (head + 1) % n;
                count--;
            }
            else
            {
                if (decommitment.Length - consumed < 32) return false;
                siblingDigest = decommitment.Slice(consumed, 32);
                consumed += 32;
            }
            if ((k & 1) == 0) hasher.HashPair(digest, siblingDigest, node);
            else hasher.HashPair(siblingDigest, digest, node);
            int tail = (head + count) % n;
            indices[tail] = k / 2;
            node.CopyTo(digests.AsSpan(tail * 32, 32));
            count++;
        }
    }
}
