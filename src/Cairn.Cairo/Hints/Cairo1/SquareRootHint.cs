namespace Cairn.Cairo.Hints.Cairo1;

/// <summary><c>SquareRoot {value, dst}</c>: <c>[dst] = isqrt(int(value))</c>.</summary>
public sealed record SquareRootHint(ResOperand Value, CellRef Dst) : Cairo1Hint
{
    public override string VariantName => "SquareRoot";

    public override Cairo1HintFamily Family => Cairo1HintFamily.Core;

    public override void Execute(HintContext context) =>
        HintMath.Write(context, Dst, HintMath.Isqrt(HintMath.Int(context, Value)));
}
