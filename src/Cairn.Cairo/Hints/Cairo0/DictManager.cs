using Cairn.Cairo.Memory;

namespace Cairn.Cairo.Hints.Cairo0;

/// <summary>
/// The Cairo 0 dictionaries of a run (cairo-lang common/dict.py <c>DictManager</c>), one tracker per
/// dictionary segment. Kept as per-run hint state (<see cref="HintContext.GetState{T}"/>).
/// </summary>
public sealed class DictManager
{
    private readonly Dictionary<int, DictTracker> _trackers = [];

    /// <summary><c>new_dict</c>: a new segment whose dictionary starts as <paramref name="initial"/>.</summary>
    public Relocatable NewDict(VmMemory memory, Dictionary<MaybeRelocatable, MaybeRelocatable> initial) => Add(memory, initial, null);

    /// <summary><c>new_default_dict</c>: a new segment whose dictionary answers missing keys with <paramref name="defaultValue"/>.</summary>
    public Relocatable NewDefaultDict(VmMemory memory, MaybeRelocatable defaultValue) => Add(memory, [], defaultValue);

    /// <summary>The tracker of the dictionary whose current end is <paramref name="dictPtr"/>.</summary>
    public DictTracker GetTracker(Relocatable dictPtr)
    {
        if (!_trackers.TryGetValue(dictPtr.Segment, out var tracker))
        {
            throw new HintException($"Dictionary pointer {dictPtr} was not created using dict_new().");
        }
        if (tracker.CurrentPtr != dictPtr)
        {
            throw new HintException($"Wrong dict pointer supplied. Got {dictPtr}, expected {tracker.CurrentPtr}.");
        }
        return tracker;
    }

    private Relocatable Add(VmMemory memory, Dictionary<MaybeRelocatable, MaybeRelocatable> data, MaybeRelocatable? defaultValue)
    {
        var b = memory.AddSegment();
        if (_trackers.ContainsKey(b.Segment)) throw new HintException($"Dict Error: segment {b.Segment} already has a dictionary");
        _trackers[b.Segment] = new DictTracker(b, data, defaultValue);
        return b;
    }
}
