using Cairn.Cairo.Builder;
using Cairn.Cairo.Layouts;
using Cairn.Cairo.Runners;
using Cairn.Primitives;

namespace Cairn.Cairo.Tests.Builder;

/// <summary>Programs written with <see cref="CasmBuilder"/> run on <see cref="CairoRunner"/> in execution and proof mode.</summary>
public class CasmBuilderProgramTests
{
    internal static CairoRunner Run(CasmBuildResult built, bool proofMode = false, string? layout = null, long maxSteps = CairoRunOptions.DefaultMaxSteps)
    {
        var runner = new CairoRunner(built.Program, new CairoRunOptions
        {
            ProofMode = proofMode,
            Layout = layout is null ? null : Layout.Get(layout),
            MaxSteps = maxSteps,
        });
        runner.RunMain();
        return runner;
    }

    /// <summary>Runs in execution mode (no layout) and proof mode (<paramref name="layout"/>); returns both outputs, checked equal.</summary>
    internal static Felt[] RunBoth(CasmBuilder b, string layout)
    {
        var built = b.Build(proofModeEntry: true);
        var exec = Run(built).GetOutput().Select(v => v.Felt).ToArray();
        var proof = Run(built, proofMode: true, layout: layout);
        Assert.Equal(layout, proof.GetAirPublicInput().Layout);
        Assert.Equal(exec, proof.GetOutput().Select(v => v.Felt).ToArray());
        return exec;
    }

    /// <summary>fib(n) by a loop whose state is the last three cells before ap (examples/fibonacci.casm).</summary>
    internal static CasmBuilder Fibonacci(int n = 10, Felt? expected = null)
    {
        var b = new CasmBuilder();
        var count = b.Const("N", n);
        b.BeginFunction("main");
        b.AllocVar(0);                           // a = F(0)
        b.AllocVar(1);                           // b = F(1)
        b.AllocVar(count - 1);                   // iterations left
        var loop = b.Mark("loop", resetApTracking: true);
        Cell a = b.Ap(-3), fb = b.Ap(-2), k = b.Ap(-1);
        b.AllocVar(fb);                          // a' = b
        b.AllocVar(a + fb);                      // b' = a + b
        var k2 = b.AllocVar(k - 1);              // k' = k - 1
        b.JumpIfNotZero(k2, loop);
        b.AssertEq(b.Ap(-2), expected ?? 55);    // F(10) = 55
        b.Ret();
        return b;
    }

    /// <summary>fact(n) = n * fact(n - 1) (examples/factorial.casm).</summary>
    internal static CasmBuilder Factorial()
    {
        var b = new CasmBuilder();
        var fact = b.DeclareFunction("fact", argCount: 1, returnCount: 1);
        b.BeginFunction("main");
        var r = b.Call(fact, 5);
        b.AssertEq(r[0], 120);
        b.Ret();

        b.BeginFunction(fact);
        var recurse = b.NewLabel("recurse");
        b.JumpIfNotZero(fact.Arg(0), recurse);
        b.AllocVar(1);                           // fact(0) = 1
        b.Ret();
        b.Bind(recurse);
        var sub = b.Call(fact, fact.Arg(0) - 1);
        b.AllocVar(sub[0] * fact.Arg(0));
        b.Ret();
        return b;
    }

    [Fact]
    public void Fibonacci_runs_in_both_modes()
    {
        var built = Fibonacci().Build(proofModeEntry: true);
        var exec = Run(built);
        Assert.Equal(new Cairn.Cairo.Memory.MaybeRelocatable((Felt)55), exec.Memory.Get(exec.Vm.Ap.Add(-2)));
        var proof = Run(built, proofMode: true, layout: "plain");
        Assert.True(proof.Vm.Trace.Count >= proof.OriginalSteps);
        Assert.Equal(0, built.Labels["__start__"]);
        Assert.Equal(4, built.Labels["__end__"]);
        Assert.Equal(6, built.Labels["main"]);
        Assert.Equal("function", built.Program.Identifiers["__main__.main"].Type);
        Assert.Equal("label", built.Program.Identifiers["__main__.loop"].Type);
        Assert.Equal((Felt)10, built.Program.Identifiers["__main__.N"].Value);
    }

    [Fact]
    public void A_wrong_expectation_fails_at_run_time()
    {
        var built = Fibonacci(expected: 56).Build();
        Assert.Contains("ASSERT_EQ", Assert.ThrowsAny<Exception>(() => Run(built)).Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Factorial_runs_in_both_modes()
    {
        var built = Factorial().Build(proofModeEntry: true);
        Run(built);
        Run(built, proofMode: true);
        Assert.Null(Factorial().DeclareFunction("other").ApChange);
    }

    [Fact]
    public void Recursion_with_a_deep_call_stack()
    {
        // sum(n) = n + sum(n - 1), sum(0) = 0, for n = 20000: 20000 frames on the stack.
        const int N = 20000;
        var b = new CasmBuilder(["output"]);
        var sum = b.DeclareFunction("sum", argCount: 1, returnCount: 1);
        var main = b.BeginFunction("main", argCount: 1, returnCount: 1);
        var total = b.Call(sum, N)[0];
        b.AssertEq(total, main.Arg(0).Deref());       // output[0] = sum(N)
        b.AllocVar(main.Arg(0) + 1);
        b.Ret();

        b.BeginFunction(sum);
        var more = b.NewLabel("more");
        b.JumpIfNotZero(sum.Arg(0), more);
        b.AllocVar(0);
        b.Ret();
        b.Bind(more);
        var rest = b.Call(sum, sum.Arg(0) - 1)[0];
        b.AllocVar(rest + sum.Arg(0));
        b.Ret();

        var built = b.Build();
        var r = Run(built);
        Assert.Equal([(Felt)((long)N * (N + 1) / 2)], r.GetOutput().Select(v => v.Felt));
        Assert.True(r.Vm.CurrentStep > 5L * N);
        Assert.True(r.Vm.Ap.Offset > 4UL * N); // every frame stayed on the stack
    }

    [Fact]
    public void Every_instruction_form_runs()
    {
        var b = new CasmBuilder(["output"]);
        // square(x) = x * x, written first so that its ap change (1) is known to its callers.
        var square = b.BeginFunction("square", argCount: 1, returnCount: 1);
        b.AllocVar(square.Arg(0) * square.Arg(0));                 // mul cell * cell
        b.Ret();
        Assert.False(square.IsComplete);                            // complete when the next function begins
        Assert.Null(square.ApChange);

        var main = b.BeginFunction("main", argCount: 1, returnCount: 1);
        Assert.Equal(1, square.ApChange);
        var output = main.Arg(0);
        var locals = b.AllocLocals(2);                              // ap += 2, fp-based locals
        b.AssertEq(locals[0], 7);                                   // immediate
        b.AssertEq(locals[1], locals[0] * locals[0]);               // 49
        var x = b.AllocVar(locals[1] + locals[0]);                  // add cell + cell: 56
        var y = b.AllocVar(x * 3);                                  // mul imm: 168
        var z = b.AllocVar(y - 100);                                // add imm: 68
        b.AssertEq(z, output.Deref());                              // double deref: output[0] = 68
        var sq = b.Call(square, z)[0];                              // call rel with a known ap change
        b.AssertEq(sq, z * z);                                      // z is still addressable: 4624
        b.AssertEq(sq, output.Deref(1));                            // output[1]

        // jmp rel over dead code
        var skip = b.NewLabel("skip");
        b.Jump(skip);
        b.Mark("dead");
        b.AssertEq(locals[0], 8);                                   // would fail
        b.Ret();
        b.Bind(skip);
        b.AssertEq(y, 168);                                         // the jump kept ap tracking

        // jnz loop: 5 + 4 + 3 + 2 + 1
        b.AllocVar(5);
        b.AllocVar(0);
        var loop = b.Mark("loop", resetApTracking: true);
        Cell i = b.Ap(-2), acc = b.Ap(-1);
        var i2 = b.AllocVar(i - 1);
        b.AllocVar(acc + i);
        b.JumpIfNotZero(i2, loop);
        b.AssertEq(b.Ap(-1), output.Deref(2));                      // output[2] = 15

        // jmp abs [cell] to a label address
        var target = b.NewLabel("target");
        var address = b.LabelAddress(target);
        b.Jump(address, relative: false);
        b.Bind(target);

        // call abs [cell]: a function pointer
        var fptr = b.LabelAddress(square.Entry);
        b.AllocVar(9);
        b.Call(fptr, relative: false);
        b.AssertEq(b.Ap(-1), output.Deref(3));                      // output[3] = 81

        // call rel [cell]: the offset is deduced as (square - site) from [square] = [site] + [offset]
        var squareAt = b.LabelAddress(square.Entry);
        var site = b.NewLabel("site");
        var siteAt = b.LabelAddress(site);
        var offset = b.Alloc();
        b.AssertEq(squareAt, siteAt + offset, apPlusPlus: true);
        b.AllocVar(10);
        b.Bind(site);
        b.Call(offset, relative: true);
        b.AssertEq(b.Ap(-1), output.Deref(4));                      // output[4] = 100

        // jmp rel [cell], with ap++
        var there = b.NewLabel("there");
        var thereAt = b.LabelAddress(there);
        var jumpSite = b.NewLabel("jump_site");
        var jumpAt = b.LabelAddress(jumpSite);
        var delta = b.Alloc();
        b.AssertEq(thereAt, jumpAt + delta, apPlusPlus: true);
        b.Bind(jumpSite);
        b.Jump(delta, relative: true, apPlusPlus: true);
        b.Bind(there);
        b.ApAdd(3);                                                 // ap += 3
        b.AssertEq(b.Ap(-3), 11);                                   // a fresh cell below ap
        b.AssertEq(b.Ap(-3), output.Deref(5));                      // output[5] = 11
        b.AllocVar(output + 6);
        b.Ret();

        var built = b.Build(proofModeEntry: true);
        Assert.Equal([68, 4624, 15, 81, 100, 11], RunBoth(b, "small"));
        Assert.Contains("__get_pc__", built.Labels.Keys);
        Assert.Equal("function", built.Program.Identifiers["__main__.__get_pc__"].Type);
    }

    [Fact]
    public void Subtraction_and_division_are_deduced_by_the_vm()
    {
        var b = new CasmBuilder(["output"]);
        var main = b.BeginFunction("main", argCount: 1, returnCount: 1);
        var out0 = main.Arg(0);
        var a = b.AllocVar(100);
        var c = b.AllocVar(58);
        var d = b.AllocVar(84);
        var two = b.AllocVar(2);
        b.AssertEq(b.AllocVar(a - c), out0.Deref(0));              // 100 - 58, as 100 = [ap] + 58
        b.AssertEq(b.AllocVar(d / two), out0.Deref(1));            // 84 / 2, as 84 = [ap] * 2
        b.AssertEq(b.AllocVar(b.AllocVar(126) / 3), out0.Deref(2)); // times the inverse of 3
        b.AssertEq(b.AllocVar(c - a), out0.Deref(3));              // -42 in the field
        b.AllocVar(out0 + 4);
        b.Ret();
        Assert.Equal([42, 42, 42, -(Felt)42], RunBoth(b, "small"));
        Assert.Contains("by the immediate 0", Assert.Throws<CasmBuilderException>(() => a / Felt.Zero).Message);
    }

    [Fact]
    public void Calls_of_functions_with_known_ap_change_keep_tracking_across_branches()
    {
        var b = new CasmBuilder(["output"]);
        // pick(a, v) = a != 0 ? v : 2 * v; both branches join at 'done' with the same ap change (1).
        var pick = b.BeginFunction("pick", argCount: 2, returnCount: 1);
        var nonzero = b.NewLabel("nonzero");
        var done = b.NewLabel("done");
        b.JumpIfNotZero(pick.Arg(0), nonzero);
        b.AllocVar(pick.Arg(1) * 2);
        b.Jump(done);
        b.Bind(nonzero);
        b.AllocVar(pick.Arg(1));
        b.Bind(done);
        b.Ret();

        var main = b.BeginFunction("main", argCount: 1, returnCount: 1);
        Assert.Equal(1, pick.ApChange);
        var keep = b.AllocVar(1234);
        var first = b.Call(pick, 3, 4)[0];
        var second = b.Call(pick, 0, first + 1)[0];
        b.AssertEq(first, main.Arg(0).Deref());
        b.AssertEq(second, main.Arg(0).Deref(1));
        b.AssertEq(keep, main.Arg(0).Deref(2));                     // still addressable after both calls
        b.AllocVar(main.Arg(0) + 3);
        b.Ret();
        Assert.Equal([4, 10, 1234], RunBoth(b, "small"));
    }
}
