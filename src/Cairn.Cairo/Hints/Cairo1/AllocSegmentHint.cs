namespace Cairn.Cairo.Hints.Cairo1;

/// <summary><c>AllocSegment {dst}</c>: <c>[dst] = segments.add()</c>.</summary>
public sealed record AllocSegmentHint(CellRef Dst) : Cairo1Hint
{
    public override string VariantName => "AllocSegment";

    public override Cairo1HintFamily Family => Cairo1HintFamily.Core;

    public override void Execute(HintContext context) => HintMath.Write(context, Dst, context.Memory.AddSegment());
}
