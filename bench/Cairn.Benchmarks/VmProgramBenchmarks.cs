using BenchmarkDotNet.Attributes;
using Cairn.Cairo.Assembler;
using Cairn.Cairo.Layouts;
using Cairn.Cairo.Programs;
using Cairn.Cairo.Runners;
using Cairn.Testing;

namespace Cairn.Benchmarks;

/// <summary>
/// Cairo VM throughput on the standard programs beyond the plain loop: a big recursive
/// factorial, pedersen-, poseidon- and bitwise-heavy loops (one builtin instance per iteration), and
/// dict- and set-heavy public compiled Cairo 0 programs (<see cref="PublicPrograms"/>: cairo-lang's
/// dict and set hints), each with and without the trace; plus relocation and writing of trace.bin
/// and memory.bin for a 1 M-step run. Times are per program run; steps per run are printed by
/// <see cref="Setup"/>. Run:
/// <c>dotnet run -c Release --project bench/Cairn.Benchmarks -- --filter '*VmProgramBenchmarks*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class VmProgramBenchmarks
{
    private const int Iterations = 20_000;

    /// <summary>Assembly sources; N is the iteration count (the factorial's argument).</summary>
    public static readonly IReadOnlyDictionary<string, string> Sources = new Dictionary<string, string>
    {
        ["factorial"] = """
            main:
                [ap] = N, ap++
                call fact
                ret
            fact:
                jmp recurse if [fp + -3] != 0
                [ap] = 1, ap++
                ret
            recurse:
                [ap] = [fp + -3] + -1, ap++
                call fact
                [ap] = [ap + -1] * [fp + -3], ap++
                ret
            """,
        ["pedersen"] = """
            %builtins pedersen
            main:
                [ap] = [fp + -3], ap++
                [ap] = 1, ap++
                [ap] = N, ap++
            loop:
                [ap + -2] = [[ap + -3]]
                [ap + -1] = [[ap + -3] + 1]
                [ap] = [ap + -3] + 3, ap++
                [ap] = [[ap + -4] + 2], ap++
                [ap] = [ap + -3] + -1, ap++
                jmp loop if [ap + -1] != 0
                [ap] = [ap + -3], ap++
                ret
            """,
        ["poseidon"] = """
            %builtins poseidon
            main:
                [ap] = [fp + -3], ap++
                [ap] = 1, ap++
                [ap] = N, ap++
            loop:
                [ap + -2] = [[ap + -3]]
                [ap + -1] = [[ap + -3] + 1]
                [ap] = 2, ap++
                [ap + -1] = [[ap + -4] + 2]
                [ap] = [ap + -4] + 6, ap++
                [ap] = [[ap + -5] + 3], ap++
                [ap] = [ap + -4] + -1, ap++
                jmp loop if [ap + -1] != 0
                [ap] = [ap + -3], ap++
                ret
            """,
        ["bitwise"] = """
            %builtins bitwise
            main:
                [ap] = [fp + -3], ap++
                [ap] = 0x1234, ap++
                [ap] = N, ap++
            loop:
                [ap + -2] = [[ap + -3]]
                [ap + -1] = [[ap + -3] + 1]
                [ap] = [ap + -3] + 5, ap++
                [ap] = [[ap + -4] + 3], ap++
                [ap] = [ap + -3] + -1, ap++
                jmp loop if [ap + -1] != 0
                [ap] = [ap + -3], ap++
                ret
            """,
    };

    /// <summary>
    /// Public compiled programs (fixtures of tests/Cairn.Cairo.Tests/Programs/Public), run from
    /// <c>main</c> with the layout cairo-vm's benchmarks use: <c>dict</c> is lambdaclass's
    /// dict_integration_benchmark (200 default dicts of 200 keys: 1,000 dict accesses each, then
    /// dict_squash); <c>set</c> its set_integration_benchmark (16,000 set_add into a set of up to
    /// 8,000 Uint256: the hint's linear scan dominates).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (string Fixture, string Layout)> PublicPrograms =
        new Dictionary<string, (string, string)>
        {
            ["dict"] = ("dict_integration_benchmark", "all_cairo"),
            ["set"] = ("set_integration_benchmark", "all_cairo"),
        };

    private CairoProgram _program = null!;
    private Layout? _layout;

    [Params("factorial", "pedersen", "poseidon", "bitwise", "dict", "set")]
    public string Program { get; set; } = "factorial";

    [Params(false, true)]
    public bool Trace { get; set; }

    public static CairoProgram Build(string name, int n) =>
        CairoProgram.Parse(CasmAssembler.Assemble($"const N = {n};\n" + Sources[name]).ToJson());

    [GlobalSetup]
    public void Setup()
    {
        if (PublicPrograms.TryGetValue(Program, out var p))
        {
            _program = CairoProgram.Parse(PublicCairoPrograms.Json(p.Fixture));
            _layout = Layout.Get(p.Layout);
        }
        else
        {
            _program = Build(Program, Iterations);
            _layout = null;
        }
        using var probe = new CairoRunner(_program, new CairoRunOptions { Layout = _layout, RecordTrace = true });
        probe.RunMain();
        Console.WriteLine($"// {Program}: {VmBenchmarks.MemoryPerStep(probe)}");
    }

    [Benchmark]
    public long Run()
    {
        using var runner = new CairoRunner(_program, new CairoRunOptions { Layout = _layout, RecordTrace = Trace });
        runner.RunMain();
        return runner.Vm.CurrentStep;
    }
}
