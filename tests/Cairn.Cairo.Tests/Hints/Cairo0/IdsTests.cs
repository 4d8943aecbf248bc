using Cairn.Cairo.Hints;
using Cairn.Cairo.Hints.Cairo0;
using Cairn.Cairo.Memory;
using Cairn.Cairo.Programs;
using Cairn.Primitives;

namespace Cairn.Cairo.Tests.Hints.Cairo0;

public sealed class IdsTests
{
    [Theory]
    [InlineData("cast(ap + (-3), felt*)", "cast(ap + -3, felt*)")]
    [InlineData("[cast(fp + 2, felt)]", "[cast(fp + 2, felt)]")]
    [InlineData("[cast([fp + (-4)] + 1, a.b.T*)]", "[cast([fp + -4] + 1, a.b.T*)]")]
    [InlineData("cast([ap + (-1)] + [ap + (-2)], felt)", "cast([ap + -1] + [ap + -2], felt)")]
    [InlineData("cast(17, felt)", "cast(17, felt)")]
    [InlineData("[cast([[fp + (-3)] + 2], felt*)]", "[cast([[fp + -3] + 2], felt*)]")]
    [InlineData("[cast(fp + (-3) + 4, felt*)]", "[cast(fp + -3 + 4, felt*)]")]
    [InlineData("cast(ap, (x: felt, y: felt)*)", "cast(ap, (x: felt, y: felt)*)")]
    public void Parses_compiler_reference_forms(string text, string printed) =>
        Assert.Equal(printed, ReferenceExpression.Parse(text).ToString());

    [Theory]
    [InlineData("cast(ap + , felt)")]
    [InlineData("[cast(fp + 1, felt)")]
    [InlineData("foo")]
    public void Rejects_malformed_references(string text) =>
        Assert.Throws<FormatException>(() => ReferenceExpression.Parse(text));

    [Fact]
    public void Reads_fp_cells_and_immediates()
    {
        var t = new HintTester().Felt("x", -3, 42).Ref("k", "cast(17, felt)").Ref("p", "cast(fp + (-3), felt*)");
        var ids = t.Ids();
        Assert.Equal(Felt.FromUInt64(42), ids.GetFelt(t.Context, "x"));
        Assert.Equal(t.Fp.Add(-3), ids.GetAddress(t.Context, "x"));
        Assert.Equal(Felt.FromUInt64(17), ids.GetFelt(t.Context, "k"));
        Assert.Equal(t.Fp.Add(-3), ids.GetRelocatable(t.Context, "p"));
    }

    [Fact]
    public void Corrects_ap_by_the_tracking_offset()
    {
        // The reference was made at ap offset 2; the hint runs at offset 5, so ap moved by 3.
        var t = new HintTester { HintAp = new ApTracking(1, 5) };
        t.Ref("y", "[cast(ap + (-1), felt*)]", group: 1, offset: 2);
        t.Set(t.Ap.Add(-4), 99);
        Assert.Equal(Felt.FromUInt64(99), t.Ids().GetFelt(t.Context, "y"));
    }

    [Fact]
    public void Ap_reference_from_another_group_is_unusable()
    {
        var t = new HintTester { HintAp = new ApTracking(2, 0) };
        t.Ref("y", "[cast(ap + (-1), felt*)]", group: 1, offset: 0);
        t.Ref("z", "[cast(fp, felt*)]", group: 1, offset: 0);
        t.Set(t.Fp, 5);
        var ids = t.Ids();
        var e = Assert.Throws<HintException>(() => ids.GetFelt(t.Context, "y"));
        Assert.Contains("ap-tracking group", e.Message);
        Assert.Equal(Felt.FromUInt64(5), ids.GetFelt(t.Context, "z")); // fp-based references still work
    }

    [Fact]
    public void Double_deref_and_sum_of_cells()
    {
        var t = new HintTester();
        var seg = t.Memory.AddSegment();
        t.Set(t.Fp.Add(-4), seg);
        t.Set(seg.Add(1), 7);
        t.Set(t.Ap.Add(-1), 3);
        t.Set(t.Ap.Add(-2), 4);
        t.Ref("v", "[cast([fp + (-4)] + 1, felt*)]").Ref("s", "cast([ap + (-1)] + [ap + (-2)], felt)");
        var ids = t.Ids();
        Assert.Equal(Felt.FromUInt64(7), ids.GetFelt(t.Context, "v"));
        Assert.Equal(seg.Add(1), ids.GetAddress(t.Context, "v"));
        Assert.Equal(Felt.FromUInt64(7), ids.GetFelt(t.Context, "s"));
    }

    [Fact]
    public void Struct_members_and_pointer_members()
    {
        var t = new HintTester().Uint256Struct();
        t.Struct("m.DictAccess", ("key", "felt", 0), ("prev_value", "felt", 1), ("new_value", "felt", 2));
        t.StructRef("res", HintTester.Uint256, -6);
        var seg = t.Memory.AddSegment();
        t.PointerRef("ptr", "m.DictAccess*", -2, seg);
        var ids = t.Ids();
        ids.Set(t.Context, "res.low", 1UL);
        ids.Set(t.Context, "res.high", 2UL);
        ids.Set(t.Context, "ptr.new_value", 9UL);
        Assert.Equal(Felt.FromUInt64(1), t.FeltAt(t.Fp.Add(-6)));
        Assert.Equal(Felt.FromUInt64(2), t.FeltAt(t.Fp.Add(-5)));
        Assert.Equal(Felt.FromUInt64(9), t.FeltAt(seg.Add(2)));
        Assert.Equal(t.Fp.Add(-6), ids.GetStructAddress(t.Context, "res"));
        Assert.Equal(seg, ids.GetStructAddress(t.Context, "ptr"));
        var e = Assert.Throws<HintException>(() => ids.Get(t.Context, "res.mid"));
        Assert.Contains("no member mid", e.Message);
    }

    /// <summary>
    /// A member path is resolved once per hint site (the types are static), but what it points at is
    /// read at every call: the same path follows fp and the pointer's new value, and an unknown member
    /// fails on every call, not only the first.
    /// </summary>
    [Fact]
    public void Member_paths_are_compiled_once_and_evaluated_every_call()
    {
        var t = new HintTester();
        t.Struct("m.LoopTemps", ("index_delta_minus1", "felt", 0), ("should_continue", "felt", 3));
        t.Struct("m.DictAccess", ("key", "felt", 0), ("prev_value", "felt", 1), ("new_value", "felt", 2));
        t.StructRef("temps", "m.LoopTemps", -8);
        var first = t.Memory.AddSegment();
        var second = t.Memory.AddSegment();
        t.PointerRef("ptr", "m.DictAccess*", -2, first);
        var ids = t.Ids();
        ids.Set(t.Context, "temps.should_continue", 1UL);
        ids.Set(t.Context, "ptr.prev_value", 4UL);
        Assert.Equal(Felt.FromUInt64(1), t.FeltAt(t.Fp.Add(-5)));
        Assert.Equal(Felt.FromUInt64(4), t.FeltAt(first.Add(1)));

        t.Vm.Fp = t.Fp.Add(10);            // a second call of the function: another frame
        t.Memory.Insert(t.Fp.Add(-2), second);
        ids.Set(t.Context, "temps.should_continue", 0UL);
        ids.Set(t.Context, "ptr.prev_value", 6UL);
        Assert.Equal(Felt.FromUInt64(0), t.FeltAt(t.Fp.Add(-5)));
        Assert.Equal(Felt.FromUInt64(6), t.FeltAt(second.Add(1)));
        Assert.Equal(Felt.FromUInt64(4), t.FeltAt(first.Add(1)));

        for (int i = 0; i < 2; i++)
        {
            var e = Assert.Throws<HintException>(() => ids.Get(t.Context, "ptr.value"));
            Assert.Contains("no member value", e.Message);
        }
    }

    [Fact]
    public void Constants_resolve_through_scopes_and_aliases()
    {
        var t = new HintTester();
        t.Const("SHIFT", 1UL << 20, scope: "__main__");
        t.Const("SHIFT", 5, scope: HintTester.Scope); // innermost scope wins
        t.Const("BOUND", 77, scope: "lib");
        t.Alias("__main__.BOUND", "lib.BOUND");
        t.Struct("lib.DictAccess", ("key", "felt", 0), ("prev_value", "felt", 1), ("new_value", "felt", 2));
        t.Alias("__main__.DictAccess", "lib.DictAccess");
        var ids = t.Ids();
        Assert.Equal(Felt.FromUInt64(5), ids.GetConst("SHIFT"));
        Assert.Equal(Felt.FromUInt64(77), ids.GetConst("BOUND"));
        Assert.Equal(3, ids.GetStructSize("DictAccess"));
        var e = Assert.Throws<HintException>(() => ids.GetConst("NOPE"));
        Assert.Contains("NOPE", e.Message);
    }

    [Fact]
    public void Unknown_variable_is_an_error()
    {
        var t = new HintTester();
        var e = Assert.Throws<HintException>(() => t.Ids().GetFelt(t.Context, "missing"));
        Assert.Contains("missing", e.Message);
    }
}
