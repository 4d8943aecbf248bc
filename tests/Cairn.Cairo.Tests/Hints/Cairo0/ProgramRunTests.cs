using System.Text.Json;
using Cairn.Cairo.Hints.Cairo0;
using Cairn.Cairo.Instructions;
using Cairn.Cairo.Programs;
using Cairn.Cairo.Runners;
using Cairn.Cairo.Vm;
using Cairn.Primitives;
using static Cairn.Cairo.Instructions.Register;

namespace Cairn.Cairo.Tests.Hints.Cairo0;

/// <summary>Whole runs where Cairo 0 hints feed real instructions.</summary>
public sealed class ProgramRunTests
{
    private static object Hint(string code, int apOffset, Dictionary<string, int> refs) => new
    {
        code,
        accessible_scopes = new[] { "__main__", "__main__.main" },
        flow_tracking_data = new { ap_tracking = new { group = 0, offset = apOffset }, reference_ids = refs },
    };

    private static object Ref(string value, int apOffset) => new { ap_tracking_data = new { group = 0, offset = apOffset }, pc = 0, value };

    /// <summary>
    /// main(range_check_ptr): value = 100, div = 7 pushed on the stack; unsigned_div_rem's hint writes
    /// q and r (ap-based references made at other ap offsets); the program checks q * div + r == value
    /// and returns range_check_ptr.
    /// </summary>
    private static string DivRemProgramJson(ulong div)
    {
        var a = new Asm()
            .AssertImm(Ap, 0, 100, apPlusPlus: true)                                  // 0: value
            .AssertImm(Ap, 0, div, apPlusPlus: true);                                 // 2: div
        int hintPc = a.Pc;
        a.ApAdd(2)                                                                    // 4: room for q, r
            .AssertOp(ResLogic.Mul, Ap, 0, Ap, -2, Ap, -3, apPlusPlus: true)          // q * div
            .AssertOp(ResLogic.Add, Ap, 0, Ap, -1, Ap, -2, apPlusPlus: true)          // + r
            .AssertCopy(Ap, -1, Ap, -6)                                               // == value
            .AssertCopy(Ap, 0, Fp, -3, apPlusPlus: true)                              // return range_check_ptr
            .Ret();
        var program = new Dictionary<string, object?>
        {
            ["prime"] = "0x800000000000011000000000000000000000000000000000000000000000001",
            ["data"] = a.Words.Select(w => w.ToHexString()).ToArray(),
            ["builtins"] = new[] { "range_check" },
            ["main_scope"] = "__main__",
            ["hints"] = new Dictionary<string, object>
            {
                [hintPc.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new[]
                {
                    Hint(MathHints.UnsignedDivRem, 2, new Dictionary<string, int>
                    {
                        ["__main__.main.value"] = 0, ["__main__.main.div"] = 1, ["__main__.main.q"] = 2, ["__main__.main.r"] = 3,
                    }),
                },
            },
            ["identifiers"] = new Dictionary<string, object>
            {
                ["__main__.main"] = new { type = "function", pc = 0, decorators = Array.Empty<string>() },
                ["__main__.Pair"] = new { type = "struct", full_name = "__main__.Pair", size = 2, members = new { x = new { cairo_type = "felt", offset = 0 }, y = new { cairo_type = "felt*", offset = 1 } } },
            },
            ["reference_manager"] = new
            {
                references = new[]
                {
                    Ref("[cast(ap + (-1), felt*)]", 1),   // value, made after the first push
                    Ref("[cast(ap + (-1), felt*)]", 2),   // div
                    Ref("[cast(ap, felt*)]", 2),          // q
                    Ref("[cast(ap + 1, felt*)]", 2),      // r
                },
            },
        };
        return JsonSerializer.Serialize(program);
    }

    [Fact]
    public void Unsigned_div_rem_hint_feeds_the_program()
    {
        var program = CairoProgram.Parse(DivRemProgramJson(7));
        Assert.Equal(new StructMember("felt*", 1), program.Identifiers["__main__.Pair"].Members!["y"]);
        Assert.Equal(2, program.Identifiers["__main__.Pair"].Size);
        var runner = new CairoRunner(program);
        runner.RunMain();
        // Stack: [range_check_ptr, return_fp, end_pc], then value, div, q, r.
        Assert.Equal(Felt.FromUInt64(14), runner.Memory.GetFelt(runner.ExecutionBase.Add(5)));
        Assert.Equal(Felt.FromUInt64(2), runner.Memory.GetFelt(runner.ExecutionBase.Add(6)));
        Assert.Equal(1, runner.Vm.HintContext.Scopes.Depth);
    }

    [Fact]
    public void A_failing_hint_aborts_the_run_with_its_message()
    {
        var runner = new CairoRunner(CairoProgram.Parse(DivRemProgramJson(0)));
        var e = Assert.Throws<VmException>(() => runner.RunMain());
        Assert.Contains("div=0x0 is out of the valid range.", e.ToString());
    }

    [Fact]
    public void Unknown_hint_fails_at_load_quoting_the_code()
    {
        var json = DivRemProgramJson(7).Replace("from starkware.cairo.common.math_utils import assert_integer", "from elsewhere import nothing", StringComparison.Ordinal);
        var e = Assert.Throws<VmException>(() => new CairoRunner(CairoProgram.Parse(json)).RunMain());
        Assert.Contains("from elsewhere import nothing", e.ToString());
    }

    /// <summary>
    /// ptr = alloc(); memset(ptr, 42, 3) as a loop driven by the memset hints (enter scope with n,
    /// continue_loop each iteration, exit scope at the end).
    /// </summary>
    [Fact]
    public void Alloc_and_memset_loop()
    {
        var a = new Asm();
        int allocPc = a.Pc;
        a.ApAdd(1);                                                                   // ptr = segments.add()
        a.AssertImm(Ap, 0, 3, apPlusPlus: true);                                      // n
        int enterPc = a.Pc;
        a.AssertCopy(Ap, 0, Ap, -2, apPlusPlus: true)                                 // p = ptr
            .ApAdd(1);                                                                // (flag slot)
        int loop = a.Pc;
        a.AssertImm(Ap, 0, 42, apPlusPlus: true)
            .AssertDeref(Ap, -1, Ap, -3);                                             // [p] = 42
        int continuePc = a.Pc;
        a.AssertOpImm(ResLogic.Add, Ap, 0, Ap, -3, 1, apPlusPlus: true)               // p + 1
            .ApAdd(1)                                                                 // flag (written by the hint)
            .Jnz(loop, Ap, -1);
        int exitPc = a.Pc;
        a.Ret();

        var refs = new List<ProgramReference>
        {
            new(0, "[cast(ap + (-1), felt*)]", new ApTracking(0, 0)),   // n (at the enter hint)
            new(0, "[cast(ap + 1, felt*)]", new ApTracking(1, 0)),      // continue_loop
        };
        var hints = new Dictionary<int, IReadOnlyList<HintDefinition>>
        {
            [allocPc] = [Def(allocPc, "memory[ap] = segments.add()", new(0, 0), [])],
            [enterPc] = [Def(enterPc, "vm_enter_scope({'n': ids.n})", new(0, 0), new() { ["__main__.main.n"] = 0 })],
            [continuePc] = [Def(continuePc, "n -= 1\nids.continue_loop = 1 if n > 0 else 0", new(1, 0), new() { ["__main__.main.continue_loop"] = 1 })],
            [exitPc] = [Def(exitPc, "vm_exit_scope()", new(2, 0), [])],
        };
        var program = new CairoProgram(
            a.Words.ToArray(),
            hints: hints,
            identifiers: new Dictionary<string, ProgramIdentifier> { ["__main__.main"] = new("__main__.main", "function", 0, null, null) },
            references: refs);
        var runner = new CairoRunner(program);
        runner.RunMain();
        var ptr = runner.Memory.GetRelocatable(runner.ExecutionBase.Add(2));
        for (int i = 0; i < 3; i++) Assert.Equal(Felt.FromUInt64(42), runner.Memory.GetFelt(ptr.Add(i)));
        Assert.False(runner.Memory.TryGet(ptr.Add(3), out _));
        Assert.Equal(1, runner.Vm.HintContext.Scopes.Depth);
    }

    /// <summary>
    /// A default dict driven by real instructions: dict_write(5, 100) (the hint supplies prev_value
    /// 17, the default), then dict_read(5) whose hint answers 100.
    /// </summary>
    [Fact]
    public void Default_dict_write_then_read()
    {
        var a = new Asm();
        int newPc = a.Pc;
        a.ApAdd(1)                                                                    // A0: dict (hint)
            .AssertImm(Ap, 0, 5, apPlusPlus: true)                                    // A0+1: key
            .AssertImm(Ap, 0, 100, apPlusPlus: true);                                 // A0+2: new_value
        int writePc = a.Pc;
        a.AssertDeref(Ap, -2, Ap, -3, 0)                                              // dict.key = key
            .AssertDeref(Ap, -1, Ap, -3, 2)                                           // dict.new_value = new_value
            .AssertImm(Ap, 0, 17, apPlusPlus: true)                                   // A0+3: 17
            .AssertDeref(Ap, -1, Ap, -4, 1)                                           // dict.prev_value == 17
            .AssertOpImm(ResLogic.Add, Ap, 0, Ap, -4, 3, apPlusPlus: true);           // A0+4: dict + 3
        int readPc = a.Pc;
        a.AssertImm(Ap, 0, 100, apPlusPlus: true)                                     // A0+5: value == 100
            .Ret();

        const string access = "m.DictAccess";
        var refs = new List<ProgramReference>
        {
            new(0, "cast(17, felt)", new ApTracking(0, 0)),                              // 0 default_value
            new(0, $"[cast(ap + (-3), {access}**)]", new ApTracking(0, 3)),              // 1 dict_ptr (write)
            new(0, "[cast(ap + (-2), felt*)]", new ApTracking(0, 3)),                    // 2 key
            new(0, "[cast(ap + (-1), felt*)]", new ApTracking(0, 3)),                    // 3 new_value
            new(0, $"[cast(ap + (-1), {access}**)]", new ApTracking(0, 5)),              // 4 dict_ptr (read)
            new(0, "cast(5, felt)", new ApTracking(0, 5)),                               // 5 key (read)
            new(0, "[cast(ap, felt*)]", new ApTracking(0, 5)),                           // 6 value
        };
        var hints = new Dictionary<int, IReadOnlyList<HintDefinition>>
        {
            [newPc] = [Def(newPc, DictHints.DefaultDictNew, new(0, 0), new() { ["__main__.main.default_value"] = 0 })],
            [writePc] = [Def(writePc, DictHints.DictWrite, new(0, 3), new() { ["__main__.main.dict_ptr"] = 1, ["__main__.main.key"] = 2, ["__main__.main.new_value"] = 3 })],
            [readPc] = [Def(readPc, DictHints.DictRead, new(0, 5), new() { ["__main__.main.dict_ptr"] = 4, ["__main__.main.key"] = 5, ["__main__.main.value"] = 6 })],
        };
        var identifiers = new Dictionary<string, ProgramIdentifier>
        {
            ["__main__.main"] = new("__main__.main", "function", 0, null, null),
            [access] = new(access, "struct", null, null, null)
            {
                Size = 3,
                Members = new Dictionary<string, StructMember> { ["key"] = new("felt", 0), ["prev_value"] = new("felt", 1), ["new_value"] = new("felt", 2) },
            },
            ["__main__.DictAccess"] = new("__main__.DictAccess", "alias", null, null, access),
        };
        var runner = new CairoRunner(new CairoProgram(a.Words.ToArray(), hints: hints, identifiers: identifiers, references: refs));
        runner.RunMain();

        var a0 = runner.ExecutionBase.Add(2);
        var dict = runner.Memory.GetRelocatable(a0);
        Assert.Equal([5UL, 17UL, 100UL], Enumerable.Range(0, 3).Select(i => runner.Memory.GetFelt(dict.Add(i)).ToUInt64()).ToArray());
        Assert.Equal(Felt.FromUInt64(100), runner.Memory.GetFelt(a0.Add(5)));
        var tracker = runner.Vm.HintContext.GetState<DictManager>().GetTracker(dict.Add(6));
        Assert.Equal(new Memory.MaybeRelocatable(Felt.FromUInt64(100)), tracker.Data[Felt.FromUInt64(5)]);
    }

    private static HintDefinition Def(int pc, string code, ApTracking ap, Dictionary<string, int> refs) =>
        new(pc, code, ["__main__", "__main__.main"], ap, refs);
}
