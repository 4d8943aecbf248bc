namespace Cairn.Cairo.Instructions;

/// <summary>The instruction's opcode (OPCODE).</summary>
public enum Opcode : byte
{
    Nop,
    Call,
    Ret,
    AssertEq,
}
