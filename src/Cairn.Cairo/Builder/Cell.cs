using Cairn.Cairo.Instructions;
using Cairn.Primitives;

namespace Cairn.Cairo.Builder;

/// <summary>
/// A memory cell <c>[ap + k]</c> or <c>[fp + k]</c> created by a <see cref="CasmBuilder"/>.
/// An ap-based cell remembers its position relative to the ap of its ap-tracking group, so the
/// builder re-expresses it with the right offset after ap moves (<c>ap++</c>, <c>ap += n</c>, calls
/// of functions with a known ap change). When ap tracking is lost (a join of unequal ap changes, a
/// call of a function with an unknown ap change, a loop head), older ap-based cells are revoked:
/// using one is a <see cref="CasmBuilderException"/>. An fp-based cell is valid in its function.
/// Cells combine into operands: <c>a + b</c>, <c>a - b</c>, <c>a * b</c>, <c>a / b</c>, <c>a + 5</c>, <c>a - 1</c>, <c>a * 3</c>, <c>a / 3</c>, <c>a.Deref(k)</c>.
/// </summary>
public readonly struct Cell : IEquatable<Cell>
{
    internal Cell(Register register, int offset, int scope)
    {
        Register = register;
        Offset = offset;
        Scope = scope;
    }

    /// <summary>The base register.</summary>
    public Register Register { get; }

    /// <summary>fp cells: the offset from fp. ap cells: the position relative to the ap at the start of the ap-tracking group.</summary>
    internal int Offset { get; }

    /// <summary>fp cells: the frame (function) id; ap cells: the ap-tracking group id.</summary>
    internal int Scope { get; }

    /// <summary><c>[[this] + offset]</c>: the cell whose address is this cell's value plus <paramref name="offset"/>.</summary>
    public Expr Deref(int offset = 0) => Expr.DoubleDeref(this, offset);

    public static Expr operator +(Cell a, Cell b) => Expr.Binary(ResLogic.Add, a, b);

    public static Expr operator *(Cell a, Cell b) => Expr.Binary(ResLogic.Mul, a, b);

    public static Expr operator -(Cell a, Cell b) => Expr.Difference(a, b);

    public static Expr operator /(Cell a, Cell b) => Expr.Quotient(a, b);

    public static Expr operator +(Cell a, Felt b) => Expr.BinaryImm(ResLogic.Add, a, b);

    public static Expr operator -(Cell a, Felt b) => Expr.BinaryImm(ResLogic.Add, a, -b);

    public static Expr operator *(Cell a, Felt b) => Expr.BinaryImm(ResLogic.Mul, a, b);

    /// <summary><c>a * (1 / b)</c> with the field inverse of the immediate.</summary>
    public static Expr operator /(Cell a, Felt b) =>
        b.IsZero ? throw new CasmBuilderException("division of a cell by the immediate 0") : Expr.BinaryImm(ResLogic.Mul, a, b.Inverse());

    public static Expr operator +(Felt a, Cell b) => Expr.BinaryImm(ResLogic.Add, b, a);

    public static Expr operator *(Felt a, Cell b) => Expr.BinaryImm(ResLogic.Mul, b, a);

    public static bool operator ==(Cell a, Cell b) => a.Equals(b);

    public static bool operator !=(Cell a, Cell b) => !a.Equals(b);

    public bool Equals(Cell other) => Register == other.Register && Offset == other.Offset && Scope == other.Scope;

    public override bool Equals(object? obj) => obj is Cell c && Equals(c);

    public override int GetHashCode() => HashCode.Combine(Register, Offset, Scope);

    /// <summary>Diagnostic form: <c>[fp + -3]</c>, or <c>[ap@g5 + 2]</c> (position in ap-tracking group 5).</summary>
    public override string ToString() => Register == Register.Fp ? $"[fp + {Offset}]" : $"[ap@g{Scope} + {Offset}]";
}
