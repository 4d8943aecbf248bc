using Cairn.Cairo.Assembler;
using Cairn.Cairo.Layouts;
using Cairn.Cairo.Programs;
using Cairn.Cairo.Runners;
using Cairn.Stark.Cairo.Input;

namespace Cairn.Stark.Cairo.Tests;

/// <summary>Test programs in Cairo assembly, run in proof mode (plain layout) to a <see cref="CairoExecution"/>.</summary>
internal static class CairoPrograms
{
    public static string RepoRoot
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable("CAIRN_REPO_ROOT");
            if (!string.IsNullOrEmpty(fromEnv)) return fromEnv;
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Cairn.slnx"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("set CAIRN_REPO_ROOT to the repository root");
        }
    }

    public static string Example(string name) => File.ReadAllText(Path.Combine(RepoRoot, "examples", name + ".casm"));

    public static CairoRunner Run(string source, string layout = "plain")
    {
        var program = CairoProgram.Parse(CasmAssembler.Assemble(source).ToJson());
        var runner = new CairoRunner(program, new CairoRunOptions { ProofMode = true, Layout = Layout.Get(layout) });
        runner.RunMain();
        return runner;
    }

    public static CairoExecution Execute(string source, string layout = "plain") => CairoExecution.FromRunner(Run(source, layout));

    /// <summary>Every 16-bit part 2^15: range-checked values near it keep the rc16 pool narrow (no padding beyond 512 steps).</summary>
    public const string PartsAtHalf = "0x80008000800080008000800080008000";

    /// <summary>
    /// <paramref name="n"/> range checks (range_check builtin only): the values <c>C + i</c> for <c>i = n … 1</c>
    /// (<c>C</c> = <see cref="PartsAtHalf"/>), written one per loop iteration (5 steps each).
    /// </summary>
    public static string RangeChecks(int n) => $$"""
        %builtins range_check
        __start__:
            ap += 1
            call main
        __end__:
            jmp rel 0
        main:                                    // range_check_ptr at [fp - 3]
            [ap] = [fp + -3], ap++               // p
            [ap] = {{n}}, ap++                   // i
        loop:
            [ap] = [ap + -1] + {{PartsAtHalf}}, ap++
            [ap + -1] = [[ap + -3]]              // range check C + i
            [ap] = [ap + -3] + 1, ap++           // p + 1
            [ap] = [ap + -3] + -1, ap++          // i - 1
            jmp loop if [ap + -1] != 0
            [ap] = [ap + -2], ap++               // return p
            ret
        """;

    /// <summary>Writes <paramref name="value"/> (a big constant) to the range-check segment.</summary>
    public static string RangeCheckOf(string value) => $$"""
        %builtins range_check
        __start__:
            ap += 1
            call main
        __end__:
            jmp rel 0
        main:
            [ap] = {{value}}, ap++
            [ap + -1] = [[fp + -3]]
            [ap] = [fp + -3] + 1, ap++
            ret
        """;

    /// <summary>A counting loop of <paramref name="n"/> iterations (4 steps each).</summary>
    public static string Loop(int n) => $$"""
        __start__:
            ap += 0
            call main
        __end__:
            jmp rel 0
        main:
            [ap] = {{n}}, ap++
        loop:
            [ap] = [ap + -1] + -1, ap++
            [ap] = [ap + -1] * 3, ap++
            [ap] = [ap + -2], ap++
            jmp loop if [ap + -1] != 0
            ret
        """;

    /// <summary>Recursive Fibonacci fib(n) (fib(0) = 0, fib(1) = 1) with two calls per level and a local.</summary>
    public static string RecursiveFibonacci(int n, int expected) => $$"""
        __start__:
            ap += 0
            call main
        __end__:
            jmp rel 0
        main:
            [ap] = {{n}}, ap++
            call fib
            [ap + -1] = {{expected}}
            ret
        fib:
            ap += 1
            jmp nz if [fp + -3] != 0
            [ap] = 0, ap++
            ret
        nz:
            [ap] = [fp + -3] + -1, ap++
            jmp rec if [ap + -1] != 0
            [ap] = 1, ap++
            ret
        rec:
            call fib
            [fp] = [ap + -1]
            [ap] = [fp + -3] + -2, ap++
            call fib
            [ap] = [ap + -1] + [fp], ap++
            ret
        """;

    /// <summary>Memory with holes (cells skipped by ap += k), absolute and relative jumps, fp-relative operands.</summary>
    public const string Holes = """
        __start__:
            ap += 0
            call main
        __end__:
            jmp rel 0
        main:
            [ap] = 7, ap++
            ap += 5
            [ap] = [ap + -6] * [ap + -6], ap++
            [ap + -1] = 49
            jmp rel 4
            [ap] = 0, ap++
            [fp] = 7
            call helper
            [ap + -1] = 9
            ap += 3
            ret
        helper:
            [ap] = [fp + -3] + 2, ap++
            [ap] = 9, ap++
            ret
        """;
}
