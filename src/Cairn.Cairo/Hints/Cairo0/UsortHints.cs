using System.Numerics;
using Cairn.Cairo.Memory;
using Cairn.Primitives;

namespace Cairn.Cairo.Hints.Cairo0;

/// <summary>usort (usort.cairo; cairo-vm.md §7.3). The positions of each value live in the scope.</summary>
internal static class UsortHints
{
    public const string UsortEnterScope = "vm_enter_scope(dict(__usort_max_size = globals().get('__usort_max_size')))";
    public const string UsortBody = "from collections import defaultdict\n\ninput_ptr = ids.input\ninput_len = int(ids.input_len)\nif __usort_max_size is not None:\n    assert input_len <= __usort_max_size, (\n        f\"usort() can only be used with input_len<={__usort_max_size}. \"\n        f\"Got: input_len={input_len}.\"\n    )\n\npositions_dict = defaultdict(list)\nfor i in range(input_len):\n    val = memory[input_ptr + i]\n    positions_dict[val].append(i)\n\noutput = sorted(positions_dict.keys())\nids.output_len = len(output)\nids.output = segments.gen_arg(output)\nids.multiplicities = segments.gen_arg([len(positions_dict[k]) for k in output])";
    public const string UsortVerify = "last_pos = 0\npositions = positions_dict[ids.value][::-1]";
    public const string UsortVerifyMultiplicityAssert = "assert len(positions) == 0";
    public const string UsortVerifyMultiplicityBody = "current_pos = positions.pop()\nids.next_item_index = current_pos - last_pos\nlast_pos = current_pos + 1";

    public static void Register(Cairo0HintRegistry r)
    {
        r.Register(UsortEnterScope, _ => new DelegateHint(static c =>
        {
            c.Scopes.Current.TryGetValue("__usort_max_size", out var max);
            c.Scopes.Enter(new Dictionary<string, object?> { ["__usort_max_size"] = max });
        }));
        r.Register(UsortBody, Body);
        r.Register(UsortVerify, static (c, ids) =>
        {
            var positionsDict = c.Scopes.Get<SortedDictionary<Felt, List<long>>>("positions_dict");
            var value = MathHints.FeltOf(c, ids, "value");
            // positions_dict is a defaultdict(list): an unknown value has no positions.
            if (!positionsDict.TryGetValue(value, out var positions)) positionsDict[value] = positions = [];
            var reversed = new List<long>(positions);
            reversed.Reverse();
            c.Scopes.Set("last_pos", BigInteger.Zero);
            c.Scopes.Set("positions", reversed);
        });
        r.Register(UsortVerifyMultiplicityAssert, _ => new DelegateHint(static c =>
        {
            var positions = c.Scopes.Get<List<long>>("positions");
            if (positions.Count != 0) throw new HintException($"assert len(positions) == 0 failed: {positions.Count} positions left");
        }));
        r.Register(UsortVerifyMultiplicityBody, static (c, ids) =>
        {
            var positions = c.Scopes.Get<List<long>>("positions");
            if (positions.Count == 0) throw new HintException("pop from empty list: no positions left");
            long current = positions[^1];
            positions.RemoveAt(positions.Count - 1);
            if (!ScopeValues.TryGetInt(c, "last_pos", out var lastPos)) throw new HintException("Variable last_pos not present in current execution scope");
            ids.Set(c, "next_item_index", current - lastPos);
            c.Scopes.Set("last_pos", (BigInteger)(current + 1));
        });
    }

    private static void Body(HintContext c, HintIds ids)
    {
        var inputPtr = ids.GetRelocatable(c, "input");
        var inputLenFelt = MathHints.FeltOf(c, ids, "input_len");
        if (!inputLenFelt.TryToUInt64(out ulong inputLen) || inputLen > int.MaxValue) throw new HintException($"usort: input_len {inputLenFelt.ToDecimalString()} is too large");
        if (ScopeValues.TryGetInt(c, "__usort_max_size", out var max) && inputLen > max)
        {
            throw new HintException($"usort() can only be used with input_len<={max}. Got: input_len={inputLen}.");
        }
        var positionsDict = new SortedDictionary<Felt, List<long>>();
        for (long i = 0; i < (long)inputLen; i++)
        {
            var v = c.Memory.Get(inputPtr.Add(i));
            if (!v.IsFelt) throw new HintException($"usort: cannot sort the address {v}");
            if (!positionsDict.TryGetValue(v.Felt, out var list)) positionsDict[v.Felt] = list = [];
            list.Add(i);
        }
        c.Scopes.Set("positions_dict", positionsDict);
        ids.Set(c, "output_len", (ulong)positionsDict.Count);
        ids.Set(c, "output", ScopeValues.GenArg(c, positionsDict.Keys.Select(static k => new MaybeRelocatable(k))));
        ids.Set(c, "multiplicities", ScopeValues.GenArg(c, positionsDict.Values.Select(static l => MaybeRelocatable.FromUInt64((ulong)l.Count))));
    }
}
