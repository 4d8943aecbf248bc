using Cairn.Primitives;

namespace Cairn.Trie;

/// <summary>One leaf write of a batch update: <see cref="Value"/> 0 deletes the leaf.</summary>
public readonly record struct TrieWrite(Felt Key, Felt Value);
