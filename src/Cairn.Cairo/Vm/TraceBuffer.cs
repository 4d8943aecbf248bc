using System.Collections;
using System.Runtime.CompilerServices;
using Cairn.Cairo.Memory;

namespace Cairn.Cairo.Vm;

/// <summary>
/// The recorded trace in fixed-size chunks, so that recording never copies earlier entries. An
/// entry is stored in 24 bytes (each register as its segment and a 32-bit offset), half the size of
/// a <see cref="TraceEntry"/>. <see cref="Release"/> hands the chunks to a pool for the next run.
/// </summary>
public sealed class TraceBuffer : IReadOnlyList<TraceEntry>
{
    private const int ChunkBits = 16;
    private const int ChunkSize = 1 << ChunkBits;

    /// <summary>Chunks kept for reuse across runs (at most 64 chunks, 96 MiB, 4 M steps).</summary>
    private const int MaxPooledChunks = 64;

    private static readonly Stack<Packed[]> s_pool = new();

    private readonly List<Packed[]> _chunks = [];
    private readonly VmMemory? _budget;
    private Packed[] _current = [];
    private int _inCurrent;

    public TraceBuffer()
    {
    }

    /// <summary>A trace whose chunks count against the memory limit of <paramref name="budget"/> (<see cref="VmMemory.MaxBytes"/>).</summary>
    public TraceBuffer(VmMemory budget)
    {
        _budget = budget;
    }

    public int Count { get; private set; }

    public TraceEntry this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
            return _chunks[index >> ChunkBits][index & (ChunkSize - 1)].Unpack();
        }
    }

    /// <summary>Appends the registers of one step; a register offset must be below 2^32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(Relocatable pc, Relocatable ap, Relocatable fp)
    {
        if (((pc.Offset | ap.Offset | fp.Offset) >> 32) != 0) ThrowTooLarge(pc, ap, fp);
        if (_inCurrent == _current.Length) NewChunk();
        _current[_inCurrent++] = new Packed(Pack(pc), Pack(ap), Pack(fp));
        Count++;
    }

    /// <summary>Appends one entry.</summary>
    public void Add(in TraceEntry entry) => Add(entry.Pc, entry.Ap, entry.Fp);

    public IEnumerator<TraceEntry> GetEnumerator()
    {
        for (int i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Empties the trace and hands its chunks to the pool (the trace must not be read afterwards).</summary>
    public void Release()
    {
        lock (s_pool)
        {
            foreach (var chunk in _chunks)
            {
                if (s_pool.Count < MaxPooledChunks) s_pool.Push(chunk);
            }
        }
        _chunks.Clear();
        _current = [];
        _inCurrent = 0;
        Count = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Pack(Relocatable r) => ((ulong)(uint)r.Segment << 32) | r.Offset;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void NewChunk()
    {
        _budget?.ReserveBytes((long)ChunkSize * Unsafe.SizeOf<Packed>());
        Packed[]? chunk = null;
        lock (s_pool)
        {
            s_pool.TryPop(out chunk);
        }
        _current = chunk ?? new Packed[ChunkSize]; // every entry of a chunk is written before it is read: no clearing
        _chunks.Add(_current);
        _inCurrent = 0;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowTooLarge(Relocatable pc, Relocatable ap, Relocatable fp) =>
        throw new VmException($"cannot record the trace: a register offset is 2^32 or more (pc {pc}, ap {ap}, fp {fp})", pc);

    private readonly record struct Packed(ulong Pc, ulong Ap, ulong Fp)
    {
        public TraceEntry Unpack() => new(Unpack(Pc), Unpack(Ap), Unpack(Fp));

        private static Relocatable Unpack(ulong v) => new((int)(v >> 32), (uint)v);
    }
}
