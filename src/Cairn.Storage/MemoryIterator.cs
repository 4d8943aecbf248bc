namespace Cairn.Storage;

/// <summary>An iterator over one pinned version of a <see cref="MemoryStore"/> column.</summary>
internal sealed class MemoryIterator : IKeyValueIterator
{
    private readonly MemoryColumnData _data;
    private readonly byte[]? _upper;
    private readonly Action<MemoryIterator> _release;
    private IEnumerator<byte[]>? _keys;
    private byte[]? _key;
    private byte[]? _value;
    private bool _done;

    public MemoryIterator(MemoryColumnData data, byte[] lower, byte[]? upper, Action<MemoryIterator> release)
    {
        _data = data;
        _upper = upper;
        _release = release;
        _keys = data.KeysBetween(lower, upper).GetEnumerator();
    }

    internal MemoryColumnData Data => _data;

    public ReadOnlySpan<byte> Key => _key ?? throw new InvalidOperationException("The iterator is not on a pair.");

    public ReadOnlySpan<byte> Value => _value ?? throw new InvalidOperationException("The iterator is not on a pair.");

    public bool MoveNext()
    {
        ObjectDisposedException.ThrowIf(_keys is null, this);
        if (!_done && _keys.MoveNext())
        {
            var key = _keys.Current;
            if (_upper is null || ByteArrayComparer.Instance.Compare(key, _upper) < 0)
            {
                _key = key;
                _value = _data.ValueOf(key);
                return true;
            }
        }

        _done = true;
        _key = null;
        _value = null;
        return false;
    }

    public void Dispose()
    {
        if (_keys is null)
        {
            return;
        }

        _keys.Dispose();
        _keys = null;
        _key = null;
        _value = null;
        _release(this);
    }
}
