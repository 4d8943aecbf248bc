namespace Cairn.Cairo.Memory;

/// <summary>
/// Full memory pages (<see cref="MemorySegment.PageSize"/> cells) kept for reuse across runs. A run
/// that is released (<see cref="VmMemory.Dispose"/>) hands its pages back, and the next run takes
/// them instead of asking the garbage collector for fresh ones: fresh memory costs a page fault per
/// 4 KiB the first time it is touched, which on a virtual machine can take longer than the run
/// itself. At most <see cref="MaxPooledPages"/> pages (128 MiB of 32-byte cells) are kept.
/// </summary>
internal static class CellPagePool
{
    public const int MaxPooledPages = 1024;

    private static readonly Stack<MaybeRelocatable[]> s_pages = new();

    /// <summary>Number of pages waiting for reuse.</summary>
    public static int Count
    {
        get
        {
            lock (s_pages) return s_pages.Count;
        }
    }

    /// <summary>An empty full page: a pooled one, cleared, or a new one.</summary>
    public static MaybeRelocatable[] Rent()
    {
        MaybeRelocatable[]? page = null;
        lock (s_pages)
        {
            s_pages.TryPop(out page);
        }
        if (page is null) return new MaybeRelocatable[MemorySegment.PageSize];
        Array.Clear(page);
        return page;
    }

    /// <summary>Hands a full page back; the caller must not touch it afterwards.</summary>
    public static void Return(MaybeRelocatable[] page)
    {
        if (page.Length != MemorySegment.PageSize) return;
        lock (s_pages)
        {
            if (s_pages.Count < MaxPooledPages) s_pages.Push(page);
        }
    }
}
