using System.Diagnostics.CodeAnalysis;
using Cairn.Primitives;

namespace Cairn.Cairo.Instructions;

/// <summary>
/// Decodes the 63-bit instruction word with the Rust VM's strictness (cairo-vm.md §2.1, §12 #1):
/// flag groups must hold a valid value, jnz implies res bits 0, call implies ap-update bits 0,
/// call/ret must have their canonical operand shape, an immediate needs off2 = 1.
/// </summary>
public static class InstructionDecoder
{
    public const int OffsetBias = 1 << 15;

    /// <summary>Decodes a memory word (must be a felt below 2^63).</summary>
    public static bool TryDecode(Felt word, out Instruction instruction, [NotNullWhen(false)] out string? error)
    {
        if (!word.TryToUInt64(out ulong w) || w >= 1UL << 63)
        {
            instruction = default;
            error = $"Unsupported instruction: {word.ToHexString()} (instruction words must be below 2^63)";
            return false;
        }
        return TryDecode(w, out instruction, out error);
    }

    public static bool TryDecode(ulong word, out Instruction instruction, [NotNullWhen(false)] out string? error)
    {
        instruction = default;
        if (word >= 1UL << 63)
        {
            error = $"Unsupported instruction: 0x{word:x} (bit 63 set; the Stwo opcode extension is not supported)";
            return false;
        }
        short offDst = (short)((int)(word & 0xFFFF) - OffsetBias);
        short offOp0 = (short)((int)((word >> 16) & 0xFFFF) - OffsetBias);
        short offOp1 = (short)((int)((word >> 32) & 0xFFFF) - OffsetBias);
        uint flags = (uint)(word >> 48);

        var dstReg = (flags & 0x0001) != 0 ? Register.Fp : Register.Ap;
        var op0Reg = (flags & 0x0002) != 0 ? Register.Fp : Register.Ap;

        Op1Source op1Src;
        switch ((flags >> 2) & 0x7)
        {
            case 0: op1Src = Op1Source.Op0; break;
            case 1: op1Src = Op1Source.Imm; break;
            case 2: op1Src = Op1Source.Fp; break;
            case 4: op1Src = Op1Source.Ap; break;
            default: error = Invalid(word, "invalid op1_src flags"); return false;
        }

        PcUpdate pcUpdate;
        switch ((flags >> 7) & 0x7)
        {
            case 0: pcUpdate = PcUpdate.Regular; break;
            case 1: pcUpdate = PcUpdate.Jump; break;
            case 2: pcUpdate = PcUpdate.JumpRel; break;
            case 4: pcUpdate = PcUpdate.Jnz; break;
            default: error = Invalid(word, "invalid pc_update flags"); return false;
        }

        ResLogic res;
        switch ((flags >> 5) & 0x3)
        {
            case 0: res = pcUpdate == PcUpdate.Jnz ? ResLogic.Unconstrained : ResLogic.Op1; break;
            case 1: res = ResLogic.Add; break;
            case 2: res = ResLogic.Mul; break;
            default: error = Invalid(word, "invalid res_logic flags"); return false;
        }
        if (pcUpdate == PcUpdate.Jnz && res != ResLogic.Unconstrained)
        {
            error = Invalid(word, "jnz requires res_logic bits to be 0");
            return false;
        }

        Opcode opcode;
        switch ((flags >> 12) & 0x7)
        {
            case 0: opcode = Opcode.Nop; break;
            case 1: opcode = Opcode.Call; break;
            case 2: opcode = Opcode.Ret; break;
            case 4: opcode = Opcode.AssertEq; break;
            default: error = Invalid(word, "invalid opcode flags"); return false;
        }

        ApUpdate apUpdate;
        switch ((flags >> 10) & 0x3)
        {
            case 0: apUpdate = opcode == Opcode.Call ? ApUpdate.Add2 : ApUpdate.Regular; break;
            case 1: apUpdate = ApUpdate.Add; break;
            case 2: apUpdate = ApUpdate.Add1; break;
            default: error = Invalid(word, "invalid ap_update flags"); return false;
        }
        if (opcode == Opcode.Call && apUpdate != ApUpdate.Add2)
        {
            error = Invalid(word, "call requires ap_update bits to be 0 (ap += 2 is implied)");
            return false;
        }

        var fpUpdate = opcode switch
        {
            Opcode.Call => FpUpdate.ApPlus2,
            Opcode.Ret => FpUpdate.Dst,
            _ => FpUpdate.Regular,
        };

        if (opcode == Opcode.Call && (offDst != 0 || offOp0 != 1 || dstReg != Register.Ap || op0Reg != Register.Ap))
        {
            error = Invalid(word, "call must write [ap] = fp and [ap + 1] = return pc (off0 = 0, off1 = 1, both ap-based)");
            return false;
        }
        if (opcode == Opcode.Ret && (offDst != -2 || offOp1 != -1 || dstReg != Register.Fp || op1Src != Op1Source.Fp
            || res != ResLogic.Op1 || pcUpdate != PcUpdate.Jump))
        {
            error = Invalid(word, "ret must be 'jmp abs [fp - 1]' with dst = [fp - 2]");
            return false;
        }
        if (op1Src == Op1Source.Imm && offOp1 != 1)
        {
            error = Invalid(word, "In immediate mode, off2 should be 1");
            return false;
        }

        instruction = new Instruction(offDst, offOp0, offOp1, dstReg, op0Reg, op1Src, res, pcUpdate, apUpdate, fpUpdate, opcode);
        error = null;
        return true;
    }

    private static string Invalid(ulong word, string reason) => $"Invalid instruction 0x{word:x}: {reason}";
}
