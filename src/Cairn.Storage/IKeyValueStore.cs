namespace Cairn.Storage;

/// <summary>
/// A key-value store with column families, atomic write batches, ordered iteration and snapshots.
/// </summary>
/// <remarks>
/// Implementations are safe for concurrent use by many threads, except that nothing may use the store,
/// its iterators or its snapshots while or after it is disposed. Disposing the store disposes the
/// iterators and snapshots still open on it.
/// </remarks>
public interface IKeyValueStore : IReadOnlyKeyValueStore, IDisposable
{
    /// <summary>The columns, in the order their names were given when the store was opened.</summary>
    IReadOnlyList<Column> Columns { get; }

    /// <summary>Returns the column named <paramref name="name"/>; throws when the store has none.</summary>
    Column GetColumn(string name);

    /// <summary>Sets <paramref name="key"/> to <paramref name="value"/> (an empty value is a value).</summary>
    void Put(Column column, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value);

    /// <summary>Removes <paramref name="key"/>; nothing happens when it is absent.</summary>
    void Delete(Column column, ReadOnlySpan<byte> key);

    /// <summary>Starts an empty batch for this store.</summary>
    IWriteBatch CreateBatch();

    /// <summary>
    /// Applies every operation of <paramref name="batch"/>, in order, as one atomic and durable unit: readers
    /// and a process that restarts after a crash see all of it or none of it. The batch is left unchanged.
    /// </summary>
    void Write(IWriteBatch batch);

    /// <summary>Takes a consistent, read-only view of every column as of now.</summary>
    ISnapshot CreateSnapshot();

    /// <summary>Moves buffered writes to durable table files (a no-op for stores without any).</summary>
    void Flush();
}
