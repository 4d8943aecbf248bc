using Cairn.Primitives;

namespace Cairn.Cairo.Hints.Cairo1;

/// <summary>
/// <c>DebugPrint {start, end}</c>: prints the felts in <c>[start, end)</c> (<see cref="DebugFormatter"/>) to
/// <see cref="HintContext.DebugOutput"/> (discarded when null). No memory effect.
/// </summary>
public sealed record DebugPrintHint(ResOperand Start, ResOperand End) : Cairo1Hint
{
    public override string VariantName => "DebugPrint";

    public override Cairo1HintFamily Family => Cairo1HintFamily.Core;

    public override void Execute(HintContext context)
    {
        var start = Start.GetAddress(context);
        var end = End.GetAddress(context);
        if (start.Segment != end.Segment || end.Offset < start.Offset) throw new HintException($"DebugPrint: {end} is not after {start} in the same segment");
        var felts = new List<Felt>();
        for (var p = start; p != end; p += 1) felts.Add(context.Memory.GetFelt(p));
        context.DebugOutput?.Write(DebugFormatter.Format(felts));
    }
}
