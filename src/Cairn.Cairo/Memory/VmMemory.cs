using System.Runtime.CompilerServices;

namespace Cairn.Cairo.Memory;

/// <summary>
/// Segmented write-once memory (cairo-vm.md §1.3–§1.5). Real segments are created in order
/// (0, 1, 2, …); a cell is written at most once (rewriting an equal value is a no-op).
/// </summary>
public sealed class VmMemory
{
    /// <summary>Largest offset a segment may grow to (cells); a guard against runaway programs.</summary>
    public const int MaxSegmentSize = 1 << 30;

    private MemorySegment[] _segments = new MemorySegment[8];
    private int _count;

    public int SegmentCount => _count;

    /// <summary>Creates the next real segment and returns its base <c>rel(index, 0)</c>.</summary>
    public Relocatable AddSegment()
    {
        if (_count == _segments.Length) Array.Resize(ref _segments, _count * 2);
        _segments[_count] = new MemorySegment();
        return new Relocatable(_count++, 0);
    }

    /// <summary>Attaches a validation rule to a segment and checks the cells it already holds.</summary>
    public void SetValidator(int segment, IMemoryValidator validator)
    {
        var seg = GetSegment(segment);
        seg.Validator = validator;
        for (int i = 0; i < seg.UsedSize; i++)
        {
            var v = seg.Get((ulong)i);
            if (v.HasValue) validator.Validate(this, new Relocatable(segment, (ulong)i), v);
        }
    }

    /// <summary>Attaches a builtin auto-deduction rule to a segment (cairo-vm.md §2.6).</summary>
    public void SetDeducer(int segment, IAutoDeducer deducer) => GetSegment(segment).Deducer = deducer;

    /// <summary>
    /// Tries the auto-deduction rule of the address's segment; on success the value is written
    /// (as the Python VM does at the moment of deduction) and returned.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryAutoDeduce(Relocatable address, out MaybeRelocatable value)
    {
        int s = address.Segment;
        if ((uint)s < (uint)_count && _segments[s].Deducer is { } d && d.TryDeduce(this, address, out value))
        {
            Insert(address, value);
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>
    /// Re-runs every auto-deduction rule over the written cells of its segment and fails on a
    /// mismatch (<c>verify_auto_deductions</c>, §3.7).
    /// </summary>
    public void VerifyAutoDeductions()
    {
        for (int s = 0; s < _count; s++)
        {
            var seg = _segments[s];
            if (seg.Deducer is not { } d) continue;
            for (int i = 0; i < seg.UsedSize; i++)
            {
                var stored = seg.Get((ulong)i);
                if (!stored.HasValue) continue;
                var address = new Relocatable(s, (ulong)i);
                if (d.TryDeduce(this, address, out var deduced) && !deduced.Equals(stored))
                {
                    throw new MemoryException($"Inconsistent auto-deduction rule at address {address}. {stored} != {deduced}");
                }
            }
        }
    }

    /// <summary>Fixes a segment's size for relocation (<c>finalize_segments</c>, §3.10).</summary>
    public void FinalizeSegment(int segment, int size)
    {
        var seg = GetSegment(segment);
        if (size < seg.UsedSize) throw new MemoryException($"Segment {segment} exceeded its allocated size ({seg.UsedSize} > {size})");
        seg.FinalSize = size;
    }

    /// <summary>The relocation size: the finalised size if any, else the used size.</summary>
    public int GetSegmentSize(int segment)
    {
        var seg = GetSegment(segment);
        return seg.FinalSize >= 0 ? seg.FinalSize : seg.UsedSize;
    }

    /// <summary>Used size (max written offset + 1) of a segment.</summary>
    public int GetUsedSize(int segment) => GetSegment(segment).UsedSize;

    /// <summary>Reads a cell; false when the cell (or its segment) holds no value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGet(Relocatable address, out MaybeRelocatable value)
    {
        int s = address.Segment;
        if ((uint)s < (uint)_count)
        {
            value = _segments[s].Get(address.Offset);
            return value.HasValue;
        }
        value = default;
        return false;
    }

    /// <summary>Reads a cell that must be set; a clear error otherwise.</summary>
    public MaybeRelocatable Get(Relocatable address)
    {
        if (!TryGet(address, out var v)) ThrowUnknown(address);
        return v;
    }

    /// <summary>Reads a cell that must hold a felt.</summary>
    public Primitives.Felt GetFelt(Relocatable address)
    {
        var v = Get(address);
        if (!v.IsFelt) throw new MemoryException($"expected a felt at address {address}, found {v}");
        return v.FeltUnchecked;
    }

    /// <summary>Reads a cell that must hold an address.</summary>
    public Relocatable GetRelocatable(Relocatable address)
    {
        var v = Get(address);
        if (!v.IsRelocatable) throw new MemoryException($"expected a relocatable value at address {address}, found {v}");
        return v.RelocatableUnchecked;
    }

    /// <summary>
    /// Write-once insert: stores the value in an empty cell, accepts an equal value, and rejects a
    /// different one with "Inconsistent memory assignment at address …".
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Insert(Relocatable address, MaybeRelocatable value)
    {
        int s = address.Segment;
        if ((uint)s >= (uint)_count) ThrowUnallocated(address);
        var seg = _segments[s];
        ulong off = address.Offset;
        if (off >= MaxSegmentSize) ThrowTooLarge(address);
        ref var cell = ref seg.GetOrCreate((int)off);
        if (cell.HasValue)
        {
            if (!cell.Equals(value)) ThrowInconsistent(address, cell, value);
            return;
        }
        if (!value.HasValue) throw new ArgumentException("cannot store an empty value", nameof(value));
        seg.Validator?.Validate(this, address, value);
        cell = value;
        if ((int)off >= seg.UsedSize) seg.UsedSize = (int)off + 1;
    }

    /// <summary>Writes consecutive values starting at <paramref name="start"/>; returns the address after the last.</summary>
    public Relocatable Load(Relocatable start, ReadOnlySpan<MaybeRelocatable> values)
    {
        for (int i = 0; i < values.Length; i++) Insert(start.Add(i), values[i]);
        return start.Add(values.Length);
    }

    /// <summary>The cell at <c>rel(segment, offset)</c>, or an empty value (<see cref="ValueKind.None"/>).</summary>
    public MaybeRelocatable GetCell(int segment, int offset) => GetSegment(segment).Get((ulong)offset);

    /// <summary>
    /// Relocation table for the current used sizes: segment i starts at <c>base[i]</c>, with
    /// <c>base[0] = 1</c> and <c>base[i+1] = base[i] + size(i)</c> (§1.7).
    /// </summary>
    public RelocationTable ComputeRelocationTable()
    {
        var sizes = new ulong[_count];
        for (int i = 0; i < _count; i++) sizes[i] = (ulong)(_segments[i].FinalSize >= 0 ? _segments[i].FinalSize : _segments[i].UsedSize);
        return RelocationTable.FromSizes(sizes);
    }

    private MemorySegment GetSegment(int segment)
    {
        if ((uint)segment >= (uint)_count) throw new MemoryException($"segment {segment} does not exist");
        return _segments[segment];
    }

    private static void ThrowUnknown(Relocatable address) =>
        throw new MemoryException($"Unknown value for memory cell at address {address}");

    private static void ThrowUnallocated(Relocatable address) =>
        throw new MemoryException($"cannot write to address {address}: segment {address.Segment} is not allocated");

    private static void ThrowTooLarge(Relocatable address) =>
        throw new MemoryException($"cannot write to address {address}: segment exceeds the memory limit of {MaxSegmentSize} cells");

    private static void ThrowInconsistent(Relocatable address, MaybeRelocatable old, MaybeRelocatable value) =>
        throw new MemoryException($"Inconsistent memory assignment at address {address}. {old} != {value}.");
}
