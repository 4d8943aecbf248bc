using Cairn.Primitives;

namespace Cairn.Cairo.Hints.Cairo0;

/// <summary>squash_dict and squash_dict_inner (squash_dict.cairo; cairo-vm.md §7.3). State lives in the scope.</summary>
internal static class SquashDictHints
{
    public const string SquashDict = "dict_access_size = ids.DictAccess.SIZE\naddress = ids.dict_accesses.address_\nassert ids.ptr_diff % dict_access_size == 0, \\\n    'Accesses array size must be divisible by DictAccess.SIZE'\nn_accesses = ids.n_accesses\nif '__squash_dict_max_size' in globals():\n    assert n_accesses <= __squash_dict_max_size, \\\n        f'squash_dict() can only be used with n_accesses<={__squash_dict_max_size}. ' \\\n        f'Got: n_accesses={n_accesses}.'\n# A map from key to the list of indices accessing it.\naccess_indices = {}\nfor i in range(n_accesses):\n    key = memory[address + dict_access_size * i]\n    access_indices.setdefault(key, []).append(i)\n# Descending list of keys.\nkeys = sorted(access_indices.keys(), reverse=True)\n# Are the keys used bigger than range_check bound.\nids.big_keys = 1 if keys[0] >= range_check_builtin.bound else 0\nids.first_key = key = keys.pop()";
    public const string SkipLoop = "ids.should_skip_loop = 0 if current_access_indices else 1";
    public const string FirstIteration = "current_access_indices = sorted(access_indices[key])[::-1]\ncurrent_access_index = current_access_indices.pop()\nmemory[ids.range_check_ptr] = current_access_index";
    public const string CheckAccessIndex = "new_access_index = current_access_indices.pop()\nids.loop_temps.index_delta_minus1 = new_access_index - current_access_index - 1\ncurrent_access_index = new_access_index";
    public const string ContinueLoop = "ids.loop_temps.should_continue = 1 if current_access_indices else 0";
    public const string AssertLenKeys = "assert len(keys) == 0";
    public const string LenAssert = "assert len(current_access_indices) == 0";
    public const string UsedAccessesAssert = "assert ids.n_used_accesses == len(access_indices[key])";
    public const string NextKey = "assert len(keys) > 0, 'No keys left but remaining_accesses > 0.'\nids.next_key = key = keys.pop()";

    public static void Register(Cairo0HintRegistry r)
    {
        r.Register(SquashDict, Squash);
        r.Register(SkipLoop, static (c, ids) => ids.Set(c, "should_skip_loop", CurrentIndices(c).Count > 0 ? 0UL : 1UL));
        r.Register(FirstIteration, static (c, ids) =>
        {
            var indices = new List<long>(IndicesOfKey(c));
            indices.Sort();
            indices.Reverse();
            long first = Pop(indices);
            c.Scopes.Set("current_access_indices", indices);
            c.Scopes.Set("current_access_index", first);
            c.Memory.Insert(ids.GetRelocatable(c, "range_check_ptr"), Felt.FromUInt64((ulong)first));
        });
        r.Register(CheckAccessIndex, static (c, ids) =>
        {
            var indices = CurrentIndices(c);
            long next = Pop(indices);
            long current = c.Scopes.Get<long>("current_access_index");
            ids.Set(c, "loop_temps.index_delta_minus1", HintMath.ToFelt(next - current - 1));
            c.Scopes.Set("current_access_index", next);
        });
        r.Register(ContinueLoop, static (c, ids) => ids.Set(c, "loop_temps.should_continue", CurrentIndices(c).Count > 0 ? 1UL : 0UL));
        r.Register(AssertLenKeys, _ => new DelegateHint(static c =>
        {
            if (c.Scopes.Get<List<Felt>>("keys").Count != 0) throw new HintException("assert len(keys) == 0 failed");
        }));
        r.Register(LenAssert, _ => new DelegateHint(static c =>
        {
            if (CurrentIndices(c).Count != 0) throw new HintException("assert len(current_access_indices) == 0 failed");
        }));
        r.Register(UsedAccessesAssert, static (c, ids) =>
        {
            var used = ids.GetFelt(c, "n_used_accesses");
            int count = IndicesOfKey(c).Count;
            if (used != Felt.FromUInt64((ulong)count))
            {
                throw new HintException($"assert ids.n_used_accesses == len(access_indices[key]) failed: {used.ToDecimalString()} != {count}");
            }
        });
        r.Register(NextKey, static (c, ids) =>
        {
            var keys = c.Scopes.Get<List<Felt>>("keys");
            if (keys.Count == 0) throw new HintException("No keys left but remaining_accesses > 0.");
            var key = keys[^1];
            keys.RemoveAt(keys.Count - 1);
            ids.Set(c, "next_key", key);
            c.Scopes.Set("key", key);
        });
    }

    private static void Squash(HintContext c, HintIds ids)
    {
        int size = DictHints.DictAccessSize(ids);
        var address = ids.GetStructAddress(c, "dict_accesses");
        var ptrDiff = ids.GetInt(c, "ptr_diff");
        if (!(ptrDiff % size).IsZero) throw new HintException("Accesses array size must be divisible by DictAccess.SIZE");
        var nFelt = ids.GetFelt(c, "n_accesses");
        if (!nFelt.TryToUInt64(out ulong n) || n > int.MaxValue) throw new HintException($"squash_dict: n_accesses {nFelt.ToDecimalString()} is too large");
        if (ScopeValues.TryGetInt(c, "__squash_dict_max_size", out var max) && n > max)
        {
            throw new HintException($"squash_dict() can only be used with n_accesses<={max}. Got: n_accesses={n}.");
        }
        var accessIndices = new Dictionary<Felt, List<long>>();
        for (long i = 0; i < (long)n; i++)
        {
            var k = c.Memory.Get(address.Add(size * i));
            if (!k.IsFelt) throw new HintException($"squash_dict: the key {k} is not an integer");
            if (!accessIndices.TryGetValue(k.Felt, out var list)) accessIndices[k.Felt] = list = [];
            list.Add(i);
        }
        if (accessIndices.Count == 0) throw new HintException("squash_dict: no accesses to squash (keys is empty)");
        var keys = new List<Felt>(accessIndices.Keys);
        keys.Sort(static (a, b) => b.CompareTo(a));
        c.Scopes.Set("access_indices", accessIndices);
        c.Scopes.Set("keys", keys);
        ids.Set(c, "big_keys", keys[0].ToBigInteger() >= HintMath.RangeCheckBound(c) ? 1UL : 0UL);
        var first = keys[^1];
        keys.RemoveAt(keys.Count - 1);
        ids.Set(c, "first_key", first);
        c.Scopes.Set("key", first);
    }

    private static Dictionary<Felt, List<long>> AccessIndices(HintContext c) => c.Scopes.Get<Dictionary<Felt, List<long>>>("access_indices");

    private static Felt Key(HintContext c) => c.Scopes.Get<Felt>("key");

    /// <summary><c>access_indices[key]</c>.</summary>
    private static List<long> IndicesOfKey(HintContext c)
    {
        var key = Key(c);
        return AccessIndices(c).TryGetValue(key, out var list) ? list : throw new HintException($"KeyError: {key.ToDecimalString()} is not in access_indices");
    }

    private static List<long> CurrentIndices(HintContext c) => c.Scopes.Get<List<long>>("current_access_indices");

    private static long Pop(List<long> list)
    {
        if (list.Count == 0) throw new HintException("pop from empty list");
        long v = list[^1];
        list.RemoveAt(list.Count - 1);
        return v;
    }
}
