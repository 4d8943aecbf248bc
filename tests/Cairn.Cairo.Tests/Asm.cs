using Cairn.Cairo.Instructions;
using Cairn.Cairo.Programs;
using Cairn.Primitives;

namespace Cairn.Cairo.Tests;

/// <summary>
/// A tiny assembler for tests: each method builds an <see cref="Instruction"/> from its fields,
/// encodes it with <see cref="InstructionEncoder"/> and appends the word (and immediate).
/// Unused operands follow the compiler's convention (fp − 1, immediate at pc + 1).
/// </summary>
internal sealed class Asm
{
    private readonly List<Felt> _words = [];

    public int Pc => _words.Count;

    public IReadOnlyList<Felt> Words => _words;

    public static Instruction Ins(
        Opcode opcode = Opcode.Nop,
        Register dstReg = Register.Fp, short dst = -1,
        Register op0Reg = Register.Fp, short op0 = -1,
        Op1Source op1Src = Op1Source.Imm, short op1 = 1,
        ResLogic res = ResLogic.Op1,
        PcUpdate pc = PcUpdate.Regular,
        ApUpdate ap = ApUpdate.Regular) =>
        new(dst, op0, op1, dstReg, op0Reg, op1Src,
            pc == PcUpdate.Jnz ? ResLogic.Unconstrained : res,
            pc,
            opcode == Opcode.Call ? ApUpdate.Add2 : ap,
            opcode switch { Opcode.Call => FpUpdate.ApPlus2, Opcode.Ret => FpUpdate.Dst, _ => FpUpdate.Regular },
            opcode);

    public static ulong Encode(Instruction ins) => InstructionEncoder.Encode(ins);

    public Asm Emit(Instruction ins, Felt? imm = null)
    {
        _words.Add(InstructionEncoder.Encode(ins));
        if (ins.Op1Src == Op1Source.Imm) _words.Add(imm ?? throw new ArgumentException("immediate missing"));
        return this;
    }

    public Asm Word(Felt w)
    {
        _words.Add(w);
        return this;
    }

    /// <summary><c>[reg + off] = imm</c> (, ap++).</summary>
    public Asm AssertImm(Register reg, short off, Felt imm, bool apPlusPlus = false) =>
        Emit(Ins(Opcode.AssertEq, reg, off, op0: -1, op1Src: Op1Source.Imm, ap: apPlusPlus ? ApUpdate.Add1 : ApUpdate.Regular), imm);

    /// <summary><c>[dstReg + dst] = [op1Reg + op1]</c> (, ap++).</summary>
    public Asm AssertCopy(Register dstReg, short dst, Register op1Reg, short op1, bool apPlusPlus = false) =>
        Emit(Ins(Opcode.AssertEq, dstReg, dst, op1Src: Src(op1Reg), op1: op1, ap: apPlusPlus ? ApUpdate.Add1 : ApUpdate.Regular));

    /// <summary><c>[dstReg + dst] = [op0Reg + op0] (+|*) [op1Reg + op1]</c> (, ap++).</summary>
    public Asm AssertOp(ResLogic res, Register dstReg, short dst, Register op0Reg, short op0, Register op1Reg, short op1, bool apPlusPlus = false) =>
        Emit(Ins(Opcode.AssertEq, dstReg, dst, op0Reg, op0, Src(op1Reg), op1, res, ap: apPlusPlus ? ApUpdate.Add1 : ApUpdate.Regular));

    /// <summary><c>[dstReg + dst] = [op0Reg + op0] (+|*) imm</c> (, ap++).</summary>
    public Asm AssertOpImm(ResLogic res, Register dstReg, short dst, Register op0Reg, short op0, Felt imm, bool apPlusPlus = false) =>
        Emit(Ins(Opcode.AssertEq, dstReg, dst, op0Reg, op0, Op1Source.Imm, 1, res, ap: apPlusPlus ? ApUpdate.Add1 : ApUpdate.Regular), imm);

    /// <summary><c>[dstReg + dst] = [[op0Reg + op0] + op1]</c> (double dereference).</summary>
    public Asm AssertDeref(Register dstReg, short dst, Register op0Reg, short op0, short op1 = 0) =>
        Emit(Ins(Opcode.AssertEq, dstReg, dst, op0Reg, op0, Op1Source.Op0, op1));

    /// <summary><c>call rel target</c> (target is a pc; the offset is computed).</summary>
    public Asm CallRel(int target)
    {
        int at = Pc;
        return Emit(Ins(Opcode.Call, Register.Ap, 0, Register.Ap, 1, Op1Source.Imm, 1, pc: PcUpdate.JumpRel), target - at);
    }

    /// <summary><c>call abs [reg + off]</c>.</summary>
    public Asm CallAbs(Register reg, short off) =>
        Emit(Ins(Opcode.Call, Register.Ap, 0, Register.Ap, 1, Src(reg), off, pc: PcUpdate.Jump));

    public Asm Ret() => Emit(Ins(Opcode.Ret, Register.Fp, -2, Register.Fp, -1, Op1Source.Fp, -1, pc: PcUpdate.Jump));

    /// <summary><c>jmp rel target</c>.</summary>
    public Asm JmpRel(int target)
    {
        int at = Pc;
        return Emit(Ins(pc: PcUpdate.JumpRel), target - at);
    }

    /// <summary><c>jmp abs [reg + off]</c>.</summary>
    public Asm JmpAbs(Register reg, short off) => Emit(Ins(op1Src: Src(reg), op1: off, pc: PcUpdate.Jump));

    /// <summary><c>jmp rel target if [reg + off] != 0</c>.</summary>
    public Asm Jnz(int target, Register reg, short off)
    {
        int at = Pc;
        return Emit(Ins(dstReg: reg, dst: off, pc: PcUpdate.Jnz), target - at);
    }

    /// <summary><c>ap += imm</c>.</summary>
    public Asm ApAdd(Felt imm) => Emit(Ins(ap: ApUpdate.Add), imm);

    public CairoProgram Build(int mainPc = 0, params string[] builtins) =>
        new(_words.ToArray(), builtins, identifiers: new Dictionary<string, ProgramIdentifier>
        {
            ["__main__.main"] = new("__main__.main", "function", mainPc, null, null),
        });

    private static Op1Source Src(Register r) => r == Register.Ap ? Op1Source.Ap : Op1Source.Fp;
}
