namespace Cairn.Storage;

/// <summary>A batch for a <see cref="MemoryStore"/>: the operations in order, a null value meaning delete.</summary>
internal sealed class MemoryWriteBatch : IWriteBatch
{
    private readonly List<(int Column, byte[] Key, byte[]? Value)> _operations = [];
    private bool _disposed;

    public MemoryWriteBatch(MemoryStore store)
    {
        Store = store;
    }

    public MemoryStore Store { get; }

    public int Count => _operations.Count;

    internal List<(int Column, byte[] Key, byte[]? Value)> Operations
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _operations;
        }
    }

    public void Put(Column column, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        StoreGuard.CheckColumn(column, Store);
        ObjectDisposedException.ThrowIf(_disposed, this);
        _operations.Add((column.Index, key.ToArray(), value.ToArray()));
    }

    public void Delete(Column column, ReadOnlySpan<byte> key)
    {
        StoreGuard.CheckColumn(column, Store);
        ObjectDisposedException.ThrowIf(_disposed, this);
        _operations.Add((column.Index, key.ToArray(), null));
    }

    public void Clear()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _operations.Clear();
    }

    public void Dispose()
    {
        _disposed = true;
        _operations.Clear();
    }
}
