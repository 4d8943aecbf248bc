using Cairn.Cairo.Memory;
using Cairn.Primitives;

namespace Cairn.Cairo.Hints.Cairo1;

/// <summary>
/// Per-run state of the Cairo 1 dictionaries (<c>DictManagerExecScope</c> of starkware-libs/cairo
/// casm_run/dict_manager.rs): one tracker per dict segment holding the current key → value map
/// (default 0) and the dict's index in the segment arena. Obtained with
/// <c>context.GetState&lt;DictManagerState&gt;()</c>.
/// </summary>
public sealed class DictManagerState
{
    private readonly Dictionary<int, Tracker> _bySegment = [];

    /// <summary>Number of dicts allocated so far.</summary>
    public int Count => _bySegment.Count;

    /// <summary>
    /// Allocates the segment of a new dict with arena index <paramref name="arenaIndex"/>. Always a real
    /// segment: the sequencer runs with <c>no_temporary_segments</c>, and Cairn's memory has no
    /// temporary segments, so <see cref="HintContext.AllowTemporarySegments"/> does not change this.
    /// </summary>
    public Relocatable NewDict(VmMemory memory, long arenaIndex)
    {
        var start = memory.AddSegment();
        if (!_bySegment.TryAdd(start.Segment, new Tracker(arenaIndex))) throw new HintException($"Segment index {start.Segment} already in use by a dictionary.");
        return start;
    }

    /// <summary>The value of <paramref name="key"/> in the dict whose segment holds <paramref name="dictPtr"/> (0 when unset).</summary>
    public MaybeRelocatable Get(Relocatable dictPtr, Felt key) =>
        GetTracker(dictPtr).Data.TryGetValue(key, out var v) ? v : Felt.Zero;

    /// <summary>Sets <paramref name="key"/> in the dict whose segment holds <paramref name="dictPtr"/>.</summary>
    public void Set(Relocatable dictPtr, Felt key, MaybeRelocatable value) => GetTracker(dictPtr).Data[key] = value;

    /// <summary>The segment-arena index of the dict whose segment holds <paramref name="dictPtr"/>.</summary>
    public long GetArenaIndex(Relocatable dictPtr) => GetTracker(dictPtr).ArenaIndex;

    private Tracker GetTracker(Relocatable dictPtr) =>
        _bySegment.TryGetValue(dictPtr.Segment, out var t)
            ? t
            : throw new HintException($"The given value does not point to a known dictionary: {dictPtr}");

    private sealed class Tracker(long arenaIndex)
    {
        public long ArenaIndex { get; } = arenaIndex;

        public Dictionary<Felt, MaybeRelocatable> Data { get; } = [];
    }
}
