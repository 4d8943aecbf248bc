using Cairn.Cairo.Memory;
using Cairn.Primitives;

namespace Cairn.Cairo.Builtins;

/// <summary>
/// segment_arena (Cairo 1 runners only; cairo-vm.md §4.12). Initialisation creates an <i>infos</i>
/// segment, then the arena segment pre-filled with <c>[infos, 0, 0]</c>; the program receives
/// <c>arena + 3</c>. Each instance is <c>(infos_ptr, n_constructed, n_destructed)</c> (3 cells);
/// used cells exclude the 3 initial ones, and the stop pointer must be
/// <c>arena + 3 + 3 · used_instances</c>. No validation or deduction rule, no private input.
/// </summary>
public sealed class SegmentArenaBuiltinRunner : BuiltinRunner
{
    /// <summary>Cells per instance, also the size of the pre-filled header.</summary>
    public const int ArenaBuiltinSize = 3;

    public override string Name => "segment_arena";

    public override int CellsPerInstance => ArenaBuiltinSize;

    /// <summary>The infos segment (after <see cref="InitializeSegments"/>).</summary>
    public Relocatable InfosBase { get; private set; }

    /// <summary>The arena segment's start (the base is 3 cells further).</summary>
    public Relocatable ArenaStart => Base.Add(-ArenaBuiltinSize);

    public override void InitializeSegments(VmMemory memory)
    {
        InfosBase = memory.AddSegment();
        var arena = memory.AddSegment();
        memory.Insert(arena, InfosBase);
        memory.Insert(arena.Add(1), Felt.Zero);
        memory.Insert(arena.Add(2), Felt.Zero);
        SetBase(arena.Add(ArenaBuiltinSize));
    }

    /// <summary>Used size of the arena segment minus the 3 header cells.</summary>
    public override int GetUsedCells(VmMemory memory)
    {
        int used = memory.GetUsedSize(Base.Segment);
        if (used < ArenaBuiltinSize) throw new MemoryException($"segment_arena: used size {used} of segment {Base.Segment} is below the initial size {ArenaBuiltinSize}");
        return used - ArenaBuiltinSize;
    }
}
