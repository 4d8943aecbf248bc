using Cairn.Primitives;

namespace Cairn.Trie;

/// <summary>
/// The 2-input hash of a trie's nodes (binary: H(left, right); edge: H(child, path) + length).
/// Implemented by structs and used as a generic argument, so the hot path has no virtual calls.
/// </summary>
public interface ITrieHash
{
    /// <summary>H(a, b).</summary>
    static abstract Felt Hash(Felt a, Felt b);
}
