namespace Cairn.Storage;

/// <summary>
/// Puts and deletes across the columns of one store, applied atomically by
/// <see cref="IKeyValueStore.Write(IWriteBatch)"/>. Key and value bytes are copied when added.
/// Not thread-safe.
/// </summary>
public interface IWriteBatch : IDisposable
{
    /// <summary>The number of operations added since creation or the last <see cref="Clear"/>.</summary>
    int Count { get; }

    /// <summary>Adds a put of <paramref name="key"/>; a later operation on the same key wins.</summary>
    void Put(Column column, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value);

    /// <summary>Adds a delete of <paramref name="key"/>; a later operation on the same key wins.</summary>
    void Delete(Column column, ReadOnlySpan<byte> key);

    /// <summary>Removes every operation, so the batch can be reused.</summary>
    void Clear();
}
