using BenchmarkDotNet.Attributes;
using Cairn.Cairo.Instructions;
using Cairn.Cairo.Programs;
using Cairn.Cairo.Runners;
using Cairn.Primitives;

namespace Cairn.Benchmarks;

/// <summary>
/// Cairo VM throughput on a fibonacci loop of ~1M steps (4 instructions per iteration), with and
/// without the trace. Each benchmark reports time per step (OperationsPerInvoke = steps), so
/// steps/s = 1e9 / (reported ns). Run:
/// <c>dotnet run -c Release --project bench/Cairn.Benchmarks -- --filter '*VmBenchmarks*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class VmBenchmarks
{
    private const int Iterations = 250_000;
    private const int Steps = 3 + 4 * Iterations + 1;

    private CairoProgram _program = null!;

    [GlobalSetup]
    public void Setup() => _program = FibonacciLoop(Iterations);

    [Benchmark(OperationsPerInvoke = Steps)]
    public long FibonacciNoTrace()
    {
        var runner = new CairoRunner(_program);
        runner.RunMain();
        return runner.Vm.CurrentStep;
    }

    [Benchmark(OperationsPerInvoke = Steps)]
    public long FibonacciWithTrace()
    {
        var runner = new CairoRunner(_program, new CairoRunOptions { RecordTrace = true });
        runner.RunMain();
        return runner.Vm.CurrentStep;
    }

    /// <summary>main: (a, b, n) = (1, 1, n); loop: (a, b, n) = (b, a + b, n − 1) while n != 0; ret.</summary>
    public static CairoProgram FibonacciLoop(int n)
    {
        var words = new List<Felt>();
        void Emit(Instruction ins, Felt? imm = null)
        {
            words.Add(InstructionEncoder.Encode(ins));
            if (imm is { } v) words.Add(v);
        }
        static Instruction Assert(short dst, Register op0Reg, short op0, Op1Source src, short op1, ResLogic res) =>
            new(dst, op0, op1, Register.Ap, op0Reg, src, res, PcUpdate.Regular, ApUpdate.Add1, FpUpdate.Regular, Opcode.AssertEq);

        Emit(Assert(0, Register.Fp, -1, Op1Source.Imm, 1, ResLogic.Op1), 1);
        Emit(Assert(0, Register.Fp, -1, Op1Source.Imm, 1, ResLogic.Op1), 1);
        Emit(Assert(0, Register.Fp, -1, Op1Source.Imm, 1, ResLogic.Op1), (ulong)n);
        int body = words.Count;
        Emit(Assert(0, Register.Fp, -1, Op1Source.Ap, -2, ResLogic.Op1));
        Emit(Assert(0, Register.Ap, -4, Op1Source.Ap, -3, ResLogic.Add));
        Emit(Assert(0, Register.Ap, -3, Op1Source.Imm, 1, ResLogic.Add), Felt.MaxValue);
        int jnzPc = words.Count;
        Emit(new Instruction(-1, -1, 1, Register.Ap, Register.Fp, Op1Source.Imm, ResLogic.Unconstrained, PcUpdate.Jnz,
            ApUpdate.Regular, FpUpdate.Regular, Opcode.Nop), body - jnzPc);
        Emit(new Instruction(-2, -1, -1, Register.Fp, Register.Fp, Op1Source.Fp, ResLogic.Op1, PcUpdate.Jump,
            ApUpdate.Regular, FpUpdate.Dst, Opcode.Ret));
        return new CairoProgram(words, identifiers: new Dictionary<string, ProgramIdentifier>
        {
            ["__main__.main"] = new("__main__.main", "function", 0, null, null),
        });
    }
}
