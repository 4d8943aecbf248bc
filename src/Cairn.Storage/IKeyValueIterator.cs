namespace Cairn.Storage;

/// <summary>
/// A forward cursor over key-value pairs in key order. Starts before the first pair; call
/// <see cref="MoveNext"/> first. Not thread-safe.
/// </summary>
public interface IKeyValueIterator : IDisposable
{
    /// <summary>Advances to the next pair; false when there is none.</summary>
    bool MoveNext();

    /// <summary>The current key, valid until the next <see cref="MoveNext"/> or <see cref="IDisposable.Dispose"/>.</summary>
    ReadOnlySpan<byte> Key { get; }

    /// <summary>The current value, valid until the next <see cref="MoveNext"/> or <see cref="IDisposable.Dispose"/>.</summary>
    ReadOnlySpan<byte> Value { get; }
}
