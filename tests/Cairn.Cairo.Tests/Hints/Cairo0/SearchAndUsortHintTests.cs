using System.Numerics;
using Cairn.Cairo.Hints.Cairo0;
using Cairn.Cairo.Memory;
using Cairn.Primitives;

namespace Cairn.Cairo.Tests.Hints.Cairo0;

public sealed class SearchAndUsortHintTests
{
    private static Relocatable Array(HintTester t, params long[] values)
    {
        var seg = t.Memory.AddSegment();
        for (int i = 0; i < values.Length; i++) t.Set(seg.Add(i), values[i]);
        return seg;
    }

    private static HintTester FindSetup(long key, int elmSize, int nElms, params long[] values)
    {
        var t = new HintTester();
        t.PointerRef("array_ptr", "felt*", -5, Array(t, values)).Felt("elm_size", -4, elmSize).Felt("n_elms", -3, nElms).Felt("key", -2, key).Felt("index", -1);
        return t;
    }

    [Fact]
    public void Find_element_scans_by_key()
    {
        var t = FindSetup(7, 2, 3, 1, 10, 4, 40, 7, 70);
        t.Run(SearchHints.FindElement);
        Assert.Equal(Felt.FromUInt64(2), t.FeltAt(t.Fp.Add(-1)));
        Assert.Equal("Key 8 was not found.", FindSetup(8, 2, 3, 1, 10, 4, 40, 7, 70).Fails(SearchHints.FindElement).Message);
        Assert.Contains("Invalid value for elm_size", FindSetup(7, 0, 3, 1).Fails(SearchHints.FindElement).Message);
        t = FindSetup(7, 2, 3, 1, 10, 4, 40, 7, 70);
        t.Context.Scopes.Set("__find_element_max_size", 2);
        Assert.Equal("find_element() can only be used with n_elms<=2. Got: n_elms=3.", t.Fails(SearchHints.FindElement).Message);
    }

    [Fact]
    public void Find_element_uses_and_deletes_the_given_index()
    {
        var t = FindSetup(4, 2, 3, 1, 10, 4, 40, 7, 70);
        t.Context.Scopes.Set("__find_element_index", BigInteger.One);
        t.Run(SearchHints.FindElement);
        Assert.Equal(Felt.One, t.FeltAt(t.Fp.Add(-1)));
        Assert.False(t.Context.Scopes.Current.ContainsKey("__find_element_index"));
        t = FindSetup(7, 2, 3, 1, 10, 4, 40, 7, 70);
        t.Context.Scopes.Set("__find_element_index", 0);
        Assert.Equal("Invalid index found in __find_element_index. index: 0, expected key 7, found key: 1.", t.Fails(SearchHints.FindElement).Message);
    }

    [Fact]
    public void Search_sorted_lower()
    {
        var t = FindSetup(5, 1, 4, 1, 4, 7, 9);
        t.Run(SearchHints.SearchSortedLower);
        Assert.Equal(Felt.FromUInt64(2), t.FeltAt(t.Fp.Add(-1)));
        t = FindSetup(50, 1, 4, 1, 4, 7, 9);
        t.Run(SearchHints.SearchSortedLower);
        Assert.Equal(Felt.FromUInt64(4), t.FeltAt(t.Fp.Add(-1)));
    }

    [Fact]
    public void Set_add_finds_existing_elements()
    {
        var t = new HintTester();
        var set = Array(t, 1, 2, 3, 4, 5, 6);
        t.PointerRef("set_ptr", "felt*", -6, set).PointerRef("set_end_ptr", "felt*", -5, set.Add(6)).PointerRef("elm_ptr", "felt*", -4, Array(t, 3, 4))
            .Felt("elm_size", -3, 2).Felt("index", -2).Felt("is_elm_in_set", -1);
        t.Run(SearchHints.SetAdd);
        Assert.Equal(Felt.One, t.FeltAt(t.Fp.Add(-2)));
        Assert.Equal(Felt.One, t.FeltAt(t.Fp.Add(-1)));

        t = new HintTester();
        set = Array(t, 1, 2, 3, 4);
        t.PointerRef("set_ptr", "felt*", -6, set).PointerRef("set_end_ptr", "felt*", -5, set.Add(4)).PointerRef("elm_ptr", "felt*", -4, Array(t, 2, 3))
            .Felt("elm_size", -3, 2).Felt("index", -2).Felt("is_elm_in_set", -1);
        t.Run(SearchHints.SetAdd);
        Assert.Equal(Felt.Zero, t.FeltAt(t.Fp.Add(-1)));
    }

    [Fact]
    public void Usort_sorts_and_verifies_multiplicities()
    {
        var t = new HintTester();
        var input = Array(t, 5, 3, 5, 9, 3, 5);
        t.PointerRef("input", "felt*", -6, input).Felt("input_len", -5, 6).Felt("output_len", -4).Ref("output", "[cast(fp + (-3), felt**)]")
            .Ref("multiplicities", "[cast(fp + (-2), felt**)]").Felt("value", -1, 5).Felt("next_item_index", 0);
        t.Run(UsortHints.UsortEnterScope);
        Assert.Equal(2, t.Context.Scopes.Depth);
        t.Run(UsortHints.UsortBody);
        Assert.Equal(Felt.FromUInt64(3), t.FeltAt(t.Fp.Add(-4)));
        var output = t.Memory.GetRelocatable(t.Fp.Add(-3));
        var mult = t.Memory.GetRelocatable(t.Fp.Add(-2));
        Assert.Equal([3, 5, 9], Enumerable.Range(0, 3).Select(i => (int)t.IntAt(output.Add(i))).ToArray());
        Assert.Equal([2, 3, 1], Enumerable.Range(0, 3).Select(i => (int)t.IntAt(mult.Add(i))).ToArray());

        t.Run(UsortHints.UsortVerify);
        t.Run(UsortHints.UsortVerifyMultiplicityBody); // position 0
        Assert.Equal(Felt.Zero, t.FeltAt(t.Fp));
        t.Fails(UsortHints.UsortVerifyMultiplicityAssert);
        t.Vm.Fp = t.Fp.Add(1);
        t.Run(UsortHints.UsortVerifyMultiplicityBody); // position 2: 2 - 1
        Assert.Equal(Felt.One, t.FeltAt(t.Fp));
        t.Vm.Fp = t.Fp.Add(1);
        t.Run(UsortHints.UsortVerifyMultiplicityBody); // position 5: 5 - 3
        Assert.Equal(Felt.FromUInt64(2), t.FeltAt(t.Fp));
        t.Run(UsortHints.UsortVerifyMultiplicityAssert);
    }

    [Fact]
    public void Usort_respects_max_size()
    {
        var t = new HintTester();
        t.PointerRef("input", "felt*", -6, Array(t, 1, 2, 3)).Felt("input_len", -5, 3).Felt("output_len", -4).Ref("output", "[cast(fp + (-3), felt**)]").Ref("multiplicities", "[cast(fp + (-2), felt**)]");
        t.Context.Scopes.Set("__usort_max_size", 2);
        t.Run(UsortHints.UsortEnterScope);
        Assert.Equal("usort() can only be used with input_len<=2. Got: input_len=3.", t.Fails(UsortHints.UsortBody).Message);
    }
}
