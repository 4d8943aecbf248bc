using System.Numerics;

namespace Cairn.Cairo.Hints.Cairo1;

/// <summary><c>LinearSplit {value, scalar, max_x, x, y}</c>: <c>x = min(value // scalar, max_x)</c>, <c>y = value − x·scalar</c>.</summary>
public sealed record LinearSplitHint(ResOperand Value, ResOperand Scalar, ResOperand MaxX, CellRef X, CellRef Y) : Cairo1Hint
{
    public override string VariantName => "LinearSplit";

    public override Cairo1HintFamily Family => Cairo1HintFamily.Core;

    public override void Execute(HintContext context)
    {
        if (HintMath.TryU128(Value.GetFelt(context), out var v) && HintMath.TryU128(Scalar.GetFelt(context), out var s)
            && HintMath.TryU128(MaxX.GetFelt(context), out var m) && s != UInt128.Zero)
        {
            UInt128 x128 = UInt128.Min(v / s, m);
            HintMath.Write(context, X, x128);
            HintMath.Write(context, Y, v - x128 * s);
            return;
        }
        var value = HintMath.Int(context, Value);
        var scalar = HintMath.Int(context, Scalar);
        var maxX = HintMath.Int(context, MaxX);
        var x = BigInteger.Min(HintMath.DivOrThrow(value, scalar, VariantName, out _), maxX);
        HintMath.Write(context, X, x);
        HintMath.Write(context, Y, value - x * scalar);
    }
}
