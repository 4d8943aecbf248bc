using System.Buffers;

namespace Cairn.Storage;

/// <summary>
/// Reads from a key-value store or from a snapshot of one. Keys are ordered by their bytes
/// (unsigned, lexicographic; a prefix sorts before its extensions).
/// </summary>
public interface IReadOnlyKeyValueStore
{
    /// <summary>What <see cref="Read"/> returns for an absent key.</summary>
    const int NotFound = -1;

    /// <summary>Returns a copy of the value of <paramref name="key"/>, or null when it is absent.</summary>
    byte[]? Get(Column column, ReadOnlySpan<byte> key);

    /// <summary>
    /// Reads the value of <paramref name="key"/> into <paramref name="destination"/> without allocating.
    /// </summary>
    /// <returns>
    /// <see cref="NotFound"/> when the key is absent, otherwise the value's length. The value is copied
    /// only when it fits (length ≤ <c>destination.Length</c>); otherwise nothing is written and the caller
    /// can retry with a buffer of the returned length.
    /// </returns>
    int Read(Column column, ReadOnlySpan<byte> key, Span<byte> destination);

    /// <summary>
    /// Appends the value of <paramref name="key"/> to <paramref name="destination"/> (for example a writer
    /// over pooled arrays). Returns false, writing nothing, when the key is absent.
    /// </summary>
    bool TryRead(Column column, ReadOnlySpan<byte> key, IBufferWriter<byte> destination);

    /// <summary>Whether <paramref name="key"/> is present.</summary>
    bool ContainsKey(Column column, ReadOnlySpan<byte> key);

    /// <summary>
    /// Iterates forward, in key order, over the keys that start with <paramref name="prefix"/> (every key
    /// when it is empty) and, when <paramref name="upperBound"/> is not empty, are below it (exclusive).
    /// </summary>
    /// <remarks>
    /// The iterator sees the data as of its creation (a store's iterator takes an implicit snapshot; a
    /// snapshot's iterator sees the snapshot). Dispose it promptly: it pins resources.
    /// </remarks>
    IKeyValueIterator Iterate(Column column, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> upperBound = default);

    /// <summary>
    /// Iterates forward, in key order, over the keys in [<paramref name="from"/>, <paramref name="to"/>);
    /// an empty <paramref name="to"/> means no upper bound.
    /// </summary>
    IKeyValueIterator IterateRange(Column column, ReadOnlySpan<byte> from, ReadOnlySpan<byte> to);
}
