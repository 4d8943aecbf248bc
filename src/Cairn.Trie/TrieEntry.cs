using Cairn.Primitives;

namespace Cairn.Trie;

/// <summary>A write with its key as bits, as the updater sorts and splits them.</summary>
internal readonly record struct TrieEntry(Bits256 Key, Felt Value);
