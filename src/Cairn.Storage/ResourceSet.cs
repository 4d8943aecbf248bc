namespace Cairn.Storage;

/// <summary>
/// The iterators and snapshots open on a store (or on a snapshot), so that disposing the owner can dispose
/// them first instead of leaving them pointing at released resources. Thread-safe.
/// </summary>
internal sealed class ResourceSet
{
    private readonly Lock _lock = new();
    private readonly HashSet<IDisposable> _items = new(ReferenceEqualityComparer.Instance);
    private bool _closed;

    /// <summary>Adds <paramref name="item"/>; false when the set is already closed.</summary>
    public bool TryAdd(IDisposable item)
    {
        lock (_lock)
        {
            if (_closed)
            {
                return false;
            }

            _items.Add(item);
            return true;
        }
    }

    public void Remove(IDisposable item)
    {
        lock (_lock)
        {
            _items.Remove(item);
        }
    }

    /// <summary>Refuses further additions and disposes every item still open.</summary>
    public void CloseAndDisposeAll()
    {
        IDisposable[] items;
        lock (_lock)
        {
            _closed = true;
            items = [.. _items];
            _items.Clear();
        }

        foreach (var item in items)
        {
            item.Dispose();
        }
    }
}
