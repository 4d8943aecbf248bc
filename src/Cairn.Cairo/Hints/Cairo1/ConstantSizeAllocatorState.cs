using Cairn.Cairo.Memory;

namespace Cairn.Cairo.Hints.Cairo1;

/// <summary>
/// Per-run state of <c>AllocConstantSize</c> (casm_run <c>alloc_memory</c>): one segment created on first
/// use, handed out in consecutive blocks.
/// </summary>
public sealed class ConstantSizeAllocatorState
{
    private Relocatable? _next;

    /// <summary>Returns the start of a fresh block of <paramref name="size"/> cells.</summary>
    public Relocatable Allocate(VmMemory memory, int size)
    {
        var start = _next ?? memory.AddSegment();
        _next = start.Add(size);
        return start;
    }
}
