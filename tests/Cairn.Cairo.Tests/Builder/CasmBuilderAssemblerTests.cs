using Cairn.Cairo.Assembler;
using Cairn.Cairo.Builder;
using Cairn.Primitives;

namespace Cairn.Cairo.Tests.Builder;

/// <summary>The builder's words equal <see cref="CasmAssembler"/>'s for the same program text.</summary>
public class CasmBuilderAssemblerTests
{
    private static IReadOnlyList<Felt> Assemble(string source) => CasmAssembler.Assemble(source).Data;

    [Fact]
    public void Fibonacci_matches_the_example_source()
    {
        var built = CasmBuilderProgramTests.Fibonacci().Build(proofModeEntry: true);
        var assembled = CasmAssembler.Assemble(ExampleProgramTests.Source("fibonacci"));
        Assert.Equal(assembled.Data, built.Words);
        Assert.Equal(assembled.Labels.OrderBy(l => l.Key), built.Labels.OrderBy(l => l.Key));
        Assert.Equal(built.Words, Assemble(built.Assembly));
    }

    [Fact]
    public void Factorial_matches_the_example_source()
    {
        var built = CasmBuilderProgramTests.Factorial().Build(proofModeEntry: true);
        var assembled = CasmAssembler.Assemble(ExampleProgramTests.Source("factorial"));
        Assert.Equal(assembled.Data, built.Words);
        Assert.Equal(assembled.Labels.OrderBy(l => l.Key), built.Labels.OrderBy(l => l.Key));
        Assert.Equal(built.Words, Assemble(built.Assembly));
        Assert.Contains("__start__:\n    ap += 0\n    call main\n__end__:\n    jmp rel 0\nmain:\n", built.Assembly);
        Assert.Contains("fact:\n    jmp recurse if [fp + -3] != 0\n", built.Assembly);
        Assert.Contains("    call fact\n    [ap] = [ap + -1] * [fp + -3], ap++\n    ret\n", built.Assembly);
    }

    [Fact]
    public void Pedersen_example_written_with_the_builder()
    {
        var b = new CasmBuilder(["output", "pedersen"]);
        var n = b.Const("N", 3);
        var main = b.BeginFunction("main", argCount: 2, returnCount: 2);
        b.AllocVar(main.Arg(0));                     // out
        b.AllocVar(main.Arg(1));                     // p
        b.AllocVar(0);                               // h
        b.AllocVar(1);                               // x
        b.AllocVar(n);                               // n
        var loop = b.Mark("loop", resetApTracking: true);
        Cell outp = b.Ap(-5), p = b.Ap(-4), h = b.Ap(-3), x = b.Ap(-2), left = b.Ap(-1);
        b.AssertEq(h, p.Deref(0));
        b.AssertEq(x, p.Deref(1));
        b.AllocVar(outp + 1);
        b.AllocVar(p + 3);
        var h2 = b.AllocVar(p.Deref(2));
        b.AssertEq(h2, outp.Deref());
        b.AllocVar(x + 1);
        var left2 = b.AllocVar(left - 1);
        b.JumpIfNotZero(left2, loop);
        Cell outEnd = b.Ap(-5), pEnd = b.Ap(-4), hEnd = b.Ap(-3);
        b.AssertEq(hEnd, pEnd.Deref());
        var nCell = b.AllocVar(n);
        b.AssertEq(nCell, pEnd.Deref(1));
        var result = b.AllocVar(pEnd.Deref(2));
        b.AssertEq(result, outEnd.Deref());
        b.AllocVar(outEnd + 1);
        b.AllocVar(pEnd + 3);
        b.Ret();

        var built = b.Build(proofModeEntry: true);
        Assert.Equal(Assemble(ExampleProgramTests.Source("pedersen")), built.Words);
        Assert.Equal(built.Words, Assemble(built.Assembly));
        Assert.StartsWith("%builtins output pedersen\nconst N = 3;\n__start__:\n    ap += 2\n", built.Assembly);
    }

    /// <summary>Each form, written as text and with the builder.</summary>
    public static TheoryData<string> Forms => new(FormBuilders.Keys);

    private static readonly Dictionary<string, Action<CasmBuilder>> FormBuilders = new()
    {
        { "[ap] = [fp + -3] + [ap + -1], ap++", b => b.AssertEq(b.Ap(), b.Fp(-3) + b.Ap(-1), apPlusPlus: true) },
        { "[fp + 1] = [ap] * [fp]", b => b.AssertEq(b.Fp(1), b.Ap() * b.Fp(0)) },
        { "[ap] = 5, ap++", b => b.AllocVar(5) },
        { "[fp + -2] = -1", b => b.AssertEq(b.Fp(-2), -1) },
        { "[ap + 2] = [fp + -4]", b => b.AssertEq(b.Ap(2), b.Fp(-4)) },
        { "[ap] = [ap + -1] + 7, ap++", b => b.AllocVar(b.Ap(-1) + 7) },
        { "[ap] = [ap + -1] + -7, ap++", b => b.AllocVar(b.Ap(-1) - 7) },
        { "[ap] = [fp] * 16", b => b.AssertEq(b.Ap(), b.Fp(0) * 16) },
        { "[ap + -1] = [[fp + -3]]", b => b.AssertEq(b.Ap(-1), b.Fp(-3).Deref()) },
        { "[ap] = [[ap + -2] + 5]", b => b.AssertEq(b.Ap(), b.Ap(-2).Deref(5)) },
        { "[ap + -2] = [ap] + [ap + -1], ap++", b => b.AllocVar(b.Ap(-2) - b.Ap(-1)) },
        { "[fp + -3] = [fp + 2] * [fp + -4]", b => b.AssertEq(b.Fp(2), b.Fp(-3) / b.Fp(-4)) },
        { "ap += 3", b => b.ApAdd(3) },
        { "jmp abs [fp + -3]", b => b.Jump(b.Fp(-3), relative: false) },
        { "jmp rel [ap + -1], ap++", b => b.Jump(b.Ap(-1), relative: true, apPlusPlus: true) },
        { "call abs [fp + -4]", b => b.Call(b.Fp(-4), relative: false) },
        { "call rel [ap + -2]", b => b.Call(b.Ap(-2), relative: true) },
        { "ret", b => b.Ret() },
        { "[ap] = [ap + -1] + 12345678901234567890123456789, ap++", b => b.AllocVar(b.Ap(-1) + Felt.Parse("12345678901234567890123456789")) },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public void Every_form_matches_the_assembler(string line)
    {
        var b = new CasmBuilder();
        b.BeginFunction("main");
        FormBuilders[line](b);
        if (b.IsReachable) b.Ret();
        var built = b.Build();
        var expected = Assemble(line).ToList();
        Assert.Equal(expected, built.Words.Take(expected.Count));
        Assert.Equal(built.Words, Assemble(built.Assembly));
        Assert.Contains(line, built.Assembly);
    }

    [Fact]
    public void Labels_jumps_and_calls_match_the_assembler()
    {
        const string source = """
            start:
                jmp end
                call rel end
                jmp end if [ap + -1] != 0
            end:
                jmp abs start
            other:
                call start
                jmp other, ap++
            """;
        var b = new CasmBuilder();
        var start = b.Mark("start", resetApTracking: true);
        var end = b.NewLabel("end");
        b.Jump(end);
        b.Mark("dead");
        b.Call(end);
        b.JumpIfNotZero(b.Ap(-1), end);
        b.Bind(end, resetApTracking: true);
        b.JumpAbs(start);
        var other = b.Mark("other");
        b.Call(start);
        b.Jump(other, apPlusPlus: true);
        var built = b.Build();
        var assembled = CasmAssembler.Assemble(source);
        Assert.Equal(assembled.Data, built.Words);
        Assert.Equal(assembled.Labels.OrderBy(l => l.Key), built.Labels.Where(l => l.Key != "dead").OrderBy(l => l.Key));
        Assert.Equal(built.Words, Assemble(built.Assembly));
    }

    [Fact]
    public void The_encoder_words_are_the_canonical_ones()
    {
        var b = new CasmBuilder();
        b.BeginFunction("main");
        b.ApAdd(3);
        b.AllocVar(3);
        b.Ret();
        var w = b.Build().Words;
        Assert.Equal((Felt)0x040780017fff7fffUL, w[0]);
        Assert.Equal((Felt)0x480680017fff8000UL, w[2]);
        Assert.Equal((Felt)0x208b7fff7fff7ffeUL, w[4]);
    }
}
