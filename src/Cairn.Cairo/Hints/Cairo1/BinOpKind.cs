namespace Cairn.Cairo.Hints.Cairo1;

/// <summary>The operation of a <see cref="ResOperandKind.BinOp"/> operand.</summary>
public enum BinOpKind
{
    Add,
    Mul,
}
