namespace Cairn.Cairo.Instructions;

/// <summary>Where op1 is read from (OP1_SRC): [op0 + off2], the immediate at pc + 1, [fp + off2] or [ap + off2].</summary>
public enum Op1Source : byte
{
    Op0,
    Imm,
    Fp,
    Ap,
}
