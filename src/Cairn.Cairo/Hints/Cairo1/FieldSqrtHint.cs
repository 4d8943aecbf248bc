using Cairn.Primitives;

namespace Cairn.Cairo.Hints.Cairo1;

/// <summary>
/// <c>FieldSqrt {val, sqrt}</c>: a square root of <c>val</c> when it is a quadratic residue, else of
/// <c>3·val</c> (3 is a non-residue); the smaller of the two roots <c>min(r, P − r)</c> is written.
/// </summary>
public sealed record FieldSqrtHint(ResOperand Val, CellRef Sqrt) : Cairo1Hint
{
    public override string VariantName => "FieldSqrt";

    public override Cairo1HintFamily Family => Cairo1HintFamily.Core;

    public override void Execute(HintContext context)
    {
        Felt val = Val.GetFelt(context);
        if (!val.TrySqrt(out var root) && !(val * Felt.FromUInt64(3)).TrySqrt(out root))
        {
            throw new HintException($"FieldSqrt: neither {val.ToDecimalString()} nor 3 times it is a square");
        }
        Felt other = -root;
        HintMath.Write(context, Sqrt, root <= other ? root : other);
    }
}
