using Cairn.Cairo.Builder;
using Cairn.Primitives;

namespace Cairn.Execution.SystemContracts;

/// <summary>
/// A pointer known at build time as <c>[Base] + Offset</c>: a cell holding an address plus a constant.
/// The builtin, syscall and calldata pointers of an <see cref="EntryPointWriter"/> advance by
/// constants, so they stay a fixed cell and a growing offset until a join materialises them.
/// </summary>
public readonly record struct Ptr(Cell Base, int Offset)
{
    /// <summary>The pointer <paramref name="n"/> cells further.</summary>
    public Ptr Add(int n) => new(Base, Offset + n);

    /// <summary>The address itself, as an operand (<c>[Base]</c> or <c>[Base] + Offset</c>).</summary>
    public Expr Value => Offset == 0 ? Expr.Of(Base) : Base + (Felt)Offset;

    /// <summary>The cell at this pointer plus <paramref name="i"/>: <c>[[Base] + Offset + i]</c>.</summary>
    public Expr At(int i) => Base.Deref(Offset + i);
}
