using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Cairn.Cairo.Hints;
using Cairn.Cairo.Instructions;
using Cairn.Cairo.Memory;
using Cairn.Primitives;

namespace Cairn.Cairo.Vm;

/// <summary>
/// The Cairo CPU: registers, memory, the step function (cairo-vm.md §2.5–§2.9) and the optional
/// execution trace. Instructions of the registered code segment are decoded once and cached by pc.
/// </summary>
public sealed class VirtualMachine
{
    private Instruction[] _cache = [];
    private bool[] _cached = [];
    private int _codeSegment = -1;
    private IHint[]?[] _hintsAt = [];
    private bool _cacheShared;
    private MaybeRelocatable[] _imm = [];
    private long[] _immOffset = [];
    private readonly TraceBuffer _trace;
    private HintContext? _hintContext;

    public VirtualMachine(VmMemory? memory = null, bool recordTrace = false)
    {
        Memory = memory ?? new VmMemory();
        _trace = new TraceBuffer(Memory);
        RecordTrace = recordTrace;
    }

    public VmMemory Memory { get; }

    public Relocatable Pc { get; set; }

    public Relocatable Ap { get; set; }

    public Relocatable Fp { get; set; }

    /// <summary>Number of executed steps.</summary>
    public long CurrentStep { get; private set; }

    public bool RecordTrace { get; set; }

    /// <summary>The recorded trace (empty when <see cref="RecordTrace"/> is off).</summary>
    public TraceBuffer Trace => _trace;

    /// <summary>
    /// Declares the segment holding the program: enables the decoded-instruction cache for its
    /// first <paramref name="length"/> words.
    /// </summary>
    public void SetCodeSegment(int segment, int length)
    {
        _codeSegment = segment;
        _cache = new Instruction[length];
        _cached = new bool[length];
        _hintsAt = new IHint[]?[length];
        _imm = new MaybeRelocatable[length];
        _immOffset = new long[length];
        _cacheShared = false;
    }

    /// <summary>
    /// Declares the segment holding <paramref name="program"/>, decoded and with its hints compiled
    /// beforehand and shared across runs (nothing is allocated or decoded per run).
    /// </summary>
    public void SetCodeSegment(int segment, DecodedProgram program)
    {
        _codeSegment = segment;
        _cache = program.Instructions;
        _cached = program.Decoded;
        _hintsAt = program.Hints;
        _imm = program.Immediates;
        _immOffset = program.ImmediateOffsets;
        _cacheShared = true;
    }

    /// <summary>
    /// Attaches compiled hints to pcs (offsets into the code segment); they run, in order, every
    /// time execution reaches their pc, with <see cref="HintContext"/>.
    /// </summary>
    public void SetHints(IReadOnlyDictionary<int, IHint[]> hintsByOffset)
    {
        if (_cacheShared) throw new InvalidOperationException("the hints of a shared DecodedProgram are fixed");
        foreach (var (offset, hints) in hintsByOffset)
        {
            if ((uint)offset >= (uint)_hintsAt.Length) throw new ArgumentOutOfRangeException(nameof(hintsByOffset), $"hint pc {offset} is outside the code segment");
            _hintsAt[offset] = hints.Length == 0 ? null : hints;
        }
    }

    /// <summary>The context hints run with (created on first use).</summary>
    public HintContext HintContext
    {
        get => _hintContext ??= new HintContext(this);
        set => _hintContext = value;
    }

    /// <summary>
    /// Runs until pc reaches <paramref name="endPc"/>. Fails with a clear error naming the pc on any
    /// step error, or when <paramref name="maxSteps"/> steps have been executed without reaching it.
    /// </summary>
    public void RunUntilPc(Relocatable endPc, long maxSteps = long.MaxValue)
    {
        try
        {
            while (Pc != endPc)
            {
                if (CurrentStep >= maxSteps)
                {
                    throw new VmException(
                        $"step limit exceeded: {maxSteps} steps executed without reaching the end pc {endPc} (End of program was not reached)",
                        Pc);
                }
                StepCore(Pc);
            }
        }
        catch (MemoryException e)
        {
            throw new VmException(e.Message, Pc, e); // registers change only after a step succeeds: Pc is the failing step's
        }
    }

    /// <summary>Executes exactly <paramref name="steps"/> steps.</summary>
    public void RunSteps(long steps)
    {
        for (long i = 0; i < steps; i++) Step();
    }

    /// <summary>Executes one instruction. Errors are <see cref="VmException"/> naming the pc.</summary>
    public void Step()
    {
        var pc = Pc;
        try
        {
            StepCore(pc);
        }
        catch (MemoryException e)
        {
            throw new VmException(e.Message, pc, e);
        }
    }

    /// <summary>Decodes (or fetches from the cache) the instruction at <paramref name="pc"/>.</summary>
    public Instruction GetInstruction(Relocatable pc) => DecodeAt(pc);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Instruction DecodeAt(Relocatable pc)
    {
        if (pc.Segment == _codeSegment && pc.Offset < (ulong)_cached.Length)
        {
            int i = (int)pc.Offset;
            if (_cached[i]) return _cache[i];
            var ins = DecodeUncached(pc);
            if (!_cacheShared)
            {
                _cache[i] = ins;
                if (ins.Op1Src == Op1Source.Imm && Memory.TryGet(pc.Add(1), out var imm))
                {
                    _imm[i] = imm;
                    _immOffset[i] = SmallOffset(imm);
                }
                _cached[i] = true;
            }
            return ins;
        }
        return DecodeUncached(pc);
    }

    /// <summary>An immediate as a small signed jump or ap offset, or <see cref="long.MinValue"/> when it is not one.</summary>
    internal static long SmallOffset(MaybeRelocatable imm)
    {
        if (!imm.IsFelt) return long.MinValue;
        var f = imm.FeltUnchecked;
        if (f.TryToUInt64(out ulong v) && v <= int.MaxValue) return (long)v;
        if ((-f).TryToUInt64(out ulong n) && n <= int.MaxValue) return -(long)n;
        return long.MinValue;
    }

    private Instruction DecodeUncached(Relocatable pc)
    {
        if (!Memory.TryGet(pc, out var word)) throw new VmException($"Unknown value for memory cell at address {pc} (no instruction at pc)", pc);
        if (!word.IsFelt) throw new VmException($"Instruction should be an int, found {word}", pc);
        if (!InstructionDecoder.TryDecode(word.FeltUnchecked, out var ins, out var error)) throw new VmException(error, pc);
        return ins;
    }

    // StepCore is kept small so that the JIT's inlining budget covers the memory and register
    // helpers it calls on every step: error messages are built in the Throw* helpers below and rare
    // paths (operand deduction, felt fp) live in their own methods.
    private void StepCore(Relocatable pc)
    {
        // ci: the pc's index in the code segment's caches, or -1.
        int ci = pc.Segment == _codeSegment && pc.Offset < (ulong)_hintsAt.Length ? (int)pc.Offset : -1;
        if (ci >= 0 && _hintsAt[ci] is { } hints)
        {
            RunHints(hints, pc);
        }

        var ins = DecodeAt(pc);
        // The immediate of a cached instruction, and the same as a small signed offset (long.MinValue: none).
        long immOffset = long.MinValue;
        MaybeRelocatable imm = default;
        if (ci >= 0 && ins.Op1Src == Op1Source.Imm && _cached[ci])
        {
            imm = _imm[ci];
            immOffset = _immOffset[ci];
        }
        var mem = Memory;
        var ap = Ap;
        var fp = Fp;

        var dstAddr = (ins.DstReg == Register.Ap ? ap : fp).Add(ins.OffDst);
        var op0Addr = (ins.Op0Reg == Register.Ap ? ap : fp).Add(ins.OffOp0);
        bool hasDst = mem.TryGet(dstAddr, out var dst);
        bool hasOp0 = mem.TryGet(op0Addr, out var op0);

        Relocatable op1Addr;
        MaybeRelocatable op1;
        bool hasOp1;
        switch (ins.Op1Src)
        {
            case Op1Source.Imm: op1Addr = pc.Add(ins.OffOp1); break;
            case Op1Source.Ap: op1Addr = ap.Add(ins.OffOp1); break;
            case Op1Source.Fp: op1Addr = fp.Add(ins.OffOp1); break;
            default:
                if (!hasOp0 || !op0.IsRelocatable) ThrowDoubleDeref(hasOp0, op0, pc);
                op1Addr = op0.RelocatableUnchecked.Add(ins.OffOp1);
                break;
        }
        if (imm.HasValue)
        {
            op1 = imm;
            hasOp1 = true;
        }
        else
        {
            hasOp1 = mem.TryGet(op1Addr, out op1);
        }

        MaybeRelocatable res = default;
        if (!hasOp0 || !hasOp1)
        {
            DeduceOperands(in ins, pc, hasDst, dst, hasOp0, ref op0, op0Addr, hasOp1, ref op1, op1Addr, ref res);
        }

        if (!res.HasValue)
        {
            switch (ins.Res)
            {
                case ResLogic.Op1: res = op1; break;
                case ResLogic.Add: res = op0 + op1; break;
                case ResLogic.Mul:
                    if (!op0.IsFelt || !op1.IsFelt) ThrowMul(op0, op1, pc);
                    res = new MaybeRelocatable(op0.FeltUnchecked * op1.FeltUnchecked);
                    break;
            }
        }

        if (!hasDst)
        {
            if (ins.Opcode == Opcode.AssertEq && res.HasValue) dst = res;
            else if (ins.Opcode == Opcode.Call) dst = new MaybeRelocatable(fp);
            else ThrowNoDst(dstAddr, pc);
            mem.Insert(dstAddr, dst);
        }

        // Opcode assertions (§2.7).
        if (ins.Opcode == Opcode.AssertEq)
        {
            if (!res.HasValue || !dst.Equals(res)) ThrowAssertEq(dst, res, pc);
        }
        else if (ins.Opcode == Opcode.Call)
        {
            var retPc = new MaybeRelocatable(pc.Add(ins.Size));
            if (!op0.Equals(retPc) || !dst.Equals(new MaybeRelocatable(fp))) ThrowCall(op0, retPc, dst, fp, pc);
        }

        if (RecordTrace)
        {
            _trace.Add(pc, ap, fp);
        }

        // Register update: fp, ap, pc (§2.8).
        switch (ins.FpUpdate)
        {
            case FpUpdate.ApPlus2: Fp = ap.Add(2); break;
            case FpUpdate.Dst: Fp = dst.IsRelocatable ? dst.RelocatableUnchecked : FeltFp(dst, fp, pc); break;
        }

        switch (ins.ApUpdate)
        {
            case ApUpdate.Add when immOffset != long.MinValue && ins.Res == ResLogic.Op1:
                Ap = ap.Add(immOffset);
                break;
            case ApUpdate.Add:
                if (!res.IsFelt) ThrowApAdd(res, pc);
                Ap = ap.AddFelt(res.FeltUnchecked);
                break;
            case ApUpdate.Add1: Ap = ap.Add(1); break;
            case ApUpdate.Add2: Ap = ap.Add(2); break;
        }

        switch (ins.PcUpdate)
        {
            case PcUpdate.Regular: Pc = pc.Add(ins.Size); break;
            case PcUpdate.Jump:
                if (!res.IsRelocatable) ThrowJump("jmp abs needs a relocatable target", res, pc);
                Pc = res.RelocatableUnchecked;
                break;
            case PcUpdate.JumpRel when immOffset != long.MinValue && ins.Res == ResLogic.Op1:
                Pc = pc.Add(immOffset);
                break;
            case PcUpdate.JumpRel:
                if (!res.IsFelt) ThrowJump("jmp rel needs a felt offset", res, pc);
                Pc = pc.AddFelt(res.FeltUnchecked);
                break;
            default: // Jnz
                if (dst.IsFelt && dst.FeltUnchecked.IsZero)
                {
                    Pc = pc.Add(ins.Size);
                }
                else if (immOffset != long.MinValue)
                {
                    Pc = pc.Add(immOffset);
                }
                else
                {
                    if (!op1.IsFelt) ThrowJump("jnz needs a felt jump offset", op1, pc);
                    Pc = pc.AddFelt(op1.FeltUnchecked);
                }
                break;
        }

        CurrentStep++;
    }

    /// <summary>
    /// op0/op1 not in memory: builtin auto-deduction first (a deduced cell is written at once), then
    /// deduction from the instruction (§2.6), writing what was deduced; a clear error otherwise.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void DeduceOperands(in Instruction ins, Relocatable pc, bool hasDst, MaybeRelocatable dst,
        bool hasOp0, ref MaybeRelocatable op0, Relocatable op0Addr, bool hasOp1, ref MaybeRelocatable op1, Relocatable op1Addr, ref MaybeRelocatable res)
    {
        var mem = Memory;
        if (!hasOp0) hasOp0 = mem.TryAutoDeduce(op0Addr, out op0);
        if (!hasOp1) hasOp1 = mem.TryAutoDeduce(op1Addr, out op1);
        bool op0Deduced = false, op1Deduced = false;
        if (!hasOp0)
        {
            op0Deduced = DeduceOp0(in ins, pc, hasDst, dst, hasOp1, op1, out op0, ref res);
            if (!op0Deduced) throw new VmException($"Couldn't compute operand op0 at address {op0Addr}", pc);
        }
        if (!hasOp1)
        {
            op1Deduced = DeduceOp1(in ins, hasDst, dst, op0, out op1, ref res);
            if (!op1Deduced) throw new VmException($"Couldn't compute operand op1 at address {op1Addr}", pc);
        }
        if (op0Deduced) mem.Insert(op0Addr, op0);
        if (op1Deduced) mem.Insert(op1Addr, op1);
    }

    /// <summary>A felt fp is an offset in fp's segment, as in the reference VMs: Starknet entry points return to the frame [.., 0, end], so their final ret sets fp to the integer 0.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Relocatable FeltFp(MaybeRelocatable dst, Relocatable fp, Relocatable pc)
    {
        if (dst.IsFelt && dst.FeltUnchecked.TryToUInt64(out ulong offset)) return new Relocatable(fp.Segment, offset);
        throw new VmException($"ret: the saved fp must be an address or a small offset, found {dst}", pc);
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowDoubleDeref(bool hasOp0, MaybeRelocatable op0, Relocatable pc) =>
        throw new VmException(hasOp0 ? $"op0 must be a relocatable value in double dereference, found {op0}" : "op0 must be known in double dereference", pc);

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowMul(MaybeRelocatable op0, MaybeRelocatable op1, Relocatable pc) =>
        throw new VmException($"Cannot multiply {op0} by {op1}: both operands must be felts", pc);

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNoDst(Relocatable dstAddr, Relocatable pc) =>
        throw new VmException($"Couldn't get or load dst at address {dstAddr}", pc);

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowAssertEq(MaybeRelocatable dst, MaybeRelocatable res, Relocatable pc) =>
        throw new VmException(res.HasValue ? $"An ASSERT_EQ instruction failed: {dst} != {res}." : "Res.UNCONSTRAINED cannot be used with Opcode.ASSERT_EQ", pc);

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowCall(MaybeRelocatable op0, MaybeRelocatable retPc, MaybeRelocatable dst, Relocatable fp, Relocatable pc) =>
        throw new VmException(!op0.Equals(retPc)
            ? $"Call failed to write return-pc (inconsistent op0): {op0} != {retPc}. Did you forget to increment ap?"
            : $"Call failed to write return-fp (inconsistent dst): {dst} != {fp}. Did you forget to increment ap?", pc);

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowApAdd(MaybeRelocatable res, Relocatable pc) =>
        throw new VmException(res.HasValue ? $"ap += res needs a felt, found {res}" : "Res.UNCONSTRAINED cannot be used with ApUpdate.ADD", pc);

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowJump(string what, MaybeRelocatable value, Relocatable pc) =>
        throw new VmException($"{what}, found {value}", pc);

    private void RunHints(IHint[] hints, Relocatable pc)
    {
        var context = HintContext;
        for (int i = 0; i < hints.Length; i++)
        {
            try
            {
                hints[i].Execute(context);
            }
            catch (Exception e) when (e is not VmException and not OutOfMemoryException and not StackOverflowException)
            {
                throw new VmException($"Got an exception while executing a hint (hint {i} at pc {pc}): {e.Message}", pc, e);
            }
        }
    }

    private static bool DeduceOp0(in Instruction ins, Relocatable pc, bool hasDst, MaybeRelocatable dst, bool hasOp1, MaybeRelocatable op1,
        out MaybeRelocatable op0, ref MaybeRelocatable res)
    {
        op0 = default;
        switch (ins.Opcode)
        {
            case Opcode.Call:
                op0 = new MaybeRelocatable(pc.Add(ins.Size));
                return true;
            case Opcode.AssertEq when ins.Res == ResLogic.Add && hasDst && hasOp1:
                op0 = dst - op1;
                res = dst;
                return true;
            case Opcode.AssertEq when ins.Res == ResLogic.Mul && hasDst && hasOp1 && dst.IsFelt && op1.IsFelt && !op1.FeltUnchecked.IsZero:
                op0 = new MaybeRelocatable(dst.FeltUnchecked / op1.FeltUnchecked);
                res = dst;
                return true;
            default:
                return false;
        }
    }

    private static bool DeduceOp1(in Instruction ins, bool hasDst, MaybeRelocatable dst, MaybeRelocatable op0,
        out MaybeRelocatable op1, ref MaybeRelocatable res)
    {
        op1 = default;
        if (ins.Opcode != Opcode.AssertEq || !hasDst) return false;
        switch (ins.Res)
        {
            case ResLogic.Op1:
                op1 = dst;
                res = dst;
                return true;
            case ResLogic.Add when MaybeRelocatable.TrySubtract(dst, op0, out op1):
                res = dst;
                return true;
            case ResLogic.Mul when dst.IsFelt && op0.IsFelt && !op0.FeltUnchecked.IsZero:
                op1 = new MaybeRelocatable(dst.FeltUnchecked / op0.FeltUnchecked);
                res = dst;
                return true;
            default:
                op1 = default;
                return false;
        }
    }
}
