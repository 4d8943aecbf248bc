using Cairn.Primitives;

namespace Cairn.Trie;

/// <summary>
/// A node while an update runs: a stored node not yet read (<see cref="WorkNodeKind.Stored"/>: id and hash
/// known), a read or new binary/edge node, or a leaf. New nodes have <see cref="Id"/> 0 until written.
/// </summary>
internal sealed class WorkNode
{
    public WorkNodeKind Kind;
    public ulong Id;
    public Felt Hash;
    public bool HasHash;
    public WorkNode? Left;
    public WorkNode? Right;
    public WorkNode? Child;
    public Bits256 Path;
    public int Length;

    public static WorkNode Leaf(Felt value) => new() { Kind = WorkNodeKind.Leaf, Hash = value, HasHash = true };

    public static WorkNode StoredRef(ulong id, Felt hash) => new() { Kind = WorkNodeKind.Stored, Id = id, Hash = hash, HasHash = true };

    /// <summary>A stored child: a leaf when it sits at the trie's height (id 0), otherwise an unread node.</summary>
    public static WorkNode ChildOf(ulong id, Felt hash, bool isLeaf) => isLeaf ? Leaf(hash) : StoredRef(id, hash);

    public static WorkNode NewEdge(Bits256 path, int length, WorkNode child) =>
        new() { Kind = WorkNodeKind.Edge, Path = path, Length = length, Child = child };

    public static WorkNode NewBinary<THash>(WorkNode left, WorkNode right)
        where THash : ITrieHash
    {
        var node = new WorkNode { Kind = WorkNodeKind.Binary, Left = left, Right = right };
        node.Hash = THash.Hash(left.GetHash<THash>(), right.GetHash<THash>());
        node.HasHash = true;
        return node;
    }

    public Felt GetHash<THash>()
        where THash : ITrieHash
    {
        if (!HasHash)
        {
            // Only new edges have no hash yet (binary nodes hash when made; stored nodes and leaves know theirs).
            Hash = THash.Hash(Child!.GetHash<THash>(), Path.ToFelt()) + Length;
            HasHash = true;
        }

        return Hash;
    }

    /// <summary>Reads a stored node sitting at <paramref name="depth"/> of a trie of <paramref name="height"/>.</summary>
    public void Resolve(TrieNodeStore store, int depth, int height)
    {
        var stored = store.Load(Id);
        if (stored.IsBinary)
        {
            var leaves = depth + 1 == height;
            Left = ChildOf(stored.IdA, stored.HashA, leaves);
            Right = ChildOf(stored.IdB, stored.HashB, leaves);
            Kind = WorkNodeKind.Binary;
        }
        else
        {
            if (depth + stored.Length > height)
            {
                throw new InvalidDataException($"Trie node {Id} is an edge of length {stored.Length} below depth {depth}.");
            }

            Child = ChildOf(stored.IdA, stored.HashA, depth + stored.Length == height);
            Path = stored.Path;
            Length = stored.Length;
            Kind = WorkNodeKind.Edge;
        }
    }
}
