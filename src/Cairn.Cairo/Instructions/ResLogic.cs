namespace Cairn.Cairo.Instructions;

/// <summary>How res is computed (RES_LOGIC); Unconstrained is implied by a jnz.</summary>
public enum ResLogic : byte
{
    Op1,
    Add,
    Mul,
    Unconstrained,
}
