using System.Runtime.CompilerServices;

namespace Cairn.Cairo.Memory;

/// <summary>
/// Segmented write-once memory (cairo-vm.md §1.3–§1.5). Real segments are created in order
/// (0, 1, 2, …); a cell is written at most once (rewriting an equal value is a no-op).
/// Temporary segments (§1.4) have indices −1, −2, …; a relocation rule maps a temporary
/// segment to an address, values read back are translated by the rules on the fly, and
/// <see cref="RelocateMemory"/> moves the temporary data into the real segments at the end of the run.
/// <see cref="Dispose"/> releases the memory: its pages go back to a pool for the next run.
/// </summary>
public sealed class VmMemory : IDisposable
{
    /// <summary>Largest offset a segment may grow to (cells); a guard against runaway programs.</summary>
    public const int MaxSegmentSize = 1 << 30;

    /// <summary>Default of <see cref="MaxBytes"/>: 8 GiB (2^28 cells of 32 bytes).</summary>
    public const long DefaultMaxBytes = 8L << 30;

    private MemorySegment[] _segments = new MemorySegment[8];
    private int _count;
    private readonly List<MemorySegment> _temp = [];
    private readonly Dictionary<int, Relocatable> _rules = [];
    private bool _released;

    public int SegmentCount => _count;

    /// <summary>
    /// The memory limit in bytes: the run's cells (32 bytes each, allocated in pages of up to
    /// <see cref="MemorySegment.PageSize"/>, so holes inside a page count) and its recorded trace
    /// (24 bytes a step, in chunks). Going past it fails the write or the step with "memory limit
    /// exceeded" instead of exhausting the machine.
    /// </summary>
    public long MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>Bytes held so far in cells and trace (counted against <see cref="MaxBytes"/>).</summary>
    public long AllocatedBytes { get; private set; }

    internal void ReserveCells(int count) => ReserveBytes((long)count * Unsafe.SizeOf<MaybeRelocatable>());

    internal void ReserveBytes(long count)
    {
        if (AllocatedBytes + count > MaxBytes)
        {
            throw new MemoryException($"memory limit exceeded: the run holds {AllocatedBytes} bytes of memory cells and trace and needs {count} more, above the limit of {MaxBytes} bytes");
        }
        AllocatedBytes += count;
    }

    /// <summary>Number of temporary segments created (indices −1 … −count).</summary>
    public int TemporarySegmentCount => _temp.Count;

    /// <summary>The registered relocation rules: temporary segment index → destination.</summary>
    public IReadOnlyDictionary<int, Relocatable> RelocationRules => _rules;

    /// <summary>Creates the next temporary segment and returns its base <c>rel(−k, 0)</c> (§1.4).</summary>
    public Relocatable AddTemporarySegment()
    {
        ObjectDisposedException.ThrowIf(_released, this);
        _temp.Add(new MemorySegment { Owner = this });
        return new Relocatable(-_temp.Count, 0);
    }

    /// <summary>
    /// Registers <c>temp segment of <paramref name="source"/> → <paramref name="destination"/></c>
    /// (<c>memory.add_relocation_rule</c>): the source must be offset 0 of an existing temporary
    /// segment with no rule yet.
    /// </summary>
    public void AddRelocationRule(Relocatable source, Relocatable destination)
    {
        if (source.Segment >= 0)
        {
            throw new MemoryException($"Cannot add a relocation rule for {source}: the source must be in a temporary segment (negative index)");
        }
        if (source.Offset != 0)
        {
            throw new MemoryException($"Cannot add a relocation rule for {source}: the source must be at offset 0 of its temporary segment");
        }
        if (-source.Segment > _temp.Count)
        {
            throw new MemoryException($"Cannot add a relocation rule for {source}: temporary segment {source.Segment} does not exist");
        }
        if (_rules.ContainsKey(source.Segment))
        {
            throw new MemoryException($"Cannot add a relocation rule for {source}: segment {source.Segment} already has a relocation rule (to {_rules[source.Segment]})");
        }
        _rules[source.Segment] = destination;
    }

    /// <summary>
    /// Applies the relocation rules to an address in a temporary segment (following chains); other
    /// addresses are returned unchanged.
    /// </summary>
    public Relocatable RelocateAddress(Relocatable address)
    {
        int guard = 0;
        while (address.Segment < 0 && _rules.TryGetValue(address.Segment, out var dst))
        {
            if (++guard > _rules.Count) throw new MemoryException($"cyclic relocation rules involving segment {address.Segment}");
            address = dst.Add((long)address.Offset);
        }
        return address;
    }

    /// <summary>Applies the relocation rules to a value (felts unchanged).</summary>
    public MaybeRelocatable RelocateValue(MaybeRelocatable value) =>
        value.IsRelocatable && value.RelocatableUnchecked.Segment < 0 ? new MaybeRelocatable(RelocateAddress(value.RelocatableUnchecked)) : value;

    /// <summary>
    /// <c>relocate_memory</c> (§1.4, §3.7 step 2): flattens the rules (rejecting cycles), rewrites
    /// every value that points into a temporary segment with a rule, copies each such temporary
    /// segment to its destination (write-once: a conflicting cell fails) and drops it. Temporary
    /// segments without a rule keep their data (the security check rejects them). The rules are
    /// cleared afterwards.
    /// </summary>
    public void RelocateMemory()
    {
        if (_rules.Count == 0) return;
        // Flatten: every destination ends in a real segment or in a temporary segment without a rule.
        foreach (var key in _rules.Keys.ToList()) _rules[key] = RelocateAddress(_rules[key]);

        for (int s = 0; s < _count; s++) RelocateValuesIn(_segments[s]);
        foreach (var t in _temp) RelocateValuesIn(t);

        foreach (var (segment, dst) in _rules.OrderBy(r => -r.Key))
        {
            var temp = _temp[-segment - 1];
            for (int i = 0; i < temp.UsedSize; i++)
            {
                var v = temp.Get((ulong)i);
                if (v.HasValue) Insert(dst.Add(i), v);
            }
            _temp[-segment - 1] = new MemorySegment { Owner = this };
        }
        _rules.Clear();
    }

    private void RelocateValuesIn(MemorySegment seg)
    {
        for (int i = 0; i < seg.UsedSize; i++)
        {
            ref var cell = ref seg.GetOrCreate(i);
            if (cell.IsRelocatable && cell.RelocatableUnchecked.Segment < 0) cell = RelocateValue(cell);
        }
    }

    /// <summary>Creates the next real segment and returns its base <c>rel(index, 0)</c>.</summary>
    public Relocatable AddSegment()
    {
        ObjectDisposedException.ThrowIf(_released, this);
        if (_count == _segments.Length) Array.Resize(ref _segments, _count * 2);
        _segments[_count] = new MemorySegment { Owner = this };
        return new Relocatable(_count++, 0);
    }

    /// <summary>
    /// Creates the next real segment over pages shared with other memories (a program loaded once
    /// and run many times): reads see the shared cells; the first write into an unset cell copies the
    /// pages first. The caller must never change <paramref name="pages"/> afterwards.
    /// </summary>
    public Relocatable AddSharedSegment(MaybeRelocatable[][] pages, int usedSize)
    {
        var at = AddSegment();
        var seg = _segments[at.Segment];
        seg.Pages = [.. pages];
        seg.UsedSize = usedSize;
        seg.Shared = true;
        return at;
    }

    /// <summary>Splits <paramref name="values"/> into pages for <see cref="AddSharedSegment"/>.</summary>
    public static MaybeRelocatable[][] ToPages(ReadOnlySpan<MaybeRelocatable> values)
    {
        int n = (values.Length + MemorySegment.PageSize - 1) / MemorySegment.PageSize;
        var pages = new MaybeRelocatable[n][];
        for (int i = 0; i < n; i++)
        {
            int start = i * MemorySegment.PageSize;
            pages[i] = values.Slice(start, Math.Min(MemorySegment.PageSize, values.Length - start)).ToArray(); // the last page may be short
        }
        return pages;
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
            (_segments[s].Deduced ??= []).Add((int)address.Offset);
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>
    /// Re-runs every auto-deduction rule over the written cells of its segment and fails on a
    /// mismatch (<c>verify_auto_deductions</c>, §3.7). Cells the rule itself filled in are skipped:
    /// their inputs are write-once, so the deduction would give the same value again; only values the
    /// program (or a hint) wrote are checked.
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
                if (!stored.HasValue || (seg.Deduced is { } byRule && byRule.Contains(i))) continue;
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
            if (_rules.Count != 0 && value.IsRelocatable) value = RelocateValue(value);
            return value.HasValue;
        }
        return TryGetTemporary(address, out value);
    }

    private bool TryGetTemporary(Relocatable address, out MaybeRelocatable value)
    {
        int t = -address.Segment - 1;
        if (address.Segment < 0 && t < _temp.Count)
        {
            value = RelocateValue(_temp[t].Get(address.Offset));
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
        MemorySegment seg;
        if ((uint)s < (uint)_count) seg = _segments[s];
        else if (s < 0 && -s <= _temp.Count) seg = _temp[-s - 1];
        else
        {
            ThrowUnallocated(address);
            return;
        }
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
        if (seg.Shared)
        {
            seg.Unshare();
            cell = ref seg.GetOrCreate((int)off);
        }
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

    /// <summary>
    /// Releases the memory: its full pages are reused by later runs (page faults on fresh memory
    /// would otherwise dominate a run), and every segment is gone — reads find no value and writes
    /// fail. Read what you need (output, trace files, return values) before.
    /// </summary>
    public void Dispose()
    {
        if (_released) return;
        _released = true;
        for (int s = 0; s < _count; s++) _segments[s].Release();
        foreach (var t in _temp) t.Release();
        _segments = [];
        _count = 0;
        _temp.Clear();
        _rules.Clear();
    }

    private MemorySegment GetSegment(int segment)
    {
        if ((uint)segment < (uint)_count) return _segments[segment];
        if (segment < 0 && -segment <= _temp.Count) return _temp[-segment - 1];
        throw new MemoryException(_released ? $"segment {segment} does not exist: the memory was released" : $"segment {segment} does not exist");
    }

    private static void ThrowUnknown(Relocatable address) =>
        throw new MemoryException($"Unknown value for memory cell at address {address}");

    private void ThrowUnallocated(Relocatable address) =>
        throw new MemoryException(_released
            ? $"cannot write to address {address}: the memory was released"
            : $"cannot write to address {address}: segment {address.Segment} is not allocated");

    private static void ThrowTooLarge(Relocatable address) =>
        throw new MemoryException($"cannot write to address {address}: segment exceeds the memory limit of {MaxSegmentSize} cells");

    private static void ThrowInconsistent(Relocatable address, MaybeRelocatable old, MaybeRelocatable value) =>
        throw new MemoryException($"Inconsistent memory assignment at address {address}. {old} != {value}.");
}
