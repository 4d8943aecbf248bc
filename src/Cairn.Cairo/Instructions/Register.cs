namespace Cairn.Cairo.Instructions;

/// <summary>An address register an operand is relative to.</summary>
public enum Register : byte
{
    Ap,
    Fp,
}
