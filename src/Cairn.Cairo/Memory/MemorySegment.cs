using System.Runtime.CompilerServices;

namespace Cairn.Cairo.Memory;

/// <summary>
/// One growable segment: cells in fixed-size pages (growing never copies cells), unset cells hold
/// <see cref="ValueKind.None"/>; plus the used size and an optional validation rule.
/// </summary>
internal sealed class MemorySegment
{
    public const int PageBits = 12;
    public const int PageSize = 1 << PageBits;
    public const int PageMask = PageSize - 1;

    public MaybeRelocatable[]?[] Pages = new MaybeRelocatable[]?[4];

    /// <summary>max(written offset) + 1.</summary>
    public int UsedSize;

    public IMemoryValidator? Validator;

    /// <summary>The memory whose memory limit the pages count against (see <see cref="VmMemory.MaxBytes"/>).</summary>
    public VmMemory? Owner;

    public IAutoDeducer? Deducer;

    /// <summary>Offsets whose value the deducer itself wrote (they need no re-verification at the end).</summary>
    public HashSet<int>? Deduced;

    /// <summary>The size fixed by <c>finalize_segments</c> (proof mode), or -1.</summary>
    public int FinalSize = -1;

    /// <summary>
    /// The pages are shared with other memories (a cached program, <see cref="VmMemory.AddSharedSegment"/>):
    /// the first write into an unset cell copies them.
    /// </summary>
    public bool Shared;

    /// <summary>Capacity of a fresh first page; it doubles up to <see cref="PageSize"/> as the segment grows.</summary>
    public const int FirstPageMinimum = 64;

    /// <summary>The cell at <paramref name="offset"/> (an empty value when the page does not exist).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public MaybeRelocatable Get(ulong offset)
    {
        ulong page = offset >> PageBits;
        var pages = Pages;
        if (page < (ulong)pages.Length && pages[page] is { } p)
        {
            uint i = (uint)(offset & PageMask);
            if (i < (uint)p.Length) return p[i];
        }
        return default;
    }

    /// <summary>A reference to the cell, creating (or growing) its page.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref MaybeRelocatable GetOrCreate(int offset)
    {
        int page = offset >> PageBits;
        var pages = Pages;
        if ((uint)page < (uint)pages.Length && pages[page] is { } p)
        {
            int i = offset & PageMask;
            if ((uint)i < (uint)p.Length) return ref p[i];
        }
        return ref CreatePage(offset);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ref MaybeRelocatable CreatePage(int offset)
    {
        int page = offset >> PageBits;
        int i = offset & PageMask;
        if (page >= Pages.Length) Array.Resize(ref Pages, Math.Max(page + 1, Pages.Length * 2));
        var p = Pages[page];
        if (p is null)
        {
            // Only the first page starts small (most segments of a contract call hold a few cells);
            // later pages are only reached by segments that are already large.
            int size = page == 0 ? Math.Min(PageSize, Math.Max(FirstPageMinimum, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)i + 1))) : PageSize;
            Owner?.ReserveCells(size);
            p = size == PageSize ? CellPagePool.Rent() : new MaybeRelocatable[size];
            Pages[page] = p;
        }
        else if (i >= p.Length)
        {
            int size = Math.Min(PageSize, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)i + 1));
            Owner?.ReserveCells(size - p.Length);
            var grown = size == PageSize ? CellPagePool.Rent() : new MaybeRelocatable[size];
            p.AsSpan().CopyTo(grown);
            p = grown;
            Pages[page] = p;
        }
        return ref p[i];
    }

    /// <summary>
    /// Hands the full pages to <see cref="CellPagePool"/> (not those of a shared segment, which other
    /// memories still read) and leaves the segment empty.
    /// </summary>
    public void Release()
    {
        if (!Shared)
        {
            foreach (var p in Pages)
            {
                if (p is not null) CellPagePool.Return(p);
            }
        }
        Pages = [];
        UsedSize = 0;
        Shared = false;
    }

    /// <summary>Makes the pages private before the first write (copy on write of a shared segment).</summary>
    public void Unshare()
    {
        long cells = 0;
        foreach (var p in Pages) cells += p?.Length ?? 0;
        Owner?.ReserveCells((int)Math.Min(cells, int.MaxValue));
        var pages = new MaybeRelocatable[]?[Pages.Length];
        for (int i = 0; i < pages.Length; i++) pages[i] = (MaybeRelocatable[]?)Pages[i]?.Clone();
        Pages = pages;
        Shared = false;
    }
}
