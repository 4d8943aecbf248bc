using Cairn.Cairo.Hints;
using Cairn.Cairo.Hints.Cairo0;

namespace Cairn.Cairo.Tests.Hints.Cairo0;

public sealed class RegistryTests
{
    [Fact]
    public void Unknown_hint_code_is_an_error_quoting_it()
    {
        var t = new HintTester();
        var e = Assert.Throws<HintException>(() => t.Compile("print('hello')\nx = 1"));
        Assert.Contains("print('hello')\nx = 1", e.Message);
    }

    [Fact]
    public void Registry_knows_many_hints() => Assert.True(Cairo0HintRegistry.Default.Count > 20);

    [Fact]
    public void Registry_codes_are_distinct_and_the_families_are_all_there()
    {
        var codes = Cairo0HintRegistry.Default.Codes.ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.True(codes.Count >= 200, $"only {codes.Count} hints");
        Assert.Contains(DictHints.DictRead, codes);
        Assert.Contains(SquashDictHints.SquashDict, codes);
        Assert.Contains(KeccakHints.BlockPermutation, codes);
        Assert.Contains(Blake2sHints.Blake2sFinalizeV3, codes);
    }

    [Fact]
    public void Custom_hints_extend_a_copy()
    {
        var registry = Cairo0HintRegistry.Default.Clone();
        registry.Register("ids.y = ids.x * 2", (c, ids) => ids.Set(c, "y", ids.GetFelt(c, "x") * Cairn.Primitives.Felt.Two));
        Assert.False(Cairo0HintRegistry.Default.Contains("ids.y = ids.x * 2"));
        var t = new HintTester().Felt("x", -2, 21).Felt("y", -1);
        var program = t.BuildProgram("ids.y = ids.x * 2");
        registry.Compile(new Cairo0HintSite(program.Hints[0][0], program)).Execute(t.Context);
        Assert.Equal(Cairn.Primitives.Felt.FromUInt64(42), t.FeltAt(t.Fp.Add(-1)));
    }
}
