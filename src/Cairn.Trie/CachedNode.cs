namespace Cairn.Trie;

/// <summary>A decoded node in a <see cref="TrieNodeStore"/> cache slot (immutable, swapped whole).</summary>
internal sealed class CachedNode(ulong id, StoredNode node)
{
    public ulong Id { get; } = id;

    public StoredNode Node { get; } = node;
}
