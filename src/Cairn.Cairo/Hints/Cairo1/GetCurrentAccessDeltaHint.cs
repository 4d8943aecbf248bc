using Cairn.Primitives;

namespace Cairn.Cairo.Hints.Cairo1;

/// <summary>
/// <c>GetCurrentAccessDelta {index_delta_minus1}</c>: moves to the current key's next access index and
/// writes <c>new − previous − 1</c>.
/// </summary>
public sealed record GetCurrentAccessDeltaHint(CellRef IndexDeltaMinus1) : Cairo1Hint
{
    public override string VariantName => "GetCurrentAccessDelta";

    public override Cairo1HintFamily Family => Cairo1HintFamily.Core;

    public override void Execute(HintContext context)
    {
        var state = context.GetState<DictSquashState>();
        long previous = state.PopCurrentAccessIndex();
        long current = state.CurrentAccessIndex;
        HintMath.Write(context, IndexDeltaMinus1, Felt.FromUInt64((ulong)current) - Felt.FromUInt64((ulong)previous) - Felt.One);
    }
}
