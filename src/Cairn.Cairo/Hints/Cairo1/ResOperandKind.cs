namespace Cairn.Cairo.Hints.Cairo1;

/// <summary>The shape of a <see cref="ResOperand"/>.</summary>
public enum ResOperandKind
{
    /// <summary><c>[cell]</c>.</summary>
    Deref,

    /// <summary><c>[[cell] + offset]</c>.</summary>
    DoubleDeref,

    /// <summary>A constant.</summary>
    Immediate,

    /// <summary><c>[cell] op b</c> with b a deref or an immediate.</summary>
    BinOp,
}
