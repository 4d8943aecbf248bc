using Cairn.Primitives;
using Cairn.Storage;

namespace Cairn.Trie;

/// <summary>
/// One batch update of a trie: merges sorted, de-duplicated writes into the stored tree, builds the new nodes in
/// memory (reading independent subtrees in parallel), hashes them level by level in batches
/// (<see cref="DirtyNodeHasher{THash}"/>), then writes them to a batch.
/// </summary>
internal sealed class TrieUpdater<THash>
    where THash : ITrieHash
{
    /// <summary>Subtrees with at least this many writes update their two halves in parallel.</summary>
    internal static int ParallelThreshold = 64;

    private readonly TrieNodeStore _store;
    private readonly int _height;
    private readonly TrieEntry[] _writes;
    private readonly List<ulong> _stale = [];
    private readonly Lock _staleLock = new();
    private WorkNode? _start;

    public TrieUpdater(TrieNodeStore store, int height, TrieEntry[] sortedWrites)
    {
        _store = store;
        _height = height;
        _writes = sortedWrites;
    }

    public TrieRoot Run(TrieRoot root, IWriteBatch batch, ulong version)
    {
        var result = Build(root);
        if (result is not null)
        {
            DirtyNodeHasher<THash>.HashAll(result); // nothing to do for an unchanged (stored, hashed) root
        }

        return Complete(root, result, batch, version);
    }

    /// <summary>
    /// Merges the writes into the tree at <paramref name="root"/> in memory: the new root node (unhashed new nodes under
    /// it), the stored root itself when nothing changed, or null when the trie became empty.
    /// </summary>
    public WorkNode? Build(TrieRoot root)
    {
        _start = root.IsEmpty ? null : WorkNode.StoredRef(root.NodeId, root.Hash);
        return Update(_start, 0, 0, _writes.Length);
    }

    /// <summary>After the new nodes have hashes: writes them and the update record; returns the new root.</summary>
    public TrieRoot Complete(TrieRoot root, WorkNode? result, IWriteBatch batch, ulong version)
    {
        if (ReferenceEquals(result, _start))
        {
            return root;
        }

        var created = new List<ulong>();
        TrieRoot newRoot;
        if (result is null)
        {
            newRoot = TrieRoot.Empty;
        }
        else
        {
            var hash = result.GetHash<THash>();
            Write(result, batch, created);
            newRoot = new TrieRoot(result.Id, hash);
        }

        _store.WriteUpdate(batch, version, _stale, created);
        return newRoot;
    }

    private WorkNode? Update(WorkNode? node, int depth, int lo, int hi)
    {
        if (lo == hi)
        {
            return node;
        }

        if (depth == _height)
        {
            var value = _writes[hi - 1].Value;
            if (node is not null && node.Hash == value)
            {
                return node;
            }

            return value.IsZero ? null : WorkNode.Leaf(value);
        }

        if (node is null)
        {
            return Build(depth, lo, hi);
        }

        if (node.Kind == WorkNodeKind.Stored)
        {
            node.Resolve(_store, depth, _height);
        }

        if (node.Kind == WorkNodeKind.Binary)
        {
            var mid = SplitPoint(depth, lo, hi);
            var (left, right) = UpdatePair(node.Left, node.Right, depth + 1, lo, mid, hi);
            if (ReferenceEquals(left, node.Left) && ReferenceEquals(right, node.Right))
            {
                return node;
            }

            MarkStale(node);
            return Combine(left, right, depth);
        }

        // An edge: how far do the writes follow its path?
        var length = node.Length;
        var first = _writes[lo].Key.Segment(_height, depth, length);
        var last = _writes[hi - 1].Key.Segment(_height, depth, length);
        var common = Math.Min(Bits256.CommonPrefix(first, node.Path, length), Bits256.CommonPrefix(last, node.Path, length));
        if (common == length)
        {
            var child = Update(node.Child, depth + length, lo, hi);
            if (ReferenceEquals(child, node.Child))
            {
                return node;
            }

            MarkStale(node);
            return WrapEdge(node.Path, length, child, depth);
        }

        // Some writes leave the path after `common` bits: split the edge there.
        var splitDepth = depth + common;
        var restLength = length - common - 1;
        var rest = restLength > 0 ? WorkNode.NewEdge(node.Path.LowBits(restLength), restLength, node.Child!) : node.Child!;
        var oldGoesRight = node.Path.Bit(restLength);
        var split = SplitPoint(splitDepth, lo, hi);
        var (zero, one) = oldGoesRight
            ? UpdatePair(null, rest, splitDepth + 1, lo, split, hi)
            : UpdatePair(rest, null, splitDepth + 1, lo, split, hi);
        if (ReferenceEquals(oldGoesRight ? one : zero, rest) && (oldGoesRight ? zero : one) is null)
        {
            return node; // only deletions of absent keys left the path
        }

        MarkStale(node);
        return WrapEdge(node.Path.ShiftRight(length - common), common, Combine(zero, one, splitDepth), depth);
    }

    /// <summary>Builds the subtree of an empty region at <paramref name="depth"/> from writes [lo, hi).</summary>
    private WorkNode? Build(int depth, int lo, int hi)
    {
        var remaining = _height - depth;
        if (hi - lo == 1)
        {
            var entry = _writes[lo];
            if (entry.Value.IsZero)
            {
                return null;
            }

            var leaf = WorkNode.Leaf(entry.Value);
            return WorkNode.NewEdge(entry.Key.LowBits(remaining), remaining, leaf);
        }

        var first = _writes[lo].Key.LowBits(remaining);
        var common = Bits256.CommonPrefix(first, _writes[hi - 1].Key.LowBits(remaining), remaining);
        var splitDepth = depth + common;
        var split = SplitPoint(splitDepth, lo, hi);
        var (zero, one) = UpdatePair(null, null, splitDepth + 1, lo, split, hi);
        return WrapEdge(first.ShiftRight(remaining - common), common, Combine(zero, one, splitDepth), depth);
    }

    private (WorkNode? Zero, WorkNode? One) UpdatePair(WorkNode? zero, WorkNode? one, int depth, int lo, int mid, int hi)
    {
        if (hi - lo >= ParallelThreshold && mid - lo >= ParallelThreshold / 4 && hi - mid >= ParallelThreshold / 4)
        {
            WorkNode? newZero = null;
            WorkNode? newOne = null;
            Parallel.Invoke(
                () => newZero = Update(zero, depth, lo, mid),
                () => newOne = Update(one, depth, mid, hi));
            return (newZero, newOne);
        }

        return (Update(zero, depth, lo, mid), Update(one, depth, mid, hi));
    }

    /// <summary>The node at <paramref name="depth"/> over two children (either may be empty).</summary>
    private WorkNode? Combine(WorkNode? zero, WorkNode? one, int depth)
    {
        if (zero is not null && one is not null)
        {
            return WorkNode.NewBinary(zero, one);
        }

        if (zero is not null)
        {
            return WrapEdge(default, 1, zero, depth);
        }

        return one is null ? null : WrapEdge(Bits256.One, 1, one, depth);
    }

    /// <summary>
    /// An edge of <paramref name="length"/> bits starting at <paramref name="depth"/> above
    /// <paramref name="child"/>, merged with the child when that is an edge itself (edges are maximal).
    /// </summary>
    private WorkNode? WrapEdge(Bits256 path, int length, WorkNode? child, int depth)
    {
        if (child is null || length == 0)
        {
            return child;
        }

        if (child.Kind == WorkNodeKind.Stored)
        {
            child.Resolve(_store, depth + length, _height);
        }

        if (child.Kind == WorkNodeKind.Edge)
        {
            MarkStale(child);
            return WorkNode.NewEdge(path.ShiftLeft(child.Length) | child.Path, length + child.Length, child.Child!);
        }

        return WorkNode.NewEdge(path, length, child);
    }

    /// <summary>The first index in [lo, hi) whose key has a 1 at <paramref name="depth"/>.</summary>
    private int SplitPoint(int depth, int lo, int hi)
    {
        var bit = _height - 1 - depth;
        while (lo < hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            if (_writes[mid].Key.Bit(bit))
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }

    private void MarkStale(WorkNode node)
    {
        if (node.Id == 0)
        {
            return;
        }

        lock (_staleLock)
        {
            _stale.Add(node.Id);
        }
    }

    /// <summary>Gives ids to the new nodes under <paramref name="node"/> and writes their records, children first.</summary>
    private void Write(WorkNode node, IWriteBatch batch, List<ulong> created)
    {
        if (node.Id != 0 || node.Kind == WorkNodeKind.Leaf || node.Kind == WorkNodeKind.Stored)
        {
            return;
        }

        Span<byte> record = stackalloc byte[StoredNode.MaxEncodedLength];
        int length;
        if (node.Kind == WorkNodeKind.Binary)
        {
            Write(node.Left!, batch, created);
            Write(node.Right!, batch, created);
            length = StoredNode.EncodeBinary(record, node.Left!.Hash, node.Left.Id, node.Right!.Hash, node.Right.Id);
        }
        else
        {
            var child = node.Child!;
            Write(child, batch, created);
            length = StoredNode.EncodeEdge(record, child.GetHash<THash>(), child.Id, node.Path, node.Length);
        }

        node.Id = _store.AllocateId();
        created.Add(node.Id);
        TrieNodeStore.WriteNode(batch, _store.Column, node.Id, record[..length]);
        // Cached as the store would decode it, so a cache hit and a store read give the same node.
        _store.Remember(node.Id, StoredNode.Decode(record[..length], node.Id));
    }
}
