namespace Cairn.Stark.Merkle;

/// <summary>Reads the 32-byte node at a heap index (root 1, leaves from the leaf count on).</summary>
internal delegate ReadOnlySpan<byte> MerkleNodeReader(int heapIndex);

/// <summary>
/// The merged authentication path of several leaves (spec stark-prover.md §3.3): the siblings a queue-based
/// verifier (L1 <c>MerkleVerifier.sol</c>) cannot compute itself, in the order it reads them.
/// </summary>
internal static class MerkleDecommitment
{
    /// <summary>The concatenated 32-byte nodes for the sorted, unique <paramref name="sortedLeafIndices"/>.</summary>
    public static byte[] Collect(ReadOnlySpan<int> sortedLeafIndices, int leafCount, MerkleNodeReader node)
    {
        var output = new List<byte>();
        var queue = new Queue<int>(sortedLeafIndices.Length);
        int previous = -1;
        foreach (int i in sortedLeafIndices)
        {
            if (i <= previous || i >= leafCount) throw new ArgumentException("leaf indices must be sorted, unique and in range", nameof(sortedLeafIndices));
            previous = i;
            queue.Enqueue(leafCount + i);
        }
        while (queue.Count > 0)
        {
            int k = queue.Dequeue();
            if (k == 1) break;
            int sibling = k ^ 1;
            if (queue.Count > 0 && queue.Peek() == sibling) queue.Dequeue();
            else output.AddRange(node(sibling));
            queue.Enqueue(k / 2);
        }
        return output.ToArray();
    }
}
