using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Cairn.Cairo.Assembler;
using Cairn.Cairo.Layouts;
using Cairn.Cairo.Programs;
using Cairn.Cairo.Runners;
using Cairn.Stark.Cairo.Input;
using Cairn.Stark.Cairo.Plain;
using Cairn.Stark.Cairo.Proving;

namespace Cairn.Benchmarks;

/// <summary>
/// Cairo proofs in the plain layout (spec stark-prover.md §6, §9): trace building, proving and verifying a counting
/// loop of exactly <c>2^LogSteps</c> proof-mode steps, with the <c>dev</c> profile (B = 4, 41 queries, 20-bit PoW,
/// 102 bits). The proof size is printed by the setup. One proof takes seconds, so run it with few iterations:
/// <c>dotnet run -c Release --project bench/Cairn.Benchmarks -- --filter '*CairoProof*' --job dry</c>
/// (or <c>--launchCount 1 --warmupCount 1 --iterationCount 3</c>).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class CairoProofBenchmarks
{
    private CairoExecution _execution = null!;
    private PlainTrace _trace = null!;
    private CairoProof _proof = null!;

    /// <summary>2^18 needs ≈ 5 GB with the coefficient-only prover (≈ 20 KB per step); see BENCHMARKS.md.</summary>
    [Params(14, 16, 18)]
    public int LogSteps { get; set; }

    [Params("dev")]
    public string Profile { get; set; } = "dev";

    /// <summary>A loop of 4 steps per iteration, sized so that proof mode pads it to exactly 2^logSteps steps.</summary>
    public static CairoExecution Loop(int logSteps)
    {
        int iterations = ((1 << logSteps) - 16) / 4;
        string source = $$"""
            __start__:
                ap += 0
                call main
            __end__:
                jmp rel 0
            main:
                [ap] = {{iterations}}, ap++
            loop:
                [ap] = [ap + -1] + -1, ap++
                [ap] = [ap + -1] * 3, ap++
                [ap] = [ap + -2], ap++
                jmp loop if [ap + -1] != 0
                ret
            """;
        var program = CairoProgram.Parse(CasmAssembler.Assemble(source).ToJson());
        var runner = new CairoRunner(program, new CairoRunOptions { ProofMode = true, Layout = Layout.Get("plain") });
        runner.RunMain();
        return CairoExecution.FromRunner(runner);
    }

    [GlobalSetup]
    public void Setup()
    {
        _execution = Loop(LogSteps);
        _trace = PlainTraceBuilder.Build(_execution);
        _proof = new CairoProver(SecurityProfile.Find(Profile)!).Prove(_trace);
        if (!CairoVerifier.Verify(_proof, 0, out var error)) throw new InvalidOperationException(error);
        Console.WriteLine($"// CairoProof 2^{LogSteps} steps, profile {Profile}: proof {_proof.StarkProof.Length} bytes (file {_proof.ToBytes().Length} bytes)");
    }

    [Benchmark]
    public PlainTrace BuildTrace() => PlainTraceBuilder.Build(_execution);

    [Benchmark]
    public CairoProof Prove() => new CairoProver(SecurityProfile.Find(Profile)!).Prove(_trace);

    [Benchmark]
    public bool Verify() => CairoVerifier.Verify(_proof, 0, out _);
}
