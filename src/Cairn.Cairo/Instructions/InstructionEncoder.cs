namespace Cairn.Cairo.Instructions;

/// <summary>Encodes an <see cref="Instruction"/> into its 63-bit word (the inverse of the decoder).</summary>
public static class InstructionEncoder
{
    public static ulong Encode(in Instruction ins)
    {
        ulong w = Biased(ins.OffDst) | (Biased(ins.OffOp0) << 16) | (Biased(ins.OffOp1) << 32);
        ulong flags = 0;
        if (ins.DstReg == Register.Fp) flags |= 1UL << 0;
        if (ins.Op0Reg == Register.Fp) flags |= 1UL << 1;
        flags |= ins.Op1Src switch
        {
            Op1Source.Op0 => 0UL,
            Op1Source.Imm => 1UL << 2,
            Op1Source.Fp => 1UL << 3,
            _ => 1UL << 4,
        };
        flags |= ins.Res switch
        {
            ResLogic.Add => 1UL << 5,
            ResLogic.Mul => 1UL << 6,
            _ => 0UL, // Op1, or Unconstrained (implied by jnz)
        };
        flags |= ins.PcUpdate switch
        {
            PcUpdate.Jump => 1UL << 7,
            PcUpdate.JumpRel => 1UL << 8,
            PcUpdate.Jnz => 1UL << 9,
            _ => 0UL,
        };
        flags |= ins.ApUpdate switch
        {
            ApUpdate.Add => 1UL << 10,
            ApUpdate.Add1 => 1UL << 11,
            _ => 0UL, // Regular, or Add2 (implied by call)
        };
        flags |= ins.Opcode switch
        {
            Opcode.Call => 1UL << 12,
            Opcode.Ret => 1UL << 13,
            Opcode.AssertEq => 1UL << 14,
            _ => 0UL,
        };
        return w | (flags << 48);
    }

    private static ulong Biased(short offset) => (ulong)(ushort)(offset + InstructionDecoder.OffsetBias);
}
