using System.Numerics;
using Cairn.Cairo.Instructions;
using Cairn.Primitives;

namespace Cairn.Cairo.Builder;

/// <summary>
/// The value side of an instruction (Cairo's <c>ResOperand</c>): a cell, an immediate, <c>cell + cell</c>,
/// <c>cell * cell</c>, <c>cell + imm</c>, <c>cell * imm</c> or <c>[[cell] + k]</c>; and <c>cell - cell</c>,
/// <c>cell / cell</c>, which an assertion <c>dst = a - b</c> writes as <c>a = dst + b</c> (the VM deduces dst).
/// Cells, felts, ints, longs and BigIntegers convert implicitly; build the others with the operators on <see cref="Cell"/>.
/// </summary>
public readonly struct Expr
{
    private Expr(ExprKind kind, Cell a, Cell b, Felt imm, ResLogic op, int offset)
    {
        Kind = kind;
        A = a;
        B = b;
        Immediate = imm;
        Operator = op;
        DerefOffset = offset;
    }

    public ExprKind Kind { get; }

    /// <summary>The cell (Cell), the left operand (Binary*), or the pointer cell (DoubleDeref).</summary>
    public Cell A { get; }

    /// <summary>The right operand of <see cref="ExprKind.BinaryCell"/>, <see cref="ExprKind.Difference"/> and <see cref="ExprKind.Quotient"/>.</summary>
    public Cell B { get; }

    /// <summary>The immediate of <see cref="ExprKind.Immediate"/> and <see cref="ExprKind.BinaryImmediate"/>.</summary>
    public Felt Immediate { get; }

    /// <summary><see cref="ResLogic.Add"/> or <see cref="ResLogic.Mul"/> for the binary kinds.</summary>
    public ResLogic Operator { get; }

    /// <summary>k of <c>[[cell] + k]</c>.</summary>
    public int DerefOffset { get; }

    public static Expr Of(Cell cell) => new(ExprKind.Cell, cell, default, default, ResLogic.Op1, 0);

    public static Expr Imm(Felt value) => new(ExprKind.Immediate, default, default, value, ResLogic.Op1, 0);

    public static Expr Binary(ResLogic op, Cell a, Cell b) => new(ExprKind.BinaryCell, a, b, default, CheckOp(op), 0);

    public static Expr BinaryImm(ResLogic op, Cell a, Felt b) => new(ExprKind.BinaryImmediate, a, default, b, CheckOp(op), 0);

    public static Expr DoubleDeref(Cell pointer, int offset) => new(ExprKind.DoubleDeref, pointer, default, default, ResLogic.Op1, offset);

    public static Expr Difference(Cell a, Cell b) => new(ExprKind.Difference, a, b, default, ResLogic.Add, 0);

    public static Expr Quotient(Cell a, Cell b) => new(ExprKind.Quotient, a, b, default, ResLogic.Mul, 0);

    public static implicit operator Expr(Cell cell) => Of(cell);

    public static implicit operator Expr(Felt value) => Imm(value);

    public static implicit operator Expr(int value) => Imm(value);

    public static implicit operator Expr(long value) => Imm(Felt.FromBigIntegerReduced(value));

    public static implicit operator Expr(BigInteger value) => Imm(Felt.FromBigIntegerReduced(value));

    private static ResLogic CheckOp(ResLogic op) =>
        op is ResLogic.Add or ResLogic.Mul ? op : throw new CasmBuilderException($"a binary operand needs Add or Mul, not {op}");

    public override string ToString() => Kind switch
    {
        ExprKind.Cell => A.ToString(),
        ExprKind.Immediate => Immediate.ToString(),
        ExprKind.BinaryCell => $"{A} {(Operator == ResLogic.Add ? '+' : '*')} {B}",
        ExprKind.BinaryImmediate => $"{A} {(Operator == ResLogic.Add ? '+' : '*')} {Immediate}",
        ExprKind.Difference => $"{A} - {B}",
        ExprKind.Quotient => $"{A} / {B}",
        _ => $"[{A} + {DerefOffset}]",
    };
}
