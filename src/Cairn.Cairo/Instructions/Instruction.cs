namespace Cairn.Cairo.Instructions;

/// <summary>
/// A decoded Cairo instruction (cairo-vm.md §2.1). Offsets are the signed values (bias removed).
/// <see cref="ApUpdate"/>, <see cref="Res"/> and <see cref="FpUpdate"/> hold the derived values
/// (Add2 for call, Unconstrained for jnz, ApPlus2/Dst for call/ret).
/// </summary>
public readonly record struct Instruction(
    short OffDst,
    short OffOp0,
    short OffOp1,
    Register DstReg,
    Register Op0Reg,
    Op1Source Op1Src,
    ResLogic Res,
    PcUpdate PcUpdate,
    ApUpdate ApUpdate,
    FpUpdate FpUpdate,
    Opcode Opcode)
{
    /// <summary>Words taken by the instruction: 2 with an immediate, else 1.</summary>
    public int Size => Op1Src == Op1Source.Imm ? 2 : 1;
}
