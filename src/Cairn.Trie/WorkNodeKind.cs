namespace Cairn.Trie;

/// <summary>What a <see cref="WorkNode"/> is.</summary>
internal enum WorkNodeKind : byte
{
    /// <summary>A stored node not read yet: only its id and hash are known.</summary>
    Stored,
    Leaf,
    Binary,
    Edge,
}
