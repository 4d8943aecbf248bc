using System.Numerics;
using Cairn.Cairo.Assembler;
using Cairn.Cairo.Instructions;
using Cairn.Cairo.Programs;
using Cairn.Cairo.Runners;
using Cairn.Primitives;

namespace Cairn.Cairo.Tests;

public class AssemblerTests
{
    private static IReadOnlyList<Felt> Words(string source) => CasmAssembler.Assemble(source).Data;

    /// <summary>Each instruction form assembles to what the test encoder (InstructionEncoder) emits for the same fields.</summary>
    private static readonly Dictionary<string, Func<Asm, Asm>> Expected = new()
    {
        { "[ap] = [fp + -3] + [ap + -1], ap++", a => a.AssertOp(ResLogic.Add, Register.Ap, 0, Register.Fp, -3, Register.Ap, -1, true) },
        { "[fp + 1] = [ap] * [fp]", a => a.AssertOp(ResLogic.Mul, Register.Fp, 1, Register.Ap, 0, Register.Fp, 0) },
        { "[ap] = 5, ap++", a => a.AssertImm(Register.Ap, 0, 5, true) },
        { "[fp - 2] = -1", a => a.AssertImm(Register.Fp, -2, -(Felt)1) },
        { "[ap + 2] = [fp + -4]", a => a.AssertCopy(Register.Ap, 2, Register.Fp, -4) },
        { "[ap] = [ap + -1] + 7, ap++", a => a.AssertOpImm(ResLogic.Add, Register.Ap, 0, Register.Ap, -1, 7, true) },
        { "[ap] = [fp] * 0x10", a => a.AssertOpImm(ResLogic.Mul, Register.Ap, 0, Register.Fp, 0, 16) },
        { "[ap + -1] = [[fp + -3]]", a => a.AssertDeref(Register.Ap, -1, Register.Fp, -3) },
        { "[ap] = [[ap + -2] + 5]", a => a.AssertDeref(Register.Ap, 0, Register.Ap, -2, 5) },
        { "jmp rel 4", a => a.JmpRel(4) },
        { "jmp rel -3", a => a.JmpRel(-3) },
        { "jmp rel 0", a => a.JmpRel(0) },
        { "jmp abs [fp + -3]", a => a.JmpAbs(Register.Fp, -3) },
        { "jmp rel 6 if [ap + -1] != 0", a => a.Jnz(6, Register.Ap, -1) },
        { "jmp rel 2 if [fp + 3] != 0", a => a.Jnz(2, Register.Fp, 3) },
        { "call rel 10", a => a.CallRel(10) },
        { "call abs [fp + -4]", a => a.CallAbs(Register.Fp, -4) },
        { "ret", a => a.Ret() },
        { "ap += 3", a => a.ApAdd(3) },
    };

    public static TheoryData<string> Forms => new(Expected.Keys);

    [Theory]
    [MemberData(nameof(Forms))]
    public void EveryFormMatchesTheEncoder(string line)
    {
        Assert.Equal(Expected[line](new Asm()).Words, Words(line));
    }

    [Fact]
    public void CanonicalWordsOfTheSpec()
    {
        // cairo-vm.md §2.2
        Assert.Equal((Felt)0x208b7fff7fff7ffeUL, Words("ret")[0]);
        Assert.Equal((Felt)0x1104800180018000UL, Words("call rel 3")[0]);
        Assert.Equal((Felt)0x1084800180018000UL, Words("call abs 3")[0]);
        Assert.Equal((Felt)0x010780017fff7fffUL, Words("jmp rel 3")[0]);
        Assert.Equal((Felt)0x008780017fff7fffUL, Words("jmp abs 3")[0]);
        Assert.Equal((Felt)0x020680017fff7fffUL, Words("jmp rel 3 if [ap + -1] != 0")[0]);
        Assert.Equal((Felt)0x040780017fff7fffUL, Words("ap += 3")[0]);
        Assert.Equal((Felt)0x480680017fff8000UL, Words("[ap] = 3, ap++")[0]);
    }

    [Fact]
    public void LabelsAreRelativeForRelAndBareFormsAndAbsoluteForAbs()
    {
        var src = """
            start:
                jmp end                         // pc 0 -> 6
                call rel end                    // pc 2 -> 6
                jmp end if [ap + -1] != 0       // pc 4 -> 6
            end:
                jmp abs start                   // pc 6 -> 0
                call start                      // pc 8 -> -8
            """;
        var w = Words(src);
        Assert.Equal(10, w.Count);
        Assert.Equal((Felt)6, w[1]);
        Assert.Equal((Felt)4, w[3]);
        Assert.Equal((Felt)2, w[5]);
        Assert.Equal((Felt)0, w[7]);
        Assert.Equal(-(Felt)8, w[9]);
    }

    [Fact]
    public void ConstantsLabelsBuiltinsAndIdentifiers()
    {
        var src = """
            %builtins output range_check
            const N = 10;
            const M = N - 3;   // 7
            __start__:
                ap += 2
                call main
            __end__:
                jmp rel 0
            main: [ap] = M + 1, ap++
                [fp + -3] = N
                ret
            """;
        var p = CasmAssembler.Assemble(src);
        Assert.Equal(["output", "range_check"], p.Builtins);
        Assert.Equal(new BigInteger(7), p.Constants["M"]);
        Assert.Equal(6, p.Labels["main"]);
        Assert.Equal((Felt)8, p.Data[7]);
        Assert.Equal((Felt)10, p.Data[9]);

        var loaded = CairoProgram.Parse(p.ToJson());
        Assert.Equal(p.Data, loaded.Data);
        Assert.Equal(["output", "range_check"], loaded.Builtins);
        Assert.Equal(6, loaded.MainPc);
        Assert.Equal(0, loaded.StartPc);
        Assert.Equal(4, loaded.EndPc);
        Assert.Equal("function", loaded.Identifiers["__main__.main"].Type);
        Assert.Equal("const", loaded.Identifiers["__main__.N"].Type);
        Assert.Equal((Felt)10, loaded.Identifiers["__main__.N"].Value);
    }

    [Fact]
    public void AssembledProgramRunsInBothModes()
    {
        var src = """
            __start__:
                ap += 0
                call main
            __end__:
                jmp rel 0
            main:
                [ap] = 3, ap++
                [ap] = [ap + -1] * [ap + -1], ap++
                [ap + -1] = 9
                ret
            """;
        var program = CairoProgram.Parse(CasmAssembler.Assemble(src).ToJson());
        new CairoRunner(program).RunMain();
        var proof = new CairoRunner(program, new CairoRunOptions { ProofMode = true });
        proof.RunMain();
        Assert.True(proof.Vm.Trace.Count >= 4);
    }

    [Theory]
    [InlineData("[ap] = 1\nfoo bar", 2, "unrecognised instruction")]
    [InlineData("jmp nowhere", 1, "unknown label 'nowhere'")]
    [InlineData("\n\ncall rel missing", 3, "unknown label 'missing'")]
    [InlineData("[ap] = X", 1, "unknown identifier 'X'")]
    [InlineData("[bp] = 1", 1, "expected ap or fp")]
    [InlineData("[ap + 40000] = 1", 1, "out of range")]
    [InlineData("[ap] = 1, ap += 2", 1, "expected 'ap++'")]
    [InlineData("a:\na:\nret", 2, "'a' is already defined")]
    [InlineData("const = 3;", 1, "expected 'const NAME = value;'")]
    [InlineData("%lang starknet", 1, "unknown directive")]
    [InlineData("ret, ap++", 1, "ret cannot have ap++")]
    [InlineData("jmp abs 3 if [ap] != 0", 1, "must be relative")]
    [InlineData("[ap] = 5 + [fp]", 1, "invalid expression")]
    public void ErrorsNameTheLine(string source, int line, string message)
    {
        var e = Assert.Throws<AssemblerException>(() => CasmAssembler.Assemble(source));
        Assert.Equal(line, e.Line);
        Assert.Contains(message, e.Message);
        Assert.StartsWith($"line {line}: ", e.Message);
    }

    [Fact]
    public void CommentsBlankLinesAndSemicolonsAreIgnored()
    {
        Assert.Equal(Words("ret"), Words("// header\n\n   ret;   // done\n"));
    }
}
