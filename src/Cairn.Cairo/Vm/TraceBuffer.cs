using System.Collections;
using System.Runtime.CompilerServices;

namespace Cairn.Cairo.Vm;

/// <summary>
/// The recorded trace in fixed-size chunks, so that recording never copies earlier entries.
/// </summary>
public sealed class TraceBuffer : IReadOnlyList<TraceEntry>
{
    private const int ChunkBits = 16;
    private const int ChunkSize = 1 << ChunkBits;

    private readonly List<TraceEntry[]> _chunks = [];
    private TraceEntry[] _current = [];
    private int _inCurrent;

    public int Count { get; private set; }

    public TraceEntry this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
            return _chunks[index >> ChunkBits][index & (ChunkSize - 1)];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(in TraceEntry entry)
    {
        if (_inCurrent == _current.Length) NewChunk();
        _current[_inCurrent++] = entry;
        Count++;
    }

    public IEnumerator<TraceEntry> GetEnumerator()
    {
        for (int i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void NewChunk()
    {
        _current = new TraceEntry[ChunkSize];
        _chunks.Add(_current);
        _inCurrent = 0;
    }
}
