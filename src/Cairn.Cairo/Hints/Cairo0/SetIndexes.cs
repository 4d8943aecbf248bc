using Cairn.Cairo.Memory;

namespace Cairn.Cairo.Hints.Cairo0;

/// <summary>
/// The answers of <c>set_add</c>'s hint without its quadratic scan. cairo-lang's hint compares the
/// element with every <c>elm_size</c>-cell chunk of <c>[set_ptr, set_end_ptr)</c> in order and takes the
/// first match. Memory is write-once, so a chunk once read never changes: per (set_ptr, elm_size) this
/// index remembers how far the chunks have been read and the first chunk holding each element, and
/// reads further chunks, in the hint's order, only when the element is not among them. Results and
/// errors (an unknown cell is hit exactly where the scan would hit it) are the scan's. While a run has
/// temporary segments, whose addresses read differently once a relocation rule exists, it scans.
/// </summary>
internal sealed class SetIndexes
{
    private readonly Dictionary<(Relocatable SetPtr, int ElmSize), Index> _sets = [];

    /// <summary>
    /// The first i with the chunk at <c>setPtr + i·elmSize</c> equal to <paramref name="element"/>,
    /// among the chunks starting below <c>setPtr + length</c>, or −1.
    /// </summary>
    public long Find(VmMemory memory, Relocatable setPtr, ulong length, MaybeRelocatable[] element)
    {
        int elmSize = element.Length;
        if (memory.TemporarySegmentCount != 0) return Scan(memory, setPtr, length, element);
        if (!_sets.TryGetValue((setPtr, elmSize), out var index))
        {
            index = new Index();
            _sets[(setPtr, elmSize)] = index;
        }
        if (index.First.TryGetValue(new Key(element), out long first))
        {
            return (ulong)first * (ulong)elmSize < length ? first : -1;
        }
        for (ulong i = index.Scanned; i < length; i += (ulong)elmSize)
        {
            var chunk = new MaybeRelocatable[elmSize];
            for (int j = 0; j < elmSize; j++) chunk[j] = memory.Get(setPtr.Add((long)i + j));
            long at = (long)(i / (ulong)elmSize);
            index.First.TryAdd(new Key(chunk), at);
            index.Scanned = i + (ulong)elmSize;
            if (chunk.AsSpan().SequenceEqual(element)) return at;
        }
        return -1;
    }

    /// <summary>
    /// The hint's own loop, chunk by chunk: each chunk is read whole
    /// (<c>memory.get_range</c>, which fails on an unknown cell) before it is compared.
    /// </summary>
    public static long Scan(VmMemory memory, Relocatable setPtr, ulong length, MaybeRelocatable[] element)
    {
        int elmSize = element.Length;
        var chunk = new MaybeRelocatable[elmSize];
        for (ulong i = 0; i < length; i += (ulong)elmSize)
        {
            for (int j = 0; j < elmSize; j++) chunk[j] = memory.Get(setPtr.Add((long)i + j));
            if (chunk.AsSpan().SequenceEqual(element)) return (long)(i / (ulong)elmSize);
        }
        return -1;
    }

    private sealed class Index
    {
        public readonly Dictionary<Key, long> First = [];

        /// <summary>Offset (from set_ptr) of the first chunk not read yet.</summary>
        public ulong Scanned;
    }

    private readonly struct Key(MaybeRelocatable[] cells) : IEquatable<Key>
    {
        private readonly MaybeRelocatable[] _cells = cells;

        public bool Equals(Key other) => _cells.AsSpan().SequenceEqual(other._cells);

        public override bool Equals(object? obj) => obj is Key k && Equals(k);

        public override int GetHashCode()
        {
            var h = new HashCode();
            foreach (var c in _cells) h.Add(c);
            return h.ToHashCode();
        }
    }
}
