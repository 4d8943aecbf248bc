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

    public IAutoDeducer? Deducer;

    /// <summary>The size fixed by <c>finalize_segments</c> (proof mode), or -1.</summary>
    public int FinalSize = -1;

    /// <summary>The cell at <paramref name="offset"/> (an empty value when the page does not exist).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public MaybeRelocatable Get(ulong offset)
    {
        ulong page = offset >> PageBits;
        var pages = Pages;
        if (page < (ulong)pages.Length && pages[page] is { } p) return p[(int)(offset & PageMask)];
        return default;
    }

    /// <summary>A reference to the cell, creating its page.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref MaybeRelocatable GetOrCreate(int offset)
    {
        int page = offset >> PageBits;
        var pages = Pages;
        if ((uint)page < (uint)pages.Length && pages[page] is { } p) return ref p[offset & PageMask];
        return ref CreatePage(offset);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ref MaybeRelocatable CreatePage(int offset)
    {
        int page = offset >> PageBits;
        if (page >= Pages.Length) Array.Resize(ref Pages, Math.Max(page + 1, Pages.Length * 2));
        var p = Pages[page] ??= new MaybeRelocatable[PageSize];
        return ref p[offset & PageMask];
    }
}
