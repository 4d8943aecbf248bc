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

    /// <summary>
    /// result[i] = H(a[i], b[i]) for independent pairs (one level of an update's new nodes), exactly as
    /// <see cref="Hash"/> would give them. A hash with no cheaper batched form loops over <see cref="Hash"/>.
    /// (Abstract rather than a default loop: a static interface body cannot call the abstract Hash.)
    /// </summary>
    static abstract void HashMany(ReadOnlySpan<Felt> a, ReadOnlySpan<Felt> b, Span<Felt> result);
}
