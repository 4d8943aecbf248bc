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

    /// <summary>A new binary node; its hash is computed later, with its level (<see cref="DirtyNodeHasher{THash}"/>).</summary>
    public static WorkNode NewBinary(WorkNode left, WorkNode right) =>
        new() { Kind = WorkNodeKind.Binary, Left = left, Right = right };

    /// <summary>
    /// The node's hash, computing it (and its new descendants', recursively) if the batched pass has not: new
    /// binary and edge nodes have none until then; stored nodes and leaves know theirs.
    /// </summary>
    public Felt GetHash<THash>()
        where THash : ITrieHash
    {
        if (!HasHash)
        {
            Hash = Kind == WorkNodeKind.Binary
                ? THash.Hash(Left!.GetHash<THash>(), Right!.GetHash<THash>())
                : THash.Hash(Child!.GetHash<THash>(), Path.ToFelt()) + Length;
            HasHash = true;
        }

        return Hash;
    }

    /// <summary>The first input of the node's hash: the left child's or the edge child's hash.</summary>
    public Felt HashInputA => Kind == WorkNodeKind.Binary ? Left!.Hash : Child!.Hash;

    /// <summary>The second input of the node's hash: the right child's hash or the edge path.</summary>
    public Felt HashInputB => Kind == WorkNodeKind.Binary ? Right!.Hash : Path.ToFelt();

    /// <summary>Stores H(<see cref="HashInputA"/>, <see cref="HashInputB"/>), adding the length for an edge.</summary>
    public void SetHash(Felt pairHash)
    {
        Hash = Kind == WorkNodeKind.Binary ? pairHash : pairHash + Length;
        HasHash = true;
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
