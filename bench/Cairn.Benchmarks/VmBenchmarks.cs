using BenchmarkDotNet.Attributes;
using Cairn.Cairo.Instructions;
using Cairn.Cairo.Memory;
using Cairn.Cairo.Programs;
using Cairn.Cairo.Runners;
using Cairn.Primitives;

namespace Cairn.Benchmarks;

/// <summary>
/// Cairo VM throughput on a fibonacci loop of ~1M steps (4 instructions per iteration), with and
/// without the trace. Each benchmark reports time per step (OperationsPerInvoke = steps), so
/// steps/s = 1e9 / (reported ns); and relocating plus writing trace.bin and memory.bin of the traced run. Run:
/// <c>dotnet run -c Release --project bench/Cairn.Benchmarks -- --filter '*VmBenchmarks*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class VmBenchmarks
{
    private const int Iterations = 250_000;
    private const int Steps = 3 + 4 * Iterations + 1;

    private CairoProgram _program = null!;

    private CairoRunner _traced = null!;

    [GlobalSetup(Targets = [nameof(FibonacciNoTrace), nameof(FibonacciWithTrace)])]
    public void Setup()
    {
        _program = FibonacciLoop(Iterations);
        using var probe = new CairoRunner(_program, new CairoRunOptions { RecordTrace = true });
        probe.RunMain();
        Console.WriteLine($"// fibonacci: {MemoryPerStep(probe)}");
    }

    /// <summary>
    /// The memory a run holds per step: its cells (<see cref="MaybeRelocatable"/> each) and, when
    /// recorded, its trace (24 bytes an entry). A released run hands both to the next one, so the
    /// allocation column of a benchmark that disposes its runners does not show them.
    /// </summary>
    public static string MemoryPerStep(CairoRunner runner)
    {
        long cells = 0;
        for (int s = 0; s < runner.Memory.SegmentCount; s++) cells += runner.Memory.GetUsedSize(s);
        long steps = runner.Vm.CurrentStep;
        double cellBytes = (double)cells * System.Runtime.CompilerServices.Unsafe.SizeOf<MaybeRelocatable>() / steps;
        double traceBytes = 24.0 * runner.Vm.Trace.Count / steps;
        return $"{steps} steps, {cells} memory cells: {cellBytes:F1} B of cells a step, {traceBytes:F1} B of trace a step";
    }

    [Benchmark(OperationsPerInvoke = Steps)]
    public long FibonacciNoTrace()
    {
        using var runner = new CairoRunner(_program);
        runner.RunMain();
        return runner.Vm.CurrentStep;
    }

    [Benchmark(OperationsPerInvoke = Steps)]
    public long FibonacciWithTrace()
    {
        using var runner = new CairoRunner(_program, new CairoRunOptions { RecordTrace = true });
        runner.RunMain();
        return runner.Vm.CurrentStep;
    }

    [GlobalSetup(Target = nameof(RelocateAndWrite))]
    public void SetupWrite()
    {
        _traced = new CairoRunner(FibonacciLoop(Iterations), new CairoRunOptions { RecordTrace = true });
        _traced.RunMain();
        long cells = 3L * _traced.Vm.Trace.Count;
        for (int s = 0; s < _traced.Memory.SegmentCount; s++) cells += _traced.Memory.GetUsedSize(s);
        Console.WriteLine($"// RelocateAndWrite: {_traced.Vm.Trace.Count} trace entries, {cells} cells (3 per trace entry + memory)");
    }

    /// <summary>Relocation plus trace.bin and memory.bin of a 1 M-step fibonacci run (writes to a null stream).</summary>
    [Benchmark]
    public long RelocateAndWrite()
    {
        var sink = new CountingStream();
        _traced.WriteTrace(sink);
        _traced.WriteMemory(sink);
        return sink.Length;
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

    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
    }
}
