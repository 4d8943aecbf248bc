using Cairn.Cairo.Memory;

namespace Cairn.Cairo.Hints.Cairo0;

/// <summary>Dictionaries (dict.cairo, default_dict.cairo, dict_access.cairo; cairo-vm.md §7.3).</summary>
internal static class DictHints
{
    public const string DefaultDictNew = "if '__dict_manager' not in globals():\n    from starkware.cairo.common.dict import DictManager\n    __dict_manager = DictManager()\n\nmemory[ap] = __dict_manager.new_default_dict(segments, ids.default_value)";
    public const string DictNew = "if '__dict_manager' not in globals():\n    from starkware.cairo.common.dict import DictManager\n    __dict_manager = DictManager()\n\nmemory[ap] = __dict_manager.new_dict(segments, initial_dict)\ndel initial_dict";
    public const string DictRead = "dict_tracker = __dict_manager.get_tracker(ids.dict_ptr)\ndict_tracker.current_ptr += ids.DictAccess.SIZE\nids.value = dict_tracker.data[ids.key]";
    public const string DictWrite = "dict_tracker = __dict_manager.get_tracker(ids.dict_ptr)\ndict_tracker.current_ptr += ids.DictAccess.SIZE\nids.dict_ptr.prev_value = dict_tracker.data[ids.key]\ndict_tracker.data[ids.key] = ids.new_value";
    public const string DictUpdate = "# Verify dict pointer and prev value.\ndict_tracker = __dict_manager.get_tracker(ids.dict_ptr)\ncurrent_value = dict_tracker.data[ids.key]\nassert current_value == ids.prev_value, \\\n    f'Wrong previous value in dict. Got {ids.prev_value}, expected {current_value}.'\n\n# Update value.\ndict_tracker.data[ids.key] = ids.new_value\ndict_tracker.current_ptr += ids.DictAccess.SIZE";
    public const string DictSquashCopyDict = "# Prepare arguments for dict_new. In particular, the same dictionary values should be copied\n# to the new (squashed) dictionary.\nvm_enter_scope({\n    # Make __dict_manager accessible.\n    '__dict_manager': __dict_manager,\n    # Create a copy of the dict, in case it changes in the future.\n    'initial_dict': dict(__dict_manager.get_dict(ids.dict_accesses_end)),\n})";
    public const string DictSquashUpdatePtr = "# Update the DictTracker's current_ptr to point to the end of the squashed dict.\n__dict_manager.get_tracker(ids.squashed_dict_start).current_ptr = \\\n    ids.squashed_dict_end.address_";

    /// <summary>Scope variable holding the initial contents for <c>dict_new</c>.</summary>
    public const string InitialDict = "initial_dict";

    public static void Register(Cairo0HintRegistry r)
    {
        r.Register(DefaultDictNew, static (c, ids) =>
            c.Memory.Insert(c.Ap, c.GetState<DictManager>().NewDefaultDict(c.Memory, ids.Get(c, "default_value"))));
        r.Register(DictNew, _ => new DelegateHint(static c =>
        {
            var initial = c.Scopes.Get<Dictionary<MaybeRelocatable, MaybeRelocatable>>(InitialDict);
            c.Memory.Insert(c.Ap, c.GetState<DictManager>().NewDict(c.Memory, initial));
            c.Scopes.Current.Remove(InitialDict);
        }));
        r.Register(DictRead, static (c, ids) =>
        {
            var tracker = c.GetState<DictManager>().GetTracker(ids.GetRelocatable(c, "dict_ptr"));
            tracker.CurrentPtr = tracker.CurrentPtr.Add(DictAccessSize(ids));
            ids.Set(c, "value", tracker.Read(ids.Get(c, "key")));
        });
        r.Register(DictWrite, static (c, ids) =>
        {
            var tracker = c.GetState<DictManager>().GetTracker(ids.GetRelocatable(c, "dict_ptr"));
            tracker.CurrentPtr = tracker.CurrentPtr.Add(DictAccessSize(ids));
            var key = ids.Get(c, "key");
            ids.Set(c, "dict_ptr.prev_value", tracker.Read(key));
            tracker.Data[key] = ids.Get(c, "new_value");
        });
        r.Register(DictUpdate, static (c, ids) =>
        {
            var tracker = c.GetState<DictManager>().GetTracker(ids.GetRelocatable(c, "dict_ptr"));
            var key = ids.Get(c, "key");
            var current = tracker.Read(key);
            var prev = ids.Get(c, "prev_value");
            if (current != prev) throw new HintException($"Wrong previous value in dict. Got {prev}, expected {current}.");
            tracker.Data[key] = ids.Get(c, "new_value");
            tracker.CurrentPtr = tracker.CurrentPtr.Add(DictAccessSize(ids));
        });
        r.Register(DictSquashCopyDict, static (c, ids) =>
        {
            var tracker = c.GetState<DictManager>().GetTracker(ids.GetRelocatable(c, "dict_accesses_end"));
            c.Scopes.Enter(new Dictionary<string, object?> { [InitialDict] = new Dictionary<MaybeRelocatable, MaybeRelocatable>(tracker.Data) });
        });
        r.Register(DictSquashUpdatePtr, static (c, ids) =>
        {
            var tracker = c.GetState<DictManager>().GetTracker(ids.GetRelocatable(c, "squashed_dict_start"));
            tracker.CurrentPtr = ids.GetStructAddress(c, "squashed_dict_end");
        });
    }

    /// <summary><c>ids.DictAccess.SIZE</c> (3 when the program does not define the struct in the hint's scopes).</summary>
    internal static int DictAccessSize(HintIds ids)
    {
        try
        {
            return ids.GetStructSize("DictAccess");
        }
        catch (HintException)
        {
            return 3;
        }
    }
}
