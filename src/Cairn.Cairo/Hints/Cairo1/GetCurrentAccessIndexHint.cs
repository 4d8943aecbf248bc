using Cairn.Primitives;

namespace Cairn.Cairo.Hints.Cairo1;

/// <summary><c>GetCurrentAccessIndex {range_check_ptr}</c>: <c>[range_check_ptr]</c> = the current key's smallest access index.</summary>
public sealed record GetCurrentAccessIndexHint(ResOperand RangeCheckPtr) : Cairo1Hint
{
    public override string VariantName => "GetCurrentAccessIndex";

    public override Cairo1HintFamily Family => Cairo1HintFamily.Core;

    public override void Execute(HintContext context)
    {
        var ptr = RangeCheckPtr.GetAddress(context);
        context.Memory.Insert(ptr, Felt.FromUInt64((ulong)context.GetState<DictSquashState>().CurrentAccessIndex));
    }
}
