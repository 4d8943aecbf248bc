using Cairn.Primitives;

namespace Cairn.Cairo.Hints.Cairo1;

/// <summary><c>GetSegmentArenaIndex {dict_end_ptr, dict_index}</c>: <c>[dict_index] = arena index of the dict</c>.</summary>
public sealed record GetSegmentArenaIndexHint(ResOperand DictEndPtr, CellRef DictIndex) : Cairo1Hint
{
    public override string VariantName => "GetSegmentArenaIndex";

    public override Cairo1HintFamily Family => Cairo1HintFamily.Core;

    public override void Execute(HintContext context)
    {
        var dictEnd = DictEndPtr.GetAddress(context);
        long index = context.GetState<DictManagerState>().GetArenaIndex(dictEnd);
        HintMath.Write(context, DictIndex, Felt.FromUInt64((ulong)index));
    }
}
