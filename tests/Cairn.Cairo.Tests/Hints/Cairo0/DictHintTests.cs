using Cairn.Cairo.Hints.Cairo0;
using Cairn.Cairo.Memory;
using Cairn.Primitives;

namespace Cairn.Cairo.Tests.Hints.Cairo0;

public sealed class DictHintTests
{
    private const string DictAccess = "starkware.cairo.common.dict_access.DictAccess";

    private static HintTester Tester()
    {
        var t = new HintTester().Struct(DictAccess, ("key", "felt", 0), ("prev_value", "felt", 1), ("new_value", "felt", 2));
        t.Alias(HintTester.Scope + ".DictAccess", DictAccess);
        return t;
    }

    [Fact]
    public void Default_dict_read_write_update()
    {
        var t = Tester().Felt("default_value", -6, 17);
        t.PointerRef("dict_ptr", DictAccess + "*", -5).Felt("key", -4).Felt("value", -3).Felt("prev_value", -2).Felt("new_value", -1);
        t.Run(DictHints.DefaultDictNew);
        var dict = t.Memory.GetRelocatable(t.Ap);

        // dict_write(key=5, new_value=100) at dict_ptr = dict.
        Frame(t, dict, key: 5, newValue: 100);
        t.Run(DictHints.DictWrite);
        Assert.Equal(Felt.FromUInt64(17), t.FeltAt(dict.Add(1)));

        // dict_read(key=5) at dict_ptr = dict + 3.
        Frame(t, dict.Add(3), key: 5);
        t.Run(DictHints.DictRead);
        Assert.Equal(Felt.FromUInt64(100), t.FeltAt(t.Fp.Add(-3)));

        // dict_update(key=5, prev_value=100, new_value=7) at dict + 6; a wrong prev value fails.
        Frame(t, dict.Add(6), key: 5, prevValue: 100, newValue: 7);
        t.Run(DictHints.DictUpdate);
        var tracker = t.Context.GetState<DictManager>().GetTracker(dict.Add(9));
        Assert.Equal(new MaybeRelocatable(Felt.FromUInt64(7)), tracker.Data[new MaybeRelocatable(Felt.FromUInt64(5))]);

        Frame(t, dict.Add(9), key: 5, prevValue: 8, newValue: 1);
        Assert.Equal("Wrong previous value in dict. Got 8, expected 7.", t.Fails(DictHints.DictUpdate).Message);

        // A stale pointer is rejected.
        Frame(t, dict, key: 5);
        Assert.Contains("Wrong dict pointer supplied", t.Fails(DictHints.DictRead).Message);
    }

    /// <summary>A new frame (fp += 10) holding the dict hint arguments.</summary>
    private static void Frame(HintTester t, Relocatable dictPtr, long key, long? prevValue = null, long? newValue = null)
    {
        t.Vm.Fp = t.Fp.Add(10);
        t.Memory.Insert(t.Fp.Add(-5), dictPtr);
        t.Set(t.Fp.Add(-4), key);
        if (prevValue is { } p) t.Set(t.Fp.Add(-2), p);
        if (newValue is { } n) t.Set(t.Fp.Add(-1), n);
    }

    [Fact]
    public void Dict_new_uses_initial_dict_and_copy_dict_round_trips()
    {
        var t = Tester();
        t.Context.Scopes.Set(DictHints.InitialDict, new Dictionary<MaybeRelocatable, MaybeRelocatable> { [Felt.One] = Felt.FromUInt64(10) });
        t.Run(DictHints.DictNew);
        Assert.False(t.Context.Scopes.Current.ContainsKey(DictHints.InitialDict));
        var dict = t.Memory.GetRelocatable(t.Ap);
        var tracker = t.Context.GetState<DictManager>().GetTracker(dict);
        Assert.Equal(new MaybeRelocatable(Felt.FromUInt64(10)), tracker.Data[Felt.One]);

        var c = Tester();
        c.PointerRef("dict_accesses_end", DictAccess + "*", -3);
        t.Memory.Insert(t.Fp.Add(-3), dict);
        c.Compile(DictHints.DictSquashCopyDict).Execute(t.Context);
        Assert.Equal(2, t.Context.Scopes.Depth);
        var copy = t.Context.Scopes.Get<Dictionary<MaybeRelocatable, MaybeRelocatable>>(DictHints.InitialDict);
        Assert.Equal(new MaybeRelocatable(Felt.FromUInt64(10)), copy[Felt.One]);

        var u = Tester();
        u.PointerRef("squashed_dict_start", DictAccess + "*", -5).PointerRef("squashed_dict_end", DictAccess + "*", -4);
        t.Memory.Insert(t.Fp.Add(-5), dict);
        t.Memory.Insert(t.Fp.Add(-4), dict.Add(9));
        u.Compile(DictHints.DictSquashUpdatePtr).Execute(t.Context);
        Assert.Same(tracker, t.Context.GetState<DictManager>().GetTracker(dict.Add(9)));
    }

    [Fact]
    public void Squash_dict_walks_keys_and_indices()
    {
        var t = Tester();
        // Accesses: key 5, key 2, key 5, key 9 (DictAccess triples).
        var accesses = t.Memory.AddSegment();
        long[] keys = [5, 2, 5, 9];
        for (int i = 0; i < keys.Length; i++)
        {
            t.Set(accesses.Add(3 * i), keys[i]);
            t.Set(accesses.Add(3 * i + 1), 0);
            t.Set(accesses.Add(3 * i + 2), 0);
        }
        t.PointerRef("dict_accesses", DictAccess + "*", -9, accesses).Felt("ptr_diff", -8, 12).Felt("n_accesses", -7, 4).Felt("big_keys", -6).Felt("first_key", -5)
            .Ref("range_check_ptr", "[cast(fp + (-4), felt*)]").Felt("should_skip_loop", -3).Felt("n_used_accesses", -2, 2).Felt("next_key", -1);
        t.Struct("m.LoopTemps", ("index_delta_minus1", "felt", 0), ("index_delta", "felt", 1), ("ptr_delta", "felt", 2), ("should_continue", "felt", 3));
        t.StructRef("loop_temps", "m.LoopTemps", 0);
        t.Set(t.Fp.Add(-4), t.RangeCheck!.Base);

        t.Run(SquashDictHints.SquashDict);
        Assert.Equal(Felt.Zero, t.FeltAt(t.Fp.Add(-6)));
        Assert.Equal(Felt.FromUInt64(2), t.FeltAt(t.Fp.Add(-5)));
        Assert.Equal(Felt.FromUInt64(2), t.Context.Scopes.Get<Felt>("key"));

        t.Run(SquashDictHints.FirstIteration); // key 2: index 1
        Assert.Equal(Felt.One, t.FeltAt(t.RangeCheck.Base));
        t.Run(SquashDictHints.SkipLoop);
        Assert.Equal(Felt.One, t.FeltAt(t.Fp.Add(-3)));
        t.Run(SquashDictHints.LenAssert);

        t.Run(SquashDictHints.NextKey);
        Assert.Equal(Felt.FromUInt64(5), t.FeltAt(t.Fp.Add(-1)));
        t.Run(SquashDictHints.UsedAccessesAssert); // key 5 is used twice
        t.Fails(SquashDictHints.AssertLenKeys);
        t.Vm.Ap = t.Ap; // unchanged
        var fresh = new HintTester().Struct("m.LoopTemps", ("index_delta_minus1", "felt", 0), ("index_delta", "felt", 1), ("ptr_delta", "felt", 2), ("should_continue", "felt", 3));
        fresh.StructRef("loop_temps", "m.LoopTemps", 0).Ref("range_check_ptr", "[cast(fp + (-4), felt*)]");
        t.Memory.Insert(t.Fp.Add(-4 + 0), t.RangeCheck.Base); // same value, no-op
        // first iteration of key 5 writes to a new range-check cell: move the pointer via a new frame.
        t.Vm.Fp = t.Fp.Add(10);
        t.Set(t.Fp.Add(-4), t.RangeCheck.Base.Add(1));
        fresh.Compile(SquashDictHints.FirstIteration).Execute(t.Context);
        Assert.Equal(Felt.Zero, t.FeltAt(t.RangeCheck.Base.Add(1)));
        fresh.Compile(SquashDictHints.CheckAccessIndex).Execute(t.Context); // 2 - 0 - 1
        Assert.Equal(Felt.One, t.FeltAt(t.Fp));
        fresh.Compile(SquashDictHints.ContinueLoop).Execute(t.Context);
        Assert.Equal(Felt.Zero, t.FeltAt(t.Fp.Add(3)));
    }
}
