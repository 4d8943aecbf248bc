using Cairn.Cairo.Builtins;
using Cairn.Cairo.Hints;
using Cairn.Cairo.Hints.Cairo0;
using Cairn.Cairo.Instructions;
using Cairn.Cairo.Layouts;
using Cairn.Cairo.Memory;
using Cairn.Cairo.Output;
using Cairn.Cairo.Programs;
using Cairn.Cairo.Vm;
using Cairn.Primitives;

namespace Cairn.Cairo.Runners;

/// <summary>
/// Runs a Cairo 0 program as <c>cairo-run</c> does (cairo-vm.md §3).
/// Execution mode (§3.3, §3.4): segments program, execution, one per builtin, then return-fp and
/// end; the stack <c>[builtin bases…, return_fp, end]</c>; run until pc reaches <c>end</c>.
/// Proof mode (§3.5, §3.8, §3.10): one segment per layout builtin, the stack
/// <c>[execution_base + 2, 0, builtin bases…]</c>, run from <c>__start__</c> to <c>__end__</c> plus
/// one step, pad the trace to a power of two until the layout's cells suffice, finalise the
/// segments and produce the AIR public and private inputs. Both end with the stop-pointer checks
/// (§3.9) and, when <see cref="CairoRunOptions.SecureRun"/> (default: outside proof mode), the
/// security checks (§3.11) including the add_mod/mul_mod re-verification. <c>end_run</c> first
/// moves temporary segments into real ones by their relocation rules (§1.4).
/// <see cref="Dispose"/> hands the memory pages and trace chunks to the next run.
/// </summary>
public sealed class CairoRunner : IDisposable
{
    private readonly List<BuiltinRunner> _builtins = [];
    private readonly List<int> _executionPublicMemory = [];
    private readonly SortedDictionary<int, IReadOnlyList<int>> _publicOffsets = [];
    private readonly AccessedAddresses _accessed = new();
    private int _traceProcessed;
    private int _traceRcMin = int.MaxValue;
    private int _traceRcMax = int.MinValue;
    private Relocatable? _endPc;
    private bool _finalized;

    public CairoRunner(CairoProgram program, CairoRunOptions? options = null)
    {
        Program = program;
        Options = options ?? new CairoRunOptions();
        Layout = Options.Layout ?? (Options.ProofMode ? Layout.Plain : null);
        Vm = new VirtualMachine(new VmMemory { MaxBytes = Options.MaxMemoryBytes }, Options.RecordTrace || Options.ProofMode);

        int canonical = 0;
        foreach (var name in program.Builtins)
        {
            if (BuiltinRunner.Cairo1Only.Contains(name)) continue;
            int at = IndexOf(BuiltinRunner.CanonicalOrder, name, canonical);
            if (at < 0)
            {
                throw new VmException(IndexOf(BuiltinRunner.CanonicalOrder, name, 0) < 0
                    ? $"unknown builtin '{name}'"
                    : $"The builtins specified by the %builtins directive must be subsequence of {string.Join(", ", BuiltinRunner.CanonicalOrder)}; found '{name}' out of order");
            }
            canonical = at + 1;
        }

        if (Layout is null)
        {
            foreach (var name in program.Builtins) _builtins.Add(CreateRunner(name));
            return;
        }

        bool allowMissing = Options.AllowMissingBuiltins ?? Options.ProofMode;
        var missing = program.Builtins.Where(b => !Layout.Contains(b) && !BuiltinRunner.Cairo1Only.Contains(b)).ToList();
        if (missing.Count > 0 && !allowMissing)
        {
            throw new VmException($"Builtins {{{string.Join(", ", missing.Select(m => $"'{m}'"))}}} are not present in layout \"{Layout.Name}\"");
        }
        foreach (var lb in Layout.Builtins)
        {
            bool included = program.Builtins.Contains(lb.Name);
            if (!included && !Options.ProofMode) continue;
            var runner = CreateRunner(lb.Name);
            runner.Included = included;
            _builtins.Add(runner);
        }
        // segment_arena and gas are in no layout: created whenever the program lists them.
        foreach (var name in program.Builtins)
        {
            if (BuiltinRunner.Cairo1Only.Contains(name) && FindRunner(name) is null) _builtins.Add(CreateRunner(name));
        }
    }

    public CairoProgram Program { get; }

    public CairoRunOptions Options { get; }

    /// <summary>The layout (null: execution mode without a layout check).</summary>
    public Layout? Layout { get; }

    public VirtualMachine Vm { get; }

    public VmMemory Memory => Vm.Memory;

    /// <summary>The builtin runners, in canonical (= layout) order.</summary>
    public IReadOnlyList<BuiltinRunner> Builtins => _builtins;

    public Relocatable ProgramBase { get; private set; }

    public Relocatable ExecutionBase { get; private set; }

    /// <summary>The pc at which the run ends.</summary>
    public Relocatable EndPc => _endPc ?? throw new InvalidOperationException("the runner is not initialised");

    /// <summary>The zero segment (created when a mod builtin runner exists, §3.3), or null.</summary>
    public Relocatable? ZeroSegment { get; private set; }

    /// <summary>Steps executed before proof-mode padding.</summary>
    public long OriginalSteps { get; private set; }

    /// <summary>
    /// Releases the run's memory and trace for reuse by later runs (see <see cref="VmMemory.Dispose"/>);
    /// write the output files and read the results before.
    /// </summary>
    public void Dispose()
    {
        Vm.Trace.Release();
        Memory.Dispose();
    }

    /// <summary>Runs the program (proof mode or <c>main</c>) to its end and checks the builtins' stop pointers.</summary>
    public void RunMain()
    {
        if (Options.ProofMode)
        {
            RunProofMode();
            return;
        }
        string entry = Options.Entrypoint;
        int main = Program.GetLabelPc(Program.MainScope + "." + entry) ?? throw new VmException($"program has no function '{Program.MainScope}.{entry}'");
        InitializeSegments();
        InitializeEntrypoint(main, BuiltinStack());
        InitializeZeroSegment();
        RunUntilEnd();
        RunExtraSteps();
        EndRun();
        ReadReturnValues();
        if (Options.SecureRun ?? true) VerifySecureRunner();
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

        Vm.SetCodeSegment(ProgramBase.Segment, Program.Data.Count);
        Vm.SetHints(CompileHints());
        Vm.HintContext = new HintContext(Vm, _builtins);
    }

    /// <summary>Compiles every hint of the program by its code string; an unknown one fails naming it.</summary>
    private Dictionary<int, IHint[]> CompileHints()
    {
        var registry = Options.HintRegistry ?? Cairo0HintRegistry.Default;
        var compiled = new Dictionary<int, IHint[]>();
        foreach (var (pc, list) in Program.Hints)
        {
            var hints = new IHint[list.Count];
            for (int i = 0; i < list.Count; i++)
            {
                try
                {
                    hints[i] = registry.Compile(new Cairo0HintSite(list[i], Program));
                }
                catch (HintException e)
                {
                    throw new VmException(e.Message, ProgramBase.Add(pc), e);
                }
            }
            compiled[pc] = hints;
        }
        return compiled;
    }

    private void RunProofMode()
    {
        int start = Program.StartPc ?? 0;
        int end = Program.EndPc ?? throw new VmException($"proof mode needs the label '{Program.MainScope}.__end__' (compile with --proof_mode)");
        if ((uint)start >= (uint)Program.Data.Count) throw new VmException($"entry pc {start} is outside the program (length {Program.Data.Count})");
        InitializeSegments();
        var stack = new List<MaybeRelocatable> { ExecutionBase.Add(2), Felt.Zero };
        stack.AddRange(BuiltinStack());
        Memory.Load(ExecutionBase, stack.ToArray());
        for (int i = 0; i < stack.Count; i++) _executionPublicMemory.Add(i);
        AddValidationRules();
        Vm.Pc = ProgramBase.Add(start);
        Vm.Ap = ExecutionBase.Add(2);
        Vm.Fp = ExecutionBase.Add(2);
        _endPc = ProgramBase.Add(end);
        InitializeZeroSegment();
        RunUntilEnd(additionalSteps: 1);
        CheckStepLimit();
        Vm.Step(); // executes the jmp rel 0 at __end__ once
        RunExtraSteps();
        EndRun();
        ReadReturnValues();
        FinalizeSegments();
        if (Options.SecureRun ?? false) VerifySecureRunner();
    }

    /// <summary><c>initialize_zero_segment</c>: 4 zero cells, when any mod builtin runner exists.</summary>
    private void InitializeZeroSegment()
    {
        if (!_builtins.Any(b => b is ModBuiltinRunner)) return;
        var zero = Memory.AddSegment();
        for (int i = 0; i < ModBuiltinRunner.ZeroSegmentSize; i++) Memory.Insert(zero.Add(i), Felt.Zero);
        ZeroSegment = zero;
    }

    private List<MaybeRelocatable> BuiltinStack()
    {
        var stack = new List<MaybeRelocatable>();
        foreach (var name in Program.Builtins) stack.Add(FindRunner(name)?.InitialStackValue() ?? new MaybeRelocatable(Felt.Zero));
        return stack;
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
        AddValidationRules();
        Vm.Pc = ProgramBase.Add(entryPc);
        Vm.Ap = top;
        Vm.Fp = top;
        _endPc = end;
    }

    private void AddValidationRules()
    {
        try
        {
            foreach (var b in _builtins)
            {
                b.AddValidationRules(Memory);
                b.RecordInputWriteOrder(Memory);
            }
        }
        catch (MemoryException e)
        {
            throw new VmException(e.Message, null, e);
        }
    }

    /// <summary>
    /// Runs to the end pc; with <see cref="CairoRunOptions.Steps"/> the end must come within
    /// <c>Steps − additionalSteps</c> steps (cairo-run's <c>max_steps</c>).
    /// </summary>
    private void RunUntilEnd(int additionalSteps = 0)
    {
        long limit = Options.MaxSteps;
        if (Options.Steps is { } steps) limit = Math.Min(limit, steps - additionalSteps);
        Vm.RunUntilPc(EndPc, limit);
    }

    /// <summary>
    /// What cairo-run does between the end of the program and <c>end_run</c>: record the original
    /// step count, then run to <c>--min_steps</c> and to <c>--steps</c> (cairo_run.py <c>cairo_run</c>).
    /// </summary>
    private void RunExtraSteps()
    {
        OriginalSteps = Vm.CurrentStep;
        if (Options.MinSteps is { } min) RunUntilSteps(min);
        if (Options.Steps is { } steps) RunUntilSteps(steps);
    }

    /// <summary>
    /// <c>end_run</c> (§3.7): re-verifies the auto-deduced cells, then in proof mode pads the trace
    /// (§3.8): to the next power of two, and one step plus the next power of two again until the
    /// layout's builtin, range-check, memory and diluted cells suffice.
    /// </summary>
    private void EndRun()
    {
        try
        {
            Memory.RelocateMemory();
            Memory.VerifyAutoDeductions();
        }
        catch (MemoryException e)
        {
            throw new VmException(e.Message, null, e);
        }
        if (!Options.ProofMode || Options.DisableTracePadding || Options.Steps is not null) return;
        RunUntilSteps(NextPowerOfTwo(Vm.CurrentStep));
        while (!CheckUsedCells())
        {
            CheckStepLimit();
            Vm.Step();
            RunUntilSteps(NextPowerOfTwo(Vm.CurrentStep));
        }
    }

    private void RunUntilSteps(long steps)
    {
        while (Vm.CurrentStep < steps)
        {
            CheckStepLimit();
            Vm.Step();
        }
    }

    private void CheckStepLimit()
    {
        if (Vm.CurrentStep >= Options.MaxSteps)
        {
            throw new VmException($"step limit exceeded: {Options.MaxSteps} steps executed", Vm.Pc);
        }
    }

    private static long NextPowerOfTwo(long x)
    {
        long p = 1;
        while (p < x) p <<= 1;
        return p;
    }

    /// <summary><c>check_used_cells</c> (§3.8): true when the current step count gives enough cells.</summary>
    private bool CheckUsedCells()
    {
        var layout = Layout!;
        long steps = Vm.CurrentStep;
        long builtinMemoryUnits = 0, dilutedUsed = 0, rcUsedByBuiltins = 0;
        foreach (var b in _builtins)
        {
            if (!b.HasSegment || Layout!.Find(b.Name) is null && b is not OutputBuiltinRunner) continue;
            if (!TryGetAllocatedInstances(b, steps, out long allocated)) return false;
            int used = b.GetUsedCells(Memory);
            if (b is OutputBuiltinRunner) continue;
            if (used > (long)b.CellsPerInstance * allocated) return false;
            builtinMemoryUnits += (long)(b.CellsPerInstance + b.AdditionalMemoryUnitsPerInstance) * allocated;
            dilutedUsed += (long)b.DilutedUnitsPerInstance * allocated;
            rcUsedByBuiltins += (long)used * b.RangeCheckParts;
        }

        GetRangeCheckLimits(out int rcMin, out int rcMax);
        if ((layout.RcUnits - 3) * steps - rcUsedByBuiltins < rcMax - rcMin) return false;

        long total = layout.MemoryUnitsPerStep * steps;
        long publicUnits = total / layout.PublicMemoryFraction;
        long instructionUnits = 4 * steps;
        if (total - publicUnits - instructionUnits - builtinMemoryUnits < GetMemoryHoles()) return false;

        if (layout.Diluted is { } d)
        {
            long units = d.LogUnitsPerStep >= 0 ? steps << d.LogUnitsPerStep : steps >> -d.LogUnitsPerStep;
            if (units - dilutedUsed < 1L << d.NBits) return false;
        }
        return true;
    }

    /// <summary>
    /// <c>steps · den / ratio</c> instances (§3.8); false when fewer steps than
    /// <c>ratio · instances_per_component / den</c> were run. Output: its used cells.
    /// </summary>
    private bool TryGetAllocatedInstances(BuiltinRunner b, long steps, out long allocated)
    {
        allocated = 0;
        if (b is OutputBuiltinRunner)
        {
            allocated = b.GetUsedCells(Memory);
            return true;
        }
        var lb = Layout?.Find(b.Name) ?? throw new InvalidOperationException($"builtin {b.Name} is not in the layout");
        if (lb.Ratio == 0) return true;
        long minSteps = ((long)lb.Ratio * b.InstancesPerComponent + lb.RatioDen - 1) / lb.RatioDen;
        if (steps < minSteps) return false;
        allocated = steps * lb.RatioDen / lb.Ratio;
        return true;
    }

    /// <summary>Brings the accessed-address set and the trace's offset range up to date with the trace.</summary>
    private void ProcessTrace()
    {
        if (_traceProcessed == 0)
        {
            for (int i = 0; i < Program.Data.Count; i++) _accessed.Mark(ProgramBase.Add(i));
        }
        var trace = Vm.Trace;
        for (; _traceProcessed < trace.Count; _traceProcessed++)
        {
            var e = trace[_traceProcessed];
            var ins = Vm.GetInstruction(e.Pc);
            var dst = (ins.DstReg == Register.Ap ? e.Ap : e.Fp).Add(ins.OffDst);
            var op0 = (ins.Op0Reg == Register.Ap ? e.Ap : e.Fp).Add(ins.OffOp0);
            var op1 = ins.Op1Src switch
            {
                Op1Source.Imm => e.Pc.Add(ins.OffOp1),
                Op1Source.Ap => e.Ap.Add(ins.OffOp1),
                Op1Source.Fp => e.Fp.Add(ins.OffOp1),
                _ => Memory.GetRelocatable(op0).Add(ins.OffOp1),
            };
            _accessed.Mark(e.Pc);
            _accessed.Mark(dst);
            _accessed.Mark(op0);
            _accessed.Mark(op1);
            Widen(ref _traceRcMin, ref _traceRcMax, ins.OffDst + 0x8000);
            Widen(ref _traceRcMin, ref _traceRcMax, ins.OffOp0 + 0x8000);
            Widen(ref _traceRcMin, ref _traceRcMax, ins.OffOp1 + 0x8000);
        }
    }

    private static void Widen(ref int min, ref int max, int v)
    {
        if (v < min) min = v;
        if (v > max) max = v;
    }

    /// <summary>
    /// rc_min/rc_max (§6.6): the biased offsets of every traced instruction, widened by the
    /// 16-bit limbs of the range-check builtins' values.
    /// </summary>
    public void GetRangeCheckLimits(out int rcMin, out int rcMax)
    {
        if (!Vm.RecordTrace) throw new InvalidOperationException("the range-check limits need the trace (set RecordTrace)");
        ProcessTrace();
        rcMin = _traceRcMin;
        rcMax = _traceRcMax;
        foreach (var b in _builtins)
        {
            if (b is RangeCheckBuiltinRunner rc && rc.TryGetRangeCheckUsage(Memory, out int min, out int max))
            {
                Widen(ref rcMin, ref rcMax, min);
                Widen(ref rcMin, ref rcMax, max);
            }
        }
        if (rcMin > rcMax) (rcMin, rcMax) = (0, 0);
    }

    /// <summary>
    /// Memory holes (§1.6): cells inside a segment's used size never accessed by an instruction;
    /// non-output builtin segments count as fully accessed.
    /// </summary>
    public long GetMemoryHoles()
    {
        ProcessTrace();
        var builtinSegments = new HashSet<int>();
        foreach (var b in _builtins)
        {
            if (!b.HasSegment) continue;
            if (b is not OutputBuiltinRunner) builtinSegments.Add(b.Base.Segment);
            if (b is ModBuiltinRunner mod)
            {
                foreach (var at in mod.GetMemoryAccesses(Memory)) _accessed.Mark(at);
            }
        }
        if (ZeroSegment is { } z) builtinSegments.Add(z.Segment);
        long holes = 0;
        for (int s = 0; s < Memory.SegmentCount; s++)
        {
            if (builtinSegments.Contains(s)) continue;
            int size = Memory.GetUsedSize(s);
            holes += size - _accessed.CountBelow(s, size);
        }
        return holes;
    }

    /// <summary>
    /// Checks the stop pointers returned by <c>main</c>, last builtin first (§3.9); in proof mode
    /// the return values become public memory.
    /// </summary>
    public void ReadReturnValues()
    {
        var pointer = Vm.Ap;
        try
        {
            for (int i = Program.Builtins.Count - 1; i >= 0; i--)
            {
                var name = Program.Builtins[i];
                if (FindRunner(name) is { } runner)
                {
                    pointer = runner.FinalStack(Memory, pointer);
                    continue;
                }
                pointer = pointer.Add(-1);
                if (!Memory.TryGet(pointer, out var v) || !v.Equals(new MaybeRelocatable(Felt.Zero)))
                {
                    throw new MemoryException($"The stop pointer of the missing builtin \"{name}\" must be 0.");
                }
            }
        }
        catch (MemoryException e)
        {
            throw new VmException(e.Message, null, e);
        }
        if (Options.ProofMode)
        {
            for (ulong o = pointer.Offset; o < Vm.Ap.Offset; o++) _executionPublicMemory.Add((int)(o - ExecutionBase.Offset));
        }
    }

    /// <summary>
    /// <c>finalize_segments</c> (§3.10): program size = its length, builtin segments sized to their
    /// allocated instances, and the public offsets recorded for the public memory.
    /// </summary>
    private void FinalizeSegments()
    {
        if (_finalized) return;
        try
        {
            Memory.FinalizeSegment(ProgramBase.Segment, Program.Data.Count);
            _publicOffsets[ProgramBase.Segment] = Enumerable.Range(0, Program.Data.Count).ToArray();
            Memory.FinalizeSegment(ExecutionBase.Segment, Memory.GetUsedSize(ExecutionBase.Segment));
            _publicOffsets[ExecutionBase.Segment] = _executionPublicMemory.ToArray();
            foreach (var b in _builtins)
            {
                if (!b.HasSegment || b is SegmentArenaBuiltinRunner) continue;
                if (b is OutputBuiltinRunner)
                {
                    int used = b.GetUsedCells(Memory);
                    Memory.FinalizeSegment(b.Base.Segment, used);
                    _publicOffsets[b.Base.Segment] = Enumerable.Range(0, used).ToArray();
                    continue;
                }
                if (!TryGetAllocatedInstances(b, Vm.CurrentStep, out long allocated))
                {
                    throw new VmException($"Number of steps must be at least {Layout!.Find(b.Name)!.Ratio * b.InstancesPerComponent} for the {b.Name} builtin.");
                }
                Memory.FinalizeSegment(b.Base.Segment, checked((int)(allocated * b.CellsPerInstance)));
            }
            if (ZeroSegment is { } z) Memory.FinalizeSegment(z.Segment, ModBuiltinRunner.ZeroSegmentSize);
        }
        catch (MemoryException e)
        {
            throw new VmException(e.Message, null, e);
        }
        _finalized = true;
    }

    /// <summary>
    /// <c>verify_secure_runner</c> (§3.11): no data left in temporary segments; builtin segments hold
    /// no cell at or beyond their stop pointer; the program segment no cell beyond the program;
    /// every address value points into a real segment; every builtin instance up to the last
    /// written cell has all its input cells; add_mod/mul_mod re-verify every operation (§4.11).
    /// </summary>
    public void VerifySecureRunner()
    {
        try
        {
            for (int t = 1; t <= Memory.TemporarySegmentCount; t++)
            {
                if (Memory.GetUsedSize(-t) > 0)
                {
                    throw new MemoryException($"Security check failed: temporary segment {-t} still holds data (no relocation rule moved it into a real segment)");
                }
            }
            var programSize = Program.Data.Count;
            if (Memory.GetUsedSize(ProgramBase.Segment) > programSize)
            {
                throw new MemoryException($"Security check failed: the program segment holds a cell at offset {Memory.GetUsedSize(ProgramBase.Segment) - 1}, beyond the program (size {programSize})");
            }
            foreach (var b in _builtins)
            {
                if (!b.HasSegment) continue;
                int used = Memory.GetUsedSize(b.Base.Segment);
                if ((ulong)used > b.StopPointer.Offset)
                {
                    throw new MemoryException($"Out of bounds access to builtin segment {b.Name} at {new Relocatable(b.Base.Segment, (ulong)used - 1)} (stop pointer {b.StopPointer})");
                }
                if (b is OutputBuiltinRunner or SegmentArenaBuiltinRunner) continue;
                CheckInputCells(b);
                if (b is ModBuiltinRunner mod) mod.RunSecurityChecks(Memory);
            }
            for (int s = 0; s < Memory.SegmentCount; s++)
            {
                int size = Memory.GetUsedSize(s);
                for (int i = 0; i < size; i++)
                {
                    var v = Memory.GetCell(s, i);
                    if (!v.IsRelocatable) continue;
                    var r = v.RelocatableUnchecked;
                    if (r.Segment < 0 || r.Segment >= Memory.SegmentCount)
                    {
                        throw new MemoryException($"Security check failed: the value {r} at {new Relocatable(s, (ulong)i)} points into a segment that is not a real segment");
                    }
                }
            }
        }
        catch (MemoryException e)
        {
            throw new VmException(e.Message, null, e);
        }
    }

    /// <summary>"Missing memory cells for {name}": every instance up to the last written cell has its inputs.</summary>
    private void CheckInputCells(BuiltinRunner b)
    {
        int used = Memory.GetUsedSize(b.Base.Segment);
        if (used == 0) return;
        int n = (used - 1) / b.CellsPerInstance + 1;
        var missing = new List<string>();
        for (int i = 0; i < n && missing.Count < 10; i++)
        {
            for (int j = 0; j < b.InputCellsPerInstance; j++)
            {
                var at = b.Base.Add((long)i * b.CellsPerInstance + j);
                if (!Memory.TryGet(at, out _)) missing.Add(at.ToString());
            }
        }
        if (missing.Count > 0) throw new MemoryException($"Missing memory cells for {b.Name}: {string.Join(", ", missing)}");
    }

    /// <summary>The AIR public input of a proof-mode run (§6.6).</summary>
    public AirPublicInput GetAirPublicInput()
    {
        if (!Options.ProofMode || !_finalized) throw new InvalidOperationException("the AIR public input needs a finished proof-mode run");
        var table = GetRelocationTable();
        var trace = Vm.Trace;
        GetRangeCheckLimits(out int rcMin, out int rcMax);
        var segments = new List<MemorySegmentAddresses>
        {
            new("program", table.Relocate(trace[0].Pc), table.Relocate(trace[^1].Pc)),
            new("execution", table.Relocate(trace[0].Ap), table.Relocate(trace[^1].Ap)),
        };
        foreach (var b in _builtins)
        {
            if (b.HasSegment) segments.Add(new(b.Name, table.Relocate(b.Base), table.Relocate(b.StopPointer)));
        }

        var publicMemory = new List<PublicMemoryEntry>();
        foreach (var (segment, offsets) in _publicOffsets)
        {
            foreach (int offset in offsets)
            {
                var at = new Relocatable(segment, (ulong)offset);
                if (!Memory.TryGet(at, out var value)) throw new VmException($"public memory cell {at} has no value");
                publicMemory.Add(new PublicMemoryEntry(table.Relocate(at), table.Relocate(value), 0));
            }
        }
        return new AirPublicInput(Layout!.Name, rcMin, rcMax, trace.Count, segments, publicMemory);
    }

    /// <summary>Writes air_public_input.json.</summary>
    public void WriteAirPublicInput(Stream stream) => GetAirPublicInput().Write(stream);

    /// <summary>
    /// The AIR private input (§6.7) with the given (absolute) trace and memory file paths: every
    /// builtin's instances, after the run.
    /// </summary>
    public AirPrivateInput GetAirPrivateInput(string tracePath, string memoryPath) =>
        AirPrivateInput.Create(_builtins, Memory, GetRelocationTable(), ZeroSegment, tracePath, memoryPath);

    /// <summary>Writes air_private_input.json.</summary>
    public void WriteAirPrivateInput(Stream stream, string tracePath, string memoryPath) =>
        GetAirPrivateInput(tracePath, memoryPath).Write(stream);

    /// <summary>The program output (cells of the output builtin), empty without one.</summary>
    public IReadOnlyList<MaybeRelocatable> GetOutput()
    {
        foreach (var b in _builtins)
        {
            if (b is OutputBuiltinRunner output) return output.GetOutput(Memory);
        }
        return [];
    }

    /// <summary>
    /// The relocation table (§1.7); pending temporary-segment relocation rules are applied first
    /// (a no-op after <c>end_run</c>, which applies them).
    /// </summary>
    public RelocationTable GetRelocationTable()
    {
        Memory.RelocateMemory();
        return Memory.ComputeRelocationTable();
    }

    /// <summary>Writes trace.bin (requires <see cref="CairoRunOptions.RecordTrace"/>).</summary>
    public void WriteTrace(Stream stream)
    {
        if (!Vm.RecordTrace) throw new InvalidOperationException("the trace was not recorded (set RecordTrace)");
        TraceFile.Write(stream, Vm.Trace, GetRelocationTable());
    }

    /// <summary>Writes memory.bin.</summary>
    public void WriteMemory(Stream stream) => MemoryFile.Write(stream, Memory, GetRelocationTable());

    private BuiltinRunner? FindRunner(string name)
    {
        foreach (var b in _builtins)
        {
            if (b.Name == name) return b;
        }
        return null;
    }

    private static BuiltinRunner CreateRunner(string name) =>
        BuiltinRunner.Create(name) ?? throw new VmException($"builtin '{name}' is not supported yet");

    private static int IndexOf(IReadOnlyList<string> list, string name, int from)
    {
        for (int i = from; i < list.Count; i++)
        {
            if (list[i] == name) return i;
        }
        return -1;
    }
}
