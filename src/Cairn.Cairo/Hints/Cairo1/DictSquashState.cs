using Cairn.Primitives;

namespace Cairn.Cairo.Hints.Cairo1;

/// <summary>
/// Per-run state of the dict-squash hints (<c>DictSquashExecScope</c> of starkware-libs/cairo
/// casm_run/dict_manager.rs): for each key the access indices (stored descending, so the smallest is
/// last) and the keys (descending, so the current — smallest remaining — key is last).
/// </summary>
public sealed class DictSquashState
{
    private readonly Dictionary<Felt, List<long>> _accessIndices = [];
    private readonly List<Felt> _keys = [];

    /// <summary>Whether <see cref="Init"/> ran in this run.</summary>
    public bool Initialized { get; private set; }

    /// <summary>Starts a new squash: forgets any previous state, then groups the accesses by key.</summary>
    public void Init(IReadOnlyList<Felt> accessKeys)
    {
        _accessIndices.Clear();
        _keys.Clear();
        for (int i = 0; i < accessKeys.Count; i++)
        {
            if (!_accessIndices.TryGetValue(accessKeys[i], out var list))
            {
                list = [];
                _accessIndices[accessKeys[i]] = list;
                _keys.Add(accessKeys[i]);
            }
            list.Add(i);
        }
        foreach (var list in _accessIndices.Values) list.Reverse();
        _keys.Sort((a, b) => b.CompareTo(a));
        Initialized = true;
    }

    /// <summary>The keys still to process, largest first.</summary>
    public IReadOnlyList<Felt> Keys => _keys;

    /// <summary>The key being processed (the smallest remaining).</summary>
    public Felt CurrentKey
    {
        get
        {
            RequireInit();
            return _keys.Count > 0 ? _keys[^1] : throw new HintException("No keys left to squash.");
        }
    }

    /// <summary>The remaining access indices of the current key (the current one included), largest first.</summary>
    public List<long> CurrentAccessIndices =>
        _accessIndices.TryGetValue(CurrentKey, out var list) ? list : throw new HintException($"No key accesses for key {CurrentKey.ToDecimalString()}");

    /// <summary>The current access index of the current key.</summary>
    public long CurrentAccessIndex
    {
        get
        {
            var list = CurrentAccessIndices;
            return list.Count > 0 ? list[^1] : throw new HintException("No access indices left for the current key.");
        }
    }

    /// <summary>Removes and returns the current access index.</summary>
    public long PopCurrentAccessIndex()
    {
        long index = CurrentAccessIndex;
        CurrentAccessIndices.RemoveAt(CurrentAccessIndices.Count - 1);
        return index;
    }

    /// <summary>Removes the current key; only its last access may remain.</summary>
    public void PopCurrentKey()
    {
        var key = CurrentKey;
        if (CurrentAccessIndices.Count != 1) throw new HintException("Key popped but not all accesses were processed.");
        _accessIndices.Remove(key);
        _keys.RemoveAt(_keys.Count - 1);
    }

    private void RequireInit()
    {
        if (!Initialized) throw new HintException("Dict squash hint used before InitSquashData.");
    }
}
