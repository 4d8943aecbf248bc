using System.Text.Json;

namespace Cairn.Cairo.Hints.Cairo1;

/// <summary>
/// Reads Cairo 1 hints from their CASM JSON form (cairo-vm.md §6.3): each hint is a single-key object
/// <c>{"Variant": {fields}}</c> (serde's untagged <c>Hint = Core | Deprecated | Starknet | External</c> over
/// externally tagged enums), unit variants also as a bare string. Unknown variants, missing fields
/// and malformed values throw <see cref="FormatException"/> naming the variant and field. Fields not
/// used by a variant are ignored (as serde does).
/// </summary>
public static class Cairo1HintParser
{
    /// <summary>Parses one hint.</summary>
    public static Cairo1Hint Parse(JsonElement hint)
    {
        if (hint.ValueKind == JsonValueKind.String) return ParseUnit(hint.GetString()!);
        if (hint.ValueKind != JsonValueKind.Object) throw new FormatException($"a Cairo 1 hint must be an object {{\"Variant\": {{…}}}} or a string, found {hint.ValueKind}");
        JsonProperty? single = null;
        int count = 0;
        foreach (var p in hint.EnumerateObject())
        {
            single = p;
            count++;
        }
        if (count != 1 || single is not { } prop) throw new FormatException($"a Cairo 1 hint object must have exactly one key (the variant name), found {count}");
        if (prop.Value.ValueKind == JsonValueKind.Null) return ParseUnit(prop.Name);
        return ParseVariant(prop.Name, new Fields(prop.Name, prop.Value));
    }

    /// <summary>Parses one hint from JSON text.</summary>
    public static Cairo1Hint Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return Parse(doc.RootElement);
    }

    /// <summary>
    /// Parses a CASM <c>hints</c> list <c>[[pc, [hint, …]], …]</c> into hints by pc (the shape
    /// <see cref="Vm.VirtualMachine.SetHints"/> takes). A pc listed twice is an error.
    /// </summary>
    public static Dictionary<int, IHint[]> ParseHints(JsonElement hintsArray)
    {
        if (hintsArray.ValueKind != JsonValueKind.Array) throw new FormatException($"CASM \"hints\" must be an array of [pc, [hint, …]], found {hintsArray.ValueKind}");
        var result = new Dictionary<int, IHint[]>();
        int entry = 0;
        foreach (var item in hintsArray.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Array || item.GetArrayLength() != 2) throw new FormatException($"CASM hints entry {entry} must be [pc, [hint, …]]");
            var pcJson = item[0];
            if (pcJson.ValueKind != JsonValueKind.Number || !pcJson.TryGetInt32(out int pc) || pc < 0) throw new FormatException($"CASM hints entry {entry}: pc must be a non-negative integer, found {pcJson.GetRawText()}");
            var list = item[1];
            if (list.ValueKind != JsonValueKind.Array) throw new FormatException($"CASM hints entry {entry} (pc {pc}): expected an array of hints");
            var hints = new IHint[list.GetArrayLength()];
            int i = 0;
            foreach (var h in list.EnumerateArray())
            {
                try
                {
                    hints[i++] = Parse(h);
                }
                catch (FormatException e)
                {
                    throw new FormatException($"CASM hint {i - 1} at pc {pc}: {e.Message}", e);
                }
            }
            if (!result.TryAdd(pc, hints)) throw new FormatException($"CASM hints: pc {pc} is listed twice");
            entry++;
        }
        return result;
    }

    /// <summary>Parses the <c>hints</c> of a CASM contract class (a class without the property has none).</summary>
    public static Dictionary<int, IHint[]> ParseClassHints(JsonElement casmClass) =>
        casmClass.TryGetProperty("hints", out var hints) ? ParseHints(hints) : [];

    private static Cairo1Hint ParseUnit(string name) => name switch
    {
        "AssertCurrentAccessIndicesIsEmpty" => new AssertCurrentAccessIndicesIsEmptyHint(),
        "AssertAllKeysUsed" => new AssertAllKeysUsedHint(),
        "AssertLeAssertThirdArcExcluded" => new AssertLeAssertThirdArcExcludedHint(),
        _ => throw new FormatException(IsKnownVariant(name)
            ? $"hint {name} has fields but was given none"
            : $"unknown Cairo 1 hint variant \"{name}\""),
    };

    private static bool IsKnownVariant(string name)
    {
        try
        {
            ParseVariant(name, null);
            return true;
        }
        catch (FormatException e) when (e.Data.Contains(UnknownMarker))
        {
            return false;
        }
        catch (FormatException)
        {
            return true;
        }
    }

    private const string UnknownMarker = "cairn.unknown_variant";

    private static Cairo1Hint ParseVariant(string name, Fields? fields)
    {
        Fields f = fields ?? new Fields(name, default);
        return name switch
        {
            // CoreHint
            "AllocSegment" => new AllocSegmentHint(f.Cell("dst")),
            "TestLessThan" => new TestLessThanHint(f.Res("lhs"), f.Res("rhs"), f.Cell("dst")),
            "TestLessThanOrEqual" => new TestLessThanOrEqualHint(f.Res("lhs"), f.Res("rhs"), f.Cell("dst")),
            "TestLessThanOrEqualAddress" => new TestLessThanOrEqualAddressHint(f.Res("lhs"), f.Res("rhs"), f.Cell("dst")),
            "WideMul128" => new WideMul128Hint(f.Res("lhs"), f.Res("rhs"), f.Cell("high"), f.Cell("low")),
            "DivMod" => new DivModHint(f.Res("lhs"), f.Res("rhs"), f.Cell("quotient"), f.Cell("remainder")),
            "Uint256DivMod" => new Uint256DivModHint(
                f.Res("dividend0"), f.Res("dividend1"), f.Res("divisor0"), f.Res("divisor1"),
                f.Cell("quotient0"), f.Cell("quotient1"), f.Cell("remainder0"), f.Cell("remainder1")),
            "Uint512DivModByUint256" => new Uint512DivModByUint256Hint(
                f.Res("dividend0"), f.Res("dividend1"), f.Res("dividend2"), f.Res("dividend3"),
                f.Res("divisor0"), f.Res("divisor1"),
                f.Cell("quotient0"), f.Cell("quotient1"), f.Cell("quotient2"), f.Cell("quotient3"),
                f.Cell("remainder0"), f.Cell("remainder1")),
            "SquareRoot" => new SquareRootHint(f.Res("value"), f.Cell("dst")),
            "Uint256SquareRoot" => new Uint256SquareRootHint(
                f.Res("value_low"), f.Res("value_high"), f.Cell("sqrt0"), f.Cell("sqrt1"),
                f.Cell("remainder_low"), f.Cell("remainder_high"), f.Cell("sqrt_mul_2_minus_remainder_ge_u128")),
            "LinearSplit" => new LinearSplitHint(f.Res("value"), f.Res("scalar"), f.Res("max_x"), f.Cell("x"), f.Cell("y")),
            "AllocFelt252Dict" => new AllocFelt252DictHint(f.Res("segment_arena_ptr")),
            "Felt252DictEntryInit" => new Felt252DictEntryInitHint(f.Res("dict_ptr"), f.Res("key")),
            "Felt252DictEntryUpdate" => new Felt252DictEntryUpdateHint(f.Res("dict_ptr"), f.Res("value")),
            "GetSegmentArenaIndex" => new GetSegmentArenaIndexHint(f.Res("dict_end_ptr"), f.Cell("dict_index")),
            "InitSquashData" => new InitSquashDataHint(f.Res("dict_accesses"), f.Res("ptr_diff"), f.Res("n_accesses"), f.Cell("big_keys"), f.Cell("first_key")),
            "GetCurrentAccessIndex" => new GetCurrentAccessIndexHint(f.Res("range_check_ptr")),
            "ShouldSkipSquashLoop" => new ShouldSkipSquashLoopHint(f.Cell("should_skip_loop")),
            "GetCurrentAccessDelta" => new GetCurrentAccessDeltaHint(f.Cell("index_delta_minus1")),
            "ShouldContinueSquashLoop" => new ShouldContinueSquashLoopHint(f.Cell("should_continue")),
            "GetNextDictKey" => new GetNextDictKeyHint(f.Cell("next_key")),
            "AssertLeFindSmallArcs" => new AssertLeFindSmallArcsHint(f.Res("range_check_ptr"), f.Res("a"), f.Res("b")),
            "AssertLeIsFirstArcExcluded" => new AssertLeIsFirstArcExcludedHint(f.Cell("skip_exclude_a_flag")),
            "AssertLeIsSecondArcExcluded" => new AssertLeIsSecondArcExcludedHint(f.Cell("skip_exclude_b_minus_a")),
            "RandomEcPoint" => new RandomEcPointHint(f.Cell("x"), f.Cell("y")),
            "FieldSqrt" => new FieldSqrtHint(f.Res("val"), f.Cell("sqrt")),
            "DebugPrint" => new DebugPrintHint(f.Res("start"), f.Res("end")),
            "AllocConstantSize" => new AllocConstantSizeHint(f.Res("size"), f.Cell("dst")),
            "U256InvModN" => new U256InvModNHint(
                f.Res("b0"), f.Res("b1"), f.Res("n0"), f.Res("n1"),
                f.Cell("g0_or_no_inv"), f.Cell("g1_option"), f.Cell("s_or_r0"), f.Cell("s_or_r1"), f.Cell("t_or_k0"), f.Cell("t_or_k1")),
            "EvalCircuit" => new EvalCircuitHint(f.Res("n_add_mods"), f.Res("add_mod_builtin"), f.Res("n_mul_mods"), f.Res("mul_mod_builtin")),

            // DeprecatedHint
            "AssertCurrentAccessIndicesIsEmpty" => new AssertCurrentAccessIndicesIsEmptyHint(),
            "AssertAllKeysUsed" => new AssertAllKeysUsedHint(),
            "AssertLeAssertThirdArcExcluded" => new AssertLeAssertThirdArcExcludedHint(),
            "AssertAllAccessesUsed" => new AssertAllAccessesUsedHint(f.Cell("n_used_accesses")),
            "AssertLtAssertValidInput" => new AssertLtAssertValidInputHint(f.Res("a"), f.Res("b")),
            "Felt252DictRead" => new Felt252DictReadHint(f.Res("dict_ptr"), f.Res("key"), f.Cell("value_dst")),
            "Felt252DictWrite" => new Felt252DictWriteHint(f.Res("dict_ptr"), f.Res("key"), f.Res("value")),

            // StarknetHint
            "SystemCall" => new SystemCallHint(f.Res("system")),
            "Cheatcode" => new CheatcodeHint(f.BigInt("selector"), f.Res("input_start"), f.Res("input_end"), f.Cell("output_start"), f.Cell("output_end")),

            // ExternalHint
            "AddRelocationRule" => new AddRelocationRuleHint(f.Res("src"), f.Res("dst")),
            "WriteRunParam" => new WriteRunParamHint(f.Res("index"), f.Cell("dst")),
            "AddMarker" => new AddMarkerHint(f.Res("start"), f.Res("end")),
            "AddTrace" => new AddTraceHint(f.Res("flag")),
            "Blake2sCompress" => new Blake2sCompressHint(f.Res("state"), f.Res("byte_count"), f.Res("message"), f.Res("output"), f.Res("finalize")),

            _ => throw new FormatException($"unknown Cairo 1 hint variant \"{name}\"") { Data = { [UnknownMarker] = true } },
        };
    }

    /// <summary>Field access on a variant's body with errors naming the variant and field.</summary>
    private readonly struct Fields(string variant, JsonElement body)
    {
        private JsonElement Get(string field)
        {
            if (body.ValueKind != JsonValueKind.Object) throw new FormatException($"hint {variant}: expected an object of fields, found {body.ValueKind}");
            if (!body.TryGetProperty(field, out var v)) throw new FormatException($"hint {variant}: missing field \"{field}\"");
            return v;
        }

        public CellRef Cell(string field) => CellRef.FromJson(Get(field), $"hint {variant}, field \"{field}\"");

        public ResOperand Res(string field) => ResOperand.FromJson(Get(field), $"hint {variant}, field \"{field}\"");

        public System.Numerics.BigInteger BigInt(string field) => ResOperand.ParseBigInt(Get(field), $"hint {variant}, field \"{field}\"");
    }
}
