using Cairn.Cairo.Builder;

namespace Cairn.Cairo.Tests.Builder;

/// <summary>Misuses of <see cref="CasmBuilder"/> are <see cref="CasmBuilderException"/>s that say what went wrong.</summary>
public class CasmBuilderErrorTests
{
    private static CasmBuilder StartMain(out Function main)
    {
        var b = new CasmBuilder();
        main = b.BeginFunction("main");
        return b;
    }

    private static void Throws(string message, Action action) =>
        Assert.Contains(message, Assert.Throws<CasmBuilderException>(action).Message);

    [Fact]
    public void Unknown_label()
    {
        var b = StartMain(out _);
        b.Jump(b.NewLabel("nowhere"));
        Throws("unknown label 'nowhere'", () => b.Build());
    }

    [Fact]
    public void Ap_tracking_lost_at_a_join_with_unequal_ap()
    {
        var b = StartMain(out _);
        var c = b.AllocVar(1);
        var join = b.NewLabel("join");
        b.JumpIfNotZero(c, join);
        b.AllocVar(2);                            // the fall-through arrives one cell higher
        b.Bind(join);
        Throws("ap tracking was lost at label 'join', reached with different ap changes: 1 ", () => b.AssertEq(c, 1));
        b.AssertEq(b.Ap(-1), 2);                  // fresh cells are fine
        b.Ret();
        b.Build();
    }

    [Fact]
    public void Ap_cells_are_revoked_after_a_call_with_unknown_ap_change()
    {
        var b = new CasmBuilder();
        var f = b.DeclareFunction("f");
        b.BeginFunction("main");
        var c = b.AllocVar(1);
        b.Call(f);
        Throws("after the call to 'f' at pc 2, whose ap change is unknown: its code is not complete yet", () => b.AllocVar(c));
    }

    [Fact]
    public void A_jump_back_with_another_ap_change_needs_a_loop_head()
    {
        var b = StartMain(out _);
        var loop = b.Mark("loop");
        b.AllocVar(1);
        Throws("goes back to label 'loop' with ap change 1", () => b.JumpIfNotZero(b.Ap(-1), loop));
    }

    [Fact]
    public void Offsets_out_of_the_i16_range()
    {
        var b = StartMain(out _);
        Throws("offset 40000 of [fp + 40000] is out of range [-2^15, 2^15)", () => b.AllocVar(b.Fp(40000)));
        Throws("offset -32769", () => b.AssertEq(b.Ap(-32769), 1));
        Throws("offset 32768 is out of range", () => b.AllocVar(b.Fp(-3).Deref(32768)));
        b.ApAdd(40000);                           // an immediate is not an offset
        var c = b.Ap(-1);
        b.ApAdd(-40000);
        Throws("is out of range", () => b.AssertEq(c, 1));
    }

    [Fact]
    public void Unreachable_code()
    {
        var b = StartMain(out _);
        b.Ret();
        Throws("unreachable code at pc 1", () => b.AllocVar(1));
        Throws("unreachable code", () => b.Ap());
        var other = b.Mark("other");              // a label makes code reachable again
        b.Ret();
        Assert.Equal(1, other.Pc);
    }

    [Fact]
    public void Labels_and_names()
    {
        var b = StartMain(out _);
        var l = b.Mark("l");
        Throws("label 'l' is bound twice", () => b.Bind(l));
        Throws("'l' is already defined", () => b.NewLabel("l"));
        Throws("'main' is already defined", () => b.Const("main", 1));
        Throws("invalid name '1x'", () => b.NewLabel("1x"));
        Throws("belongs to another builder", () => b.Jump(new CasmBuilder().NewLabel("x")));
    }

    [Fact]
    public void Functions()
    {
        var b = new CasmBuilder();
        var f = b.BeginFunction("f", argCount: 2);
        var arg = f.Arg(1);
        Throws("function 'f' has 2 argument(s); there is no argument 2", () => f.Arg(2));
        Throws("the code before function 'g' falls through into it", () => b.BeginFunction("g"));
        b.Ret();
        b.BeginFunction("main");
        Throws("belongs to another function's frame", () => b.AllocVar(arg));
        Throws("function 'f' takes 2 argument(s), got 1", () => b.Call(f, 1));
        Throws("function 'main' is begun twice", () => b.BeginFunction(b.CurrentFunction!));
        b.AllocVar(1);
        Throws("the program falls off its end", () => b.Build());
    }

    [Fact]
    public void Reserved_cells_must_be_passed_by_ap()
    {
        var b = StartMain(out _);
        var r = b.Alloc();
        Throws("AllocVar would write a cell reserved by Alloc()", () => b.AllocVar(1));
        b.AssertEq(r, 5);
        Throws("1 cell(s) reserved with Alloc() are still above ap at ret", () => b.Ret());
        b.ApAdd(1);
        b.Ret();
        b.Build();
    }

    [Fact]
    public void Builtins_and_the_proof_mode_entry()
    {
        Throws("unknown builtin 'sha256'", () => new CasmBuilder(["sha256"]));
        Throws("builtin 'output' is out of order", () => new CasmBuilder(["pedersen", "output"]));
        var b = new CasmBuilder();
        b.BeginFunction("helper");
        b.Ret();
        Throws("begin a function 'main'", () => b.Build(proofModeEntry: true));
        Throws("the program was already built", () => b.BeginFunction("main"));
    }

    [Fact]
    public void Locals_need_the_functions_own_ap_tracking()
    {
        var b = new CasmBuilder();
        var f = b.DeclareFunction("f");
        b.BeginFunction("main");
        b.Call(f);
        Throws("locals are fp-based", () => b.AllocLocals(1));
    }
}
