using Cairn.Primitives;
using Cairn.Storage;

namespace Cairn.Trie;

/// <summary>
/// Starknet's binary Merkle–Patricia trie (spec §7.1) of a given height over a <see cref="TrieNodeStore"/>:
/// batch updates with one root recomputation, reads and proofs at any root that was not pruned.
/// </summary>
/// <remarks>
/// Keys are felts below 2^<see cref="Height"/>, read MSB first; leaves are felts and a leaf of 0 is absent.
/// Binary node = H(left, right); edge = H(child, path) + length; the empty trie's root is 0.
/// Reads and proofs are safe from many threads; updates of one trie must be serialised by the caller.
/// </remarks>
public sealed class MerkleTrie<THash>
    where THash : ITrieHash
{
    public MerkleTrie(TrieNodeStore store, int height = 251)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, 251);
        Store = store;
        Height = height;
    }

    public TrieNodeStore Store { get; }

    public int Height { get; }

    /// <summary>
    /// Applies <paramref name="writes"/> (a later write of the same key wins; value 0 deletes) to the trie at
    /// <paramref name="root"/>, recomputing the root once. The new nodes and an update record tagged with
    /// <paramref name="version"/> (e.g. the block number) go into <paramref name="batch"/>; nothing is readable
    /// until the caller commits it. Returns the new root (the same root when nothing changed).
    /// </summary>
    public TrieRoot Update(TrieRoot root, ReadOnlySpan<TrieWrite> writes, IWriteBatch batch, ulong version)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (writes.IsEmpty)
        {
            return root;
        }

        var sorted = SortWrites(writes, Height);
        return new TrieUpdater<THash>(Store, Height, sorted).Run(root, batch, version);
    }

    /// <summary>
    /// <see cref="Update"/> of several tries of this type at once (e.g. every storage trie a block touches): their new
    /// nodes are hashed together level by level, so the batched hash gets large batches even when each trie gets few
    /// writes. The tries must be distinct; results are in the order of <paramref name="updates"/>.
    /// </summary>
    public TrieRoot[] UpdateMany(IReadOnlyList<(TrieRoot Root, TrieWrite[] Writes)> updates, IWriteBatch batch, ulong version)
    {
        ArgumentNullException.ThrowIfNull(updates);
        ArgumentNullException.ThrowIfNull(batch);
        // Keys are checked (and writes sorted) here, so bad input throws its own exception before any work.
        var updaters = new TrieUpdater<THash>?[updates.Count];
        for (var i = 0; i < updates.Count; i++)
        {
            if (updates[i].Writes.Length != 0)
            {
                updaters[i] = new TrieUpdater<THash>(Store, Height, SortWrites(updates[i].Writes, Height));
            }
        }

        var results = new WorkNode?[updates.Count];
        try
        {
            Parallel.For(0, updates.Count, i =>
            {
                if (updaters[i] is { } updater)
                {
                    results[i] = updater.Build(updates[i].Root);
                }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }

        // An unchanged trie's result is its stored root, which already has its hash.
        var dirty = new List<WorkNode>();
        foreach (var result in results)
        {
            if (result is { HasHash: false })
            {
                dirty.Add(result);
            }
        }

        DirtyNodeHasher<THash>.HashAll(dirty);
        var roots = new TrieRoot[updates.Count];
        for (var i = 0; i < updates.Count; i++)
        {
            roots[i] = updaters[i] is { } updater ? updater.Complete(updates[i].Root, results[i], batch, version) : updates[i].Root;
        }

        return roots;
    }

    /// <summary>The leaf at <paramref name="key"/> in the trie at <paramref name="root"/>; 0 when absent.</summary>
    public Felt Get(TrieRoot root, Felt key)
    {
        var bits = CheckKey(key);
        if (root.IsEmpty)
        {
            return Felt.Zero;
        }

        var id = root.NodeId;
        var depth = 0;
        while (true)
        {
            var node = Store.Load(id);
            Felt hash;
            if (node.IsBinary)
            {
                var right = bits.Bit(Height - 1 - depth);
                hash = right ? node.HashB : node.HashA;
                id = right ? node.IdB : node.IdA;
                depth++;
            }
            else
            {
                if (depth + node.Length > Height || bits.Segment(Height, depth, node.Length) != node.Path)
                {
                    return Felt.Zero;
                }

                hash = node.HashA;
                id = node.IdA;
                depth += node.Length;
            }

            if (depth == Height)
            {
                return hash;
            }
        }
    }

    /// <summary>
    /// The nodes from the root towards <paramref name="key"/>, root first, in the shape of
    /// <c>starknet_getStorageProof</c>: a membership proof ends at the leaf's parent, a non-membership proof at
    /// the edge that leaves the key's path. Empty for the empty trie.
    /// </summary>
    public List<ProofNode> GetProof(TrieRoot root, Felt key)
    {
        var bits = CheckKey(key);
        var proof = new List<ProofNode>();
        if (root.IsEmpty)
        {
            return proof;
        }

        var id = root.NodeId;
        var hash = root.Hash;
        var depth = 0;
        while (true)
        {
            var node = Store.Load(id);
            if (node.IsBinary)
            {
                proof.Add(ProofNode.Binary(hash, node.HashA, node.HashB));
                var right = bits.Bit(Height - 1 - depth);
                hash = right ? node.HashB : node.HashA;
                id = right ? node.IdB : node.IdA;
                depth++;
            }
            else
            {
                proof.Add(ProofNode.Edge(hash, node.HashA, node.Path.ToFelt(), node.Length));
                if (depth + node.Length > Height || bits.Segment(Height, depth, node.Length) != node.Path)
                {
                    return proof;
                }

                hash = node.HashA;
                id = node.IdA;
                depth += node.Length;
            }

            if (depth == Height)
            {
                return proof;
            }
        }
    }

    /// <summary>
    /// The union of the proofs of <paramref name="keys"/> (each node once, by hash), as
    /// <c>starknet_getStorageProof</c> returns for several keys of one trie.
    /// </summary>
    public List<ProofNode> GetProof(TrieRoot root, IEnumerable<Felt> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var seen = new HashSet<Felt>();
        var union = new List<ProofNode>();
        foreach (var key in keys)
        {
            foreach (var node in GetProof(root, key))
            {
                if (seen.Add(node.NodeHash))
                {
                    union.Add(node);
                }
            }
        }

        return union;
    }

    /// <summary>Checks a proof against a root with this trie's hash and height (see <see cref="TrieProof"/>).</summary>
    public bool TryVerifyProof(Felt rootHash, Felt key, IReadOnlyList<ProofNode> proof, out Felt value) =>
        TrieProof.TryVerify<THash>(rootHash, key, Height, proof, out value);

    /// <summary>Every (key, value) leaf of the trie at <paramref name="root"/> in key order (a full walk).</summary>
    public List<TrieWrite> GetLeaves(TrieRoot root)
    {
        var leaves = new List<TrieWrite>();
        if (!root.IsEmpty)
        {
            Collect(root.NodeId, 0, default, leaves);
        }

        return leaves;
    }

    private void Collect(ulong id, int depth, Bits256 prefix, List<TrieWrite> leaves)
    {
        var node = Store.Load(id);
        if (node.IsBinary)
        {
            Visit(node.IdA, node.HashA, depth + 1, prefix.ShiftLeft(1), leaves);
            Visit(node.IdB, node.HashB, depth + 1, prefix.ShiftLeft(1) | Bits256.One, leaves);
        }
        else
        {
            Visit(node.IdA, node.HashA, depth + node.Length, prefix.ShiftLeft(node.Length) | node.Path, leaves);
        }
    }

    private void Visit(ulong id, Felt hash, int depth, Bits256 prefix, List<TrieWrite> leaves)
    {
        if (depth == Height)
        {
            leaves.Add(new TrieWrite(prefix.ToFelt(), hash));
        }
        else
        {
            Collect(id, depth, prefix, leaves);
        }
    }

    private Bits256 CheckKey(Felt key)
    {
        var bits = Bits256.FromFelt(key);
        if (bits.BitLength > Height)
        {
            throw new ArgumentOutOfRangeException(nameof(key), $"Key {key} does not fit a trie of height {Height}.");
        }

        return bits;
    }

    internal static TrieEntry[] SortWrites(ReadOnlySpan<TrieWrite> writes, int height)
    {
        var entries = new TrieEntry[writes.Length];
        var order = new int[writes.Length];
        for (var i = 0; i < writes.Length; i++)
        {
            var key = Bits256.FromFelt(writes[i].Key);
            if (key.BitLength > height)
            {
                throw new ArgumentOutOfRangeException(nameof(writes), $"Key {writes[i].Key} does not fit a trie of height {height}.");
            }

            entries[i] = new TrieEntry(key, writes[i].Value);
            order[i] = i;
        }

        // Sort by key, then by position, so the last write of a key ends its run.
        Array.Sort(order, (a, b) =>
        {
            var c = entries[a].Key.CompareTo(entries[b].Key);
            return c != 0 ? c : a.CompareTo(b);
        });
        var result = new List<TrieEntry>(writes.Length);
        for (var i = 0; i < order.Length; i++)
        {
            if (i + 1 < order.Length && entries[order[i + 1]].Key == entries[order[i]].Key)
            {
                continue;
            }

            result.Add(entries[order[i]]);
        }

        return [.. result];
    }
}
