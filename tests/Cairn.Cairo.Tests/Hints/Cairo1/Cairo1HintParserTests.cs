using System.Text.Json;
using Cairn.Cairo.Hints.Cairo1;
using Cairn.Primitives;
using Cairn.Testing;
using static Cairn.Cairo.Tests.Hints.Cairo1.HintFixture;

namespace Cairn.Cairo.Tests.Hints.Cairo1;

public class Cairo1HintParserTests
{
    private const string ApM1 = """{"register": "AP", "offset": -1}""";
    private const string Fp3 = """{"register": "FP", "offset": 3}""";

    private static Cairo1Hint P(string json) => Cairo1HintParser.Parse(json);

    private static string J(string json) => json.Replace("APM1", ApM1, StringComparison.Ordinal).Replace("FP3", Fp3, StringComparison.Ordinal);

    [Fact]
    public void Parses_the_spec_examples()
    {
        var h = P("""{"TestLessThanOrEqual": {"lhs": {"Immediate": "0x0"}, "rhs": {"Deref": {"register": "FP", "offset": -6}}, "dst": {"register": "AP", "offset": 0}}}""");
        Assert.Equal(new TestLessThanOrEqualHint(Imm(Felt.Zero), D(Fp(-6)), Ap(0)), h);
        Assert.Equal(Cairo1HintFamily.Core, h.Family);

        var s = P("""{"SystemCall": {"system": {"BinOp": {"op": "Add", "a": {"register": "FP", "offset": -6}, "b": {"Immediate": "0x5"}}}}}""");
        Assert.Equal(new SystemCallHint(ResOperand.BinOp(BinOpKind.Add, Fp(-6), Felt.FromUInt64(5))), s);
        Assert.Equal(Cairo1HintFamily.Starknet, s.Family);
    }

    [Fact]
    public void Parses_every_operand_shape()
    {
        var h = (TestLessThanHint)P(J("""{"TestLessThan": {"lhs": {"DoubleDeref": [APM1, 7]}, "rhs": {"BinOp": {"op": "Mul", "a": FP3, "b": {"Deref": APM1}}}, "dst": FP3}}"""));
        Assert.Equal(ResOperand.DoubleDeref(Ap(-1), 7), h.Lhs);
        Assert.Equal(ResOperand.BinOp(BinOpKind.Mul, Fp(3), Ap(-1)), h.Rhs);
        Assert.Equal(Fp(3), h.Dst);
    }

    [Fact]
    public void Immediates_accept_negative_hex_and_reduce_modulo_p()
    {
        var h = (AllocConstantSizeHint)P(J("""{"AllocConstantSize": {"size": {"Immediate": "-0x1"}, "dst": FP3}}"""));
        Assert.Equal(Felt.MaxValue, h.Size.Immediate);
        var big = (AllocConstantSizeHint)P(J("""{"AllocConstantSize": {"size": {"Immediate": "0x800000000000011000000000000000000000000000000000000000000000003"}, "dst": FP3}}"""));
        Assert.Equal(Felt.Two, big.Size.Immediate);
    }

    [Theory]
    [InlineData("AssertAllKeysUsed", typeof(AssertAllKeysUsedHint))]
    [InlineData("AssertCurrentAccessIndicesIsEmpty", typeof(AssertCurrentAccessIndicesIsEmptyHint))]
    [InlineData("AssertLeAssertThirdArcExcluded", typeof(AssertLeAssertThirdArcExcludedHint))]
    public void Unit_variants_are_bare_strings(string name, Type type)
    {
        var h = Cairo1HintParser.Parse(JsonSerializer.Serialize(name));
        Assert.IsType(type, h);
        Assert.Equal(Cairo1HintFamily.Deprecated, h.Family);
        Assert.Equal(name, h.VariantName);
    }

    public static TheoryData<string> AllVariants() =>
    [
        J("""{"AllocSegment": {"dst": FP3}}"""),
        J("""{"TestLessThan": {"lhs": {"Deref": APM1}, "rhs": {"Immediate": "0x10"}, "dst": FP3}}"""),
        J("""{"TestLessThanOrEqual": {"lhs": {"Deref": APM1}, "rhs": {"Immediate": "0x10"}, "dst": FP3}}"""),
        J("""{"TestLessThanOrEqualAddress": {"lhs": {"Deref": APM1}, "rhs": {"Deref": APM1}, "dst": FP3}}"""),
        J("""{"WideMul128": {"lhs": {"Deref": APM1}, "rhs": {"Deref": APM1}, "high": FP3, "low": APM1}}"""),
        J("""{"DivMod": {"lhs": {"Deref": APM1}, "rhs": {"Deref": APM1}, "quotient": FP3, "remainder": APM1}}"""),
        J("""{"Uint256DivMod": {"dividend0": {"Deref": APM1}, "dividend1": {"Deref": APM1}, "divisor0": {"Deref": APM1}, "divisor1": {"Deref": APM1}, "quotient0": FP3, "quotient1": FP3, "remainder0": FP3, "remainder1": FP3}}"""),
        J("""{"Uint512DivModByUint256": {"dividend0": {"Deref": APM1}, "dividend1": {"Deref": APM1}, "dividend2": {"Deref": APM1}, "dividend3": {"Deref": APM1}, "divisor0": {"Deref": APM1}, "divisor1": {"Deref": APM1}, "quotient0": FP3, "quotient1": FP3, "quotient2": FP3, "quotient3": FP3, "remainder0": FP3, "remainder1": FP3}}"""),
        J("""{"SquareRoot": {"value": {"Deref": APM1}, "dst": FP3}}"""),
        J("""{"Uint256SquareRoot": {"value_low": {"Deref": APM1}, "value_high": {"Deref": APM1}, "sqrt0": FP3, "sqrt1": FP3, "remainder_low": FP3, "remainder_high": FP3, "sqrt_mul_2_minus_remainder_ge_u128": FP3}}"""),
        J("""{"LinearSplit": {"value": {"Deref": APM1}, "scalar": {"Immediate": "0x3"}, "max_x": {"Immediate": "0x4"}, "x": FP3, "y": APM1}}"""),
        J("""{"AllocFelt252Dict": {"segment_arena_ptr": {"Deref": APM1}}}"""),
        J("""{"Felt252DictEntryInit": {"dict_ptr": {"Deref": APM1}, "key": {"Deref": APM1}}}"""),
        J("""{"Felt252DictEntryUpdate": {"dict_ptr": {"Deref": APM1}, "value": {"Deref": APM1}}}"""),
        J("""{"GetSegmentArenaIndex": {"dict_end_ptr": {"Deref": APM1}, "dict_index": FP3}}"""),
        J("""{"InitSquashData": {"dict_accesses": {"Deref": APM1}, "ptr_diff": {"Deref": APM1}, "n_accesses": {"Deref": APM1}, "big_keys": FP3, "first_key": FP3}}"""),
        J("""{"GetCurrentAccessIndex": {"range_check_ptr": {"Deref": APM1}}}"""),
        J("""{"ShouldSkipSquashLoop": {"should_skip_loop": FP3}}"""),
        J("""{"GetCurrentAccessDelta": {"index_delta_minus1": FP3}}"""),
        J("""{"ShouldContinueSquashLoop": {"should_continue": FP3}}"""),
        J("""{"GetNextDictKey": {"next_key": FP3}}"""),
        J("""{"AssertLeFindSmallArcs": {"range_check_ptr": {"Deref": APM1}, "a": {"Deref": APM1}, "b": {"Deref": APM1}}}"""),
        J("""{"AssertLeIsFirstArcExcluded": {"skip_exclude_a_flag": FP3}}"""),
        J("""{"AssertLeIsSecondArcExcluded": {"skip_exclude_b_minus_a": FP3}}"""),
        J("""{"RandomEcPoint": {"x": FP3, "y": APM1}}"""),
        J("""{"FieldSqrt": {"val": {"Deref": APM1}, "sqrt": FP3}}"""),
        J("""{"DebugPrint": {"start": {"Deref": APM1}, "end": {"Deref": APM1}}}"""),
        J("""{"AllocConstantSize": {"size": {"Immediate": "0x2"}, "dst": FP3}}"""),
        J("""{"U256InvModN": {"b0": {"Deref": APM1}, "b1": {"Deref": APM1}, "n0": {"Deref": APM1}, "n1": {"Deref": APM1}, "g0_or_no_inv": FP3, "g1_option": FP3, "s_or_r0": FP3, "s_or_r1": FP3, "t_or_k0": FP3, "t_or_k1": FP3}}"""),
        J("""{"EvalCircuit": {"n_add_mods": {"Deref": APM1}, "add_mod_builtin": {"Deref": APM1}, "n_mul_mods": {"Deref": APM1}, "mul_mod_builtin": {"Deref": APM1}}}"""),
        J("""{"AssertAllAccessesUsed": {"n_used_accesses": FP3}}"""),
        J("""{"AssertLtAssertValidInput": {"a": {"Deref": APM1}, "b": {"Deref": APM1}}}"""),
        J("""{"Felt252DictRead": {"dict_ptr": {"Deref": APM1}, "key": {"Deref": APM1}, "value_dst": FP3}}"""),
        J("""{"Felt252DictWrite": {"dict_ptr": {"Deref": APM1}, "key": {"Deref": APM1}, "value": {"Deref": APM1}}}"""),
        J("""{"SystemCall": {"system": {"Deref": APM1}}}"""),
        J("""{"Cheatcode": {"selector": "0x123", "input_start": {"Deref": APM1}, "input_end": {"Deref": APM1}, "output_start": FP3, "output_end": FP3}}"""),
        J("""{"AddRelocationRule": {"src": {"Deref": APM1}, "dst": {"Deref": APM1}}}"""),
        J("""{"WriteRunParam": {"index": {"Immediate": "0x0"}, "dst": FP3}}"""),
        J("""{"AddMarker": {"start": {"Deref": APM1}, "end": {"Deref": APM1}}}"""),
        J("""{"AddTrace": {"flag": {"Immediate": "0x70616e6963"}}}"""),
        J("""{"Blake2sCompress": {"state": {"Deref": APM1}, "byte_count": {"Deref": APM1}, "message": {"Deref": APM1}, "output": {"Deref": APM1}, "finalize": {"Deref": APM1}}}"""),
    ];

    [Theory]
    [MemberData(nameof(AllVariants))]
    public void Parses_every_variant_with_its_name(string json)
    {
        var h = P(json);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(doc.RootElement.EnumerateObject().Single().Name, h.VariantName);
        Assert.Equal(h, P(json));
    }

    [Fact]
    public void Unknown_variant_is_named()
    {
        var e = Assert.Throws<FormatException>(() => P("""{"FrobnicateTheVm": {"dst": {"register": "AP", "offset": 0}}}"""));
        Assert.Contains("FrobnicateTheVm", e.Message);
        var e2 = Assert.Throws<FormatException>(() => P("\"NoSuchUnitHint\""));
        Assert.Contains("NoSuchUnitHint", e2.Message);
    }

    [Fact]
    public void Missing_or_malformed_fields_name_variant_and_field()
    {
        var e = Assert.Throws<FormatException>(() => P("""{"DivMod": {"lhs": {"Immediate": "0x1"}, "rhs": {"Immediate": "0x1"}, "quotient": {"register": "AP", "offset": 0}}}"""));
        Assert.Contains("DivMod", e.Message);
        Assert.Contains("remainder", e.Message);

        var bad = Assert.Throws<FormatException>(() => P("""{"AllocSegment": {"dst": {"register": "XP", "offset": 0}}}"""));
        Assert.Contains("AllocSegment", bad.Message);
        Assert.Contains("dst", bad.Message);
        Assert.Contains("XP", bad.Message);

        var off = Assert.Throws<FormatException>(() => P("""{"AllocSegment": {"dst": {"register": "AP", "offset": 40000}}}"""));
        Assert.Contains("offset", off.Message);

        var op = Assert.Throws<FormatException>(() => P("""{"SquareRoot": {"value": {"BinOp": {"op": "Sub", "a": {"register": "AP", "offset": 0}, "b": {"Immediate": "0x1"}}}, "dst": {"register": "AP", "offset": 0}}}"""));
        Assert.Contains("Sub", op.Message);

        var imm = Assert.Throws<FormatException>(() => P("""{"SquareRoot": {"value": {"Immediate": "0xZZ"}, "dst": {"register": "AP", "offset": 0}}}"""));
        Assert.Contains("0xZZ", imm.Message);

        var unit = Assert.Throws<FormatException>(() => P("\"AllocSegment\""));
        Assert.Contains("AllocSegment", unit.Message);

        Assert.Throws<FormatException>(() => P("""{"AllocSegment": {"dst": {"register": "AP", "offset": 0}}, "DivMod": {}}"""));
        Assert.Throws<FormatException>(() => P("[1, 2]"));
    }

    [Fact]
    public void ParseHints_maps_pcs_to_hint_lists()
    {
        using var doc = JsonDocument.Parse(J("""[[0, [{"AllocSegment": {"dst": FP3}}]], [7, [{"AllocSegment": {"dst": APM1}}, "AssertAllKeysUsed"]]]"""));
        var hints = Cairo1HintParser.ParseHints(doc.RootElement);
        Assert.Equal([0, 7], hints.Keys.Order());
        Assert.Equal(new AllocSegmentHint(Fp(3)), hints[0].Single());
        Assert.Equal(2, hints[7].Length);
        Assert.IsType<AssertAllKeysUsedHint>(hints[7][1]);
    }

    [Fact]
    public void ParseHints_errors_name_the_pc()
    {
        using var doc = JsonDocument.Parse("""[[12, [{"Nope": {}}]]]""");
        var e = Assert.Throws<FormatException>(() => Cairo1HintParser.ParseHints(doc.RootElement));
        Assert.Contains("pc 12", e.Message);
        Assert.Contains("Nope", e.Message);
        using var dup = JsonDocument.Parse("""[[1, []], [1, []]]""");
        Assert.Throws<FormatException>(() => Cairo1HintParser.ParseHints(dup.RootElement));
    }

    [Fact]
    public void Parses_every_hint_of_every_contract_fixture()
    {
        var names = ContractFixtures.Names();
        Assert.NotEmpty(names);
        int total = 0;
        var variants = new HashSet<string>();
        foreach (var name in names)
        {
            using var doc = JsonDocument.Parse(ContractFixtures.CasmJson(name));
            var hints = Cairo1HintParser.ParseClassHints(doc.RootElement);
            int bytecodeLength = doc.RootElement.GetProperty("bytecode").GetArrayLength();
            foreach (var (pc, list) in hints)
            {
                Assert.InRange(pc, 0, bytecodeLength - 1);
                foreach (var h in list)
                {
                    var c1 = Assert.IsAssignableFrom<Cairo1Hint>(h);
                    Assert.NotEqual(Cairo1HintFamily.External, c1.Family);
                    variants.Add(c1.VariantName);
                    total++;
                }
            }
            int expected = doc.RootElement.GetProperty("hints").EnumerateArray().Sum(e => e[1].GetArrayLength());
            Assert.Equal(expected, hints.Values.Sum(l => l.Length));
        }
        Assert.True(total > 10_000, $"only {total} hints");
        Assert.Contains("SystemCall", variants);
        Assert.Contains("U256InvModN", variants);
    }
}
