namespace Cairn.Cairo.Builder;

/// <summary>The shape of an <see cref="Expr"/> (the right-hand side of an assertion).</summary>
public enum ExprKind : byte
{
    /// <summary><c>[cell]</c></summary>
    Cell,

    /// <summary>an immediate felt</summary>
    Immediate,

    /// <summary><c>[a] + [b]</c> or <c>[a] * [b]</c></summary>
    BinaryCell,

    /// <summary><c>[a] + imm</c> or <c>[a] * imm</c></summary>
    BinaryImmediate,

    /// <summary><c>[[a] + k]</c></summary>
    DoubleDeref,

    /// <summary><c>[a] - [b]</c>, asserted as <c>[a] = dst + [b]</c></summary>
    Difference,

    /// <summary><c>[a] / [b]</c>, asserted as <c>[a] = dst * [b]</c> (the VM divides; b must not be 0)</summary>
    Quotient,
}
