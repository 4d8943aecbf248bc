namespace Cairn.Storage;

/// <summary>
/// One version of one column of a <see cref="MemoryStore"/>: the keys in order and the values by key.
/// </summary>
/// <remarks>
/// Copy-on-write: while snapshots or iterators pin a version (<see cref="Readers"/> &gt; 0) it never changes;
/// the store's next write to the column copies it first. <see cref="Readers"/> is guarded by the store's lock.
/// </remarks>
internal sealed class MemoryColumnData
{
    private readonly SortedSet<byte[]> _keys;
    private readonly Dictionary<byte[], byte[]> _values;
    private readonly Dictionary<byte[], byte[]>.AlternateLookup<ReadOnlySpan<byte>> _lookup;

    public MemoryColumnData()
    {
        _keys = new SortedSet<byte[]>(ByteArrayComparer.Instance);
        _values = new Dictionary<byte[], byte[]>(ByteArrayComparer.Instance);
        _lookup = _values.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    private MemoryColumnData(MemoryColumnData source)
    {
        _keys = new SortedSet<byte[]>(source._keys, ByteArrayComparer.Instance);
        _values = new Dictionary<byte[], byte[]>(source._values, ByteArrayComparer.Instance);
        _lookup = _values.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    public int Readers { get; set; }

    public int Count => _values.Count;

    public MemoryColumnData Copy() => new(this);

    public byte[]? Find(ReadOnlySpan<byte> key) => _lookup.TryGetValue(key, out var value) ? value : null;

    /// <summary>Stores <paramref name="value"/> (owned by this column from now on) under a copy of the key.</summary>
    public void Put(ReadOnlySpan<byte> key, byte[] value)
    {
        if (_lookup.TryGetValue(key, out var existingKey, out _))
        {
            _values[existingKey] = value;
            return;
        }

        var copy = key.ToArray();
        _values.Add(copy, value);
        _keys.Add(copy);
    }

    public void Delete(ReadOnlySpan<byte> key)
    {
        if (_lookup.Remove(key, out var existingKey, out _))
        {
            _keys.Remove(existingKey);
        }
    }

    /// <summary>The keys in [lower, upper) in order (upper null: unbounded).</summary>
    public IEnumerable<byte[]> KeysBetween(byte[] lower, byte[]? upper)
    {
        if (_keys.Count == 0)
        {
            return [];
        }

        var max = _keys.Max!;
        var comparer = ByteArrayComparer.Instance;
        if (comparer.Compare(lower, max) > 0 || (upper is not null && comparer.Compare(lower, upper) >= 0))
        {
            return [];
        }

        // GetViewBetween includes both ends; an upper bound present as a key is skipped by the iterator.
        var last = upper is null || comparer.Compare(upper, max) > 0 ? max : upper;
        return _keys.GetViewBetween(lower, last);
    }

    public byte[] ValueOf(byte[] key) => _values[key];
}
