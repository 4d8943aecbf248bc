using Cairn.Cairo.Builtins;
using Cairn.Cairo.Hints;
using Cairn.Cairo.Hints.Cairo1;
using Cairn.Cairo.Memory;
using Cairn.Cairo.Programs;
using Cairn.Cairo.Syscalls;
using Cairn.Cairo.Vm;
using Cairn.Primitives;

namespace Cairn.Cairo.Runners;

/// <summary>
/// Runs one entry point of a CASM contract class with Starknet's calling convention
/// (cairo-vm.md §9): segments program, execution, the entry point's builtins in order, builtin-cost
/// table, syscall, calldata, end; the stack <c>[builtin bases…, gas − 10 000, syscall_ptr,
/// calldata_start, calldata_end, 0, end]</c>; the bytecode followed by a <c>ret</c> and the cost
/// table pointer; run until pc reaches <c>end</c>; then the builtins' stop pointers, remaining gas,
/// panic flag and return-data span are read from the top of the stack. Syscalls go to the
/// <see cref="SyscallHandlerBase"/>, which the caller owns (state, events, inner calls).
/// </summary>
public static class ContractEntryPointRunner
{
    /// <summary>Entry-point builtins a Starknet class may use, in their required order (§6.3).</summary>
    public static IReadOnlyList<string> SupportedBuiltins { get; } =
        ["pedersen", "range_check", "bitwise", "ec_op", "poseidon", "segment_arena", "range_check96", "add_mod", "mul_mod"];

    /// <summary>The machine word of <c>ret</c>, written after the bytecode (§9.2).</summary>
    public static readonly Felt RetInstruction = Felt.FromUInt64(0x208b7fff7fff7ffe);

    /// <summary>
    /// Runs the entry point <paramref name="selector"/> of <paramref name="type"/>. Errors that abort
    /// the call (no such entry point, VM or hint failure, step limit) are <see cref="VmException"/>s;
    /// a Cairo panic is a result with <see cref="EntryPointResult.Failed"/>.
    /// </summary>
    public static EntryPointResult Run(
        CasmContractClass contractClass,
        EntryPointType type,
        Felt selector,
        IReadOnlyList<Felt> calldata,
        ulong initialGas,
        SyscallHandlerBase handler,
        ContractRunOptions? options = null)
    {
        options ??= new ContractRunOptions();
        var entryPoint = contractClass.FindEntryPoint(type, selector)
            ?? throw new VmException($"Entry point {selector} of type {type} not found in contract class");
        CheckBuiltins(entryPoint.Builtins);
        if (initialGas < SyscallGasCosts.EntryPointInitialBudget)
        {
            throw new VmException($"Insufficient entry point initial gas: {initialGas} < {SyscallGasCosts.EntryPointInitialBudget}");
        }

        var prepared = Prepare(contractClass);
        using var memory = new VmMemory { MaxBytes = options.MaxMemoryBytes }; // its pages go back to the pool for the next call
        var vm = new VirtualMachine(memory, options.RecordTrace);
        try
        {
            // The program segment (bytecode, ret, cost-table pointer) is shared across runs; its last
            // cell points at the cost table, whose segment index depends on the builtins' segments.
            int costSegment = 2;
            foreach (var name in entryPoint.Builtins) costSegment += name == "segment_arena" ? 2 : 1;
            var programBase = memory.AddSharedSegment(prepared.ProgramPages(costSegment), prepared.Decoded.Length);
            var executionBase = memory.AddSegment();
            var builtins = new List<BuiltinRunner>(entryPoint.Builtins.Count);
            foreach (var name in entryPoint.Builtins)
            {
                var runner = BuiltinRunner.Create(name) ?? throw new VmException($"builtin '{name}' is not supported");
                runner.InitializeSegments(memory);
                builtins.Add(runner);
            }
            var costs = memory.AddSegment();
            if (costs.Segment != costSegment) throw new InvalidOperationException($"cost table segment {costs.Segment}, expected {costSegment}");
            for (int i = 0; i < options.BuiltinCosts.Count; i++) memory.Insert(costs.Add(i), Felt.FromUInt64((ulong)options.BuiltinCosts[i]));
            var syscallSegment = memory.AddSegment();
            var calldataStart = memory.AddSegment();
            for (int i = 0; i < calldata.Count; i++) memory.Insert(calldataStart.Add(i), calldata[i]);
            var end = memory.AddSegment();

            vm.SetCodeSegment(programBase.Segment, prepared.Decoded);
            vm.HintContext = new HintContext(vm, builtins) { SyscallHandler = handler, DebugOutput = options.DebugOutput };
            handler.SyscallPointer = syscallSegment;

            var stack = new List<MaybeRelocatable>(builtins.Count + 6);
            foreach (var b in builtins) stack.Add(b.InitialStackValue());
            stack.Add(Felt.FromUInt64(initialGas - SyscallGasCosts.EntryPointInitialBudget));
            stack.Add(syscallSegment);
            stack.Add(calldataStart);
            stack.Add(calldataStart.Add(calldata.Count));
            stack.Add(Felt.Zero);
            stack.Add(end);
            var top = memory.Load(executionBase, stack.ToArray());
            foreach (var b in builtins) b.AddValidationRules(memory);
            vm.Pc = programBase.Add(entryPoint.Offset);
            vm.Ap = top;
            vm.Fp = top;

            vm.RunUntilPc(end, options.MaxSteps);
            memory.VerifyAutoDeductions();
            return ReadResult(vm, builtins, initialGas);
        }
        catch (MemoryException e)
        {
            throw new VmException(e.Message, null, e); // setting up or reading back the call (the run itself names its pc)
        }
        finally
        {
            vm.Trace.Release(); // nothing reads a contract call's trace after the call
        }
    }

    private static EntryPointResult ReadResult(VirtualMachine vm, List<BuiltinRunner> builtins, ulong initialGas)
    {
        var memory = vm.Memory;
        var ap = vm.Ap;
        var gasCell = memory.Get(ap.Add(-5));
        if (!gasCell.IsFelt || !gasCell.FeltUnchecked.TryToUInt64(out ulong remaining) || remaining > initialGas)
        {
            throw new VmException($"Invalid remaining gas returned by the entry point: {gasCell} (initial gas {initialGas})");
        }
        var flag = memory.Get(ap.Add(-3));
        bool failed;
        if (flag == new MaybeRelocatable(Felt.Zero)) failed = false;
        else if (flag == new MaybeRelocatable(Felt.One)) failed = true;
        else throw new VmException("Failure flag expected to be either 0 or 1.");

        var start = memory.Get(ap.Add(-2));
        var stop = memory.Get(ap.Add(-1));
        if (!start.IsRelocatable || !stop.IsRelocatable || start.RelocatableUnchecked.Segment != stop.RelocatableUnchecked.Segment
            || stop.RelocatableUnchecked.Offset < start.RelocatableUnchecked.Offset)
        {
            throw new VmException($"Invalid return data span: {start}..{stop}");
        }
        int n = checked((int)(stop.RelocatableUnchecked.Offset - start.RelocatableUnchecked.Offset));
        var retdata = new Felt[n];
        for (int i = 0; i < n; i++) retdata[i] = memory.GetFelt(start.RelocatableUnchecked.Add(i));

        // Builtin stop pointers sit below the gas: [ap − k − 5 .. ap − 6], entry-point order.
        var pointer = ap.Add(-5);
        for (int i = builtins.Count - 1; i >= 0; i--) pointer = builtins[i].FinalStack(memory, pointer);

        var instances = new Dictionary<string, int>();
        foreach (var b in builtins) instances[b.Name] = b.GetUsedInstances(memory);
        return new EntryPointResult(retdata, failed, initialGas - remaining, vm.CurrentStep, instances);
    }

    private static void CheckBuiltins(IReadOnlyList<string> names)
    {
        int next = 0;
        foreach (var name in names)
        {
            int at = -1;
            for (int i = next; i < SupportedBuiltins.Count; i++)
            {
                if (SupportedBuiltins[i] == name)
                {
                    at = i;
                    break;
                }
            }
            if (at < 0)
            {
                throw new VmException(SupportedBuiltins.Contains(name)
                    ? $"entry point builtins must be an ordered subsequence of [{string.Join(", ", SupportedBuiltins)}]: '{name}' is out of order"
                    : $"builtin '{name}' is not supported by Starknet entry points");
            }
            next = at + 1;
        }
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<CasmContractClass, PreparedClass> Cache = new();

    /// <summary>The class decoded, its hints compiled, once (hints keep their per-run state in the <see cref="HintContext"/>).</summary>
    private static PreparedClass Prepare(CasmContractClass contractClass) =>
        Cache.GetValue(contractClass, static c => new PreparedClass(c));

    /// <summary>What every run of a class shares: decoded instructions, compiled hints, program pages.</summary>
    private sealed class PreparedClass
    {
        private readonly CasmContractClass _class;
        private readonly System.Collections.Concurrent.ConcurrentDictionary<int, MaybeRelocatable[][]> _pages = new();

        public PreparedClass(CasmContractClass c)
        {
            _class = c;
            var hints = new Dictionary<int, IHint[]>(c.Hints.Count);
            foreach (var (pc, list) in c.Hints)
            {
                var compiled = new IHint[list.Length];
                for (int i = 0; i < list.Length; i++)
                {
                    try
                    {
                        compiled[i] = Cairo1HintParser.Parse(list[i]);
                    }
                    catch (Exception e) when (e is FormatException or HintException or InvalidOperationException or KeyNotFoundException)
                    {
                        throw new VmException($"invalid hint at pc {pc}: {e.Message}", null, e);
                    }
                }
                hints[pc] = compiled;
            }
            Decoded = new DecodedProgram([.. c.Bytecode, RetInstruction], hints, extraWords: 1);
        }

        public DecodedProgram Decoded { get; }

        /// <summary>Bytecode, <c>ret</c> and the pointer to the cost table in segment <paramref name="costSegment"/>, as shared pages.</summary>
        public MaybeRelocatable[][] ProgramPages(int costSegment) => _pages.GetOrAdd(costSegment, static (seg, c) =>
        {
            var words = new MaybeRelocatable[c.Bytecode.Count + 2];
            for (int i = 0; i < c.Bytecode.Count; i++) words[i] = c.Bytecode[i];
            words[^2] = RetInstruction;
            words[^1] = new Relocatable(seg, 0);
            return VmMemory.ToPages(words);
        }, _class);
    }
}
