using Cairn.Cairo.Builtins;
using Cairn.Cairo.Memory;
using Cairn.Cairo.Output;
using Cairn.Cairo.Programs;
using Cairn.Cairo.Vm;

namespace Cairn.Cairo.Runners;

/// <summary>
/// Runs a Cairo 0 program in execution (non-proof) mode, as <c>cairo-run</c> does
/// (cairo-vm.md §3.3, §3.4, §3.6, §3.9): segments program, execution, one per builtin (canonical
/// order), then return-fp and end; the stack <c>[builtin bases…, return_fp, end]</c>; run until
/// pc reaches <c>end</c>; then the builtins' stop pointers are checked.
/// </summary>
public sealed class CairoRunner
{
    private readonly List<BuiltinRunner> _builtins = [];
    private Relocatable? _endPc;

    public CairoRunner(CairoProgram program, CairoRunOptions? options = null)
    {
        Program = program;
        Options = options ?? new CairoRunOptions();
        Vm = new VirtualMachine(new VmMemory(), Options.RecordTrace);

        int canonical = 0;
        foreach (var name in program.Builtins)
        {
            int at = IndexOf(BuiltinRunner.CanonicalOrder, name, canonical);
            if (at < 0)
            {
                throw new VmException(IndexOf(BuiltinRunner.CanonicalOrder, name, 0) < 0
                    ? $"unknown builtin '{name}'"
                    : $"The builtins specified by the %builtins directive must be subsequence of {string.Join(", ", BuiltinRunner.CanonicalOrder)}; found '{name}' out of order");
            }
            canonical = at + 1;
            _builtins.Add(BuiltinRunner.Create(name) ?? throw new VmException($"builtin '{name}' is not supported yet"));
        }
    }

    public CairoProgram Program { get; }

    public CairoRunOptions Options { get; }

    public VirtualMachine Vm { get; }

    public VmMemory Memory => Vm.Memory;

    /// <summary>The builtin runners, in the program's (= canonical) order.</summary>
    public IReadOnlyList<BuiltinRunner> Builtins => _builtins;

    public Relocatable ProgramBase { get; private set; }

    public Relocatable ExecutionBase { get; private set; }

    /// <summary>The pc at which the run ends.</summary>
    public Relocatable EndPc => _endPc ?? throw new InvalidOperationException("the runner is not initialised");

    /// <summary>Runs <c>main</c> to its end and checks the builtins' stop pointers.</summary>
    public void RunMain()
    {
        int main = Program.MainPc ?? throw new VmException($"program has no function '{Program.MainScope}.main'");
        InitializeSegments();
        var stack = new List<MaybeRelocatable>();
        foreach (var b in _builtins) stack.Add(b.InitialStackValue());
        InitializeEntrypoint(main, stack);
        RunUntilEnd();
        ReadReturnValues();
    }

    /// <summary>
    /// Runs the function at <paramref name="entryPc"/> with <paramref name="args"/> and the return
    /// convention <c>[args…, return_fp, end]</c> (§3.6). The builtins' stop pointers are not read.
    /// </summary>
    public void RunFunction(int entryPc, IReadOnlyList<MaybeRelocatable> args)
    {
        InitializeSegments();
        InitializeEntrypoint(entryPc, args);
        RunUntilEnd();
    }

    /// <summary>Creates program, execution and builtin segments and loads the program.</summary>
    public void InitializeSegments()
    {
        ProgramBase = Memory.AddSegment();
        ExecutionBase = Memory.AddSegment();
        foreach (var b in _builtins) b.InitializeSegments(Memory);

        for (int i = 0; i < Program.Data.Count; i++) Memory.Insert(ProgramBase.Add(i), Program.Data[i]);

        var hintCode = new Dictionary<int, string>();
        foreach (var (pc, list) in Program.Hints)
        {
            if (list.Count > 0) hintCode[pc] = list[0].Code;
        }
        Vm.SetCodeSegment(ProgramBase.Segment, Program.Data.Count, hintCode);
    }

    private void InitializeEntrypoint(int entryPc, IReadOnlyList<MaybeRelocatable> args)
    {
        if ((uint)entryPc >= (uint)Program.Data.Count) throw new VmException($"entry pc {entryPc} is outside the program (length {Program.Data.Count})");
        var returnFp = Memory.AddSegment();
        var end = Memory.AddSegment();
        var stack = new MaybeRelocatable[args.Count + 2];
        for (int i = 0; i < args.Count; i++) stack[i] = args[i];
        stack[^2] = returnFp;
        stack[^1] = end;
        var top = Memory.Load(ExecutionBase, stack);
        foreach (var b in _builtins) b.AddValidationRules(Memory);
        Vm.Pc = ProgramBase.Add(entryPc);
        Vm.Ap = top;
        Vm.Fp = top;
        _endPc = end;
    }

    private void RunUntilEnd() => Vm.RunUntilPc(EndPc, Options.MaxSteps);

    /// <summary>Checks the stop pointers returned by <c>main</c>, last builtin first (§3.9).</summary>
    public void ReadReturnValues()
    {
        var pointer = Vm.Ap;
        try
        {
            for (int i = _builtins.Count - 1; i >= 0; i--) pointer = _builtins[i].FinalStack(Memory, pointer);
        }
        catch (MemoryException e)
        {
            throw new VmException(e.Message, null, e);
        }
    }

    /// <summary>The program output (cells of the output builtin), empty without one.</summary>
    public IReadOnlyList<MaybeRelocatable> GetOutput()
    {
        foreach (var b in _builtins)
        {
            if (b is OutputBuiltinRunner output) return output.GetOutput(Memory);
        }
        return [];
    }

    public RelocationTable GetRelocationTable() => Memory.ComputeRelocationTable();

    /// <summary>Writes trace.bin (requires <see cref="CairoRunOptions.RecordTrace"/>).</summary>
    public void WriteTrace(Stream stream)
    {
        if (!Vm.RecordTrace) throw new InvalidOperationException("the trace was not recorded (set RecordTrace)");
        TraceFile.Write(stream, Vm.Trace, GetRelocationTable());
    }

    /// <summary>Writes memory.bin.</summary>
    public void WriteMemory(Stream stream) => MemoryFile.Write(stream, Memory, GetRelocationTable());

    private static int IndexOf(IReadOnlyList<string> list, string name, int from)
    {
        for (int i = from; i < list.Count; i++)
        {
            if (list[i] == name) return i;
        }
        return -1;
    }
}
