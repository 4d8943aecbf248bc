namespace Cairn.Cairo.Hints.Cairo1;

/// <summary>Deprecated <c>Felt252DictRead {dict_ptr, key, value_dst}</c>: <c>[value_dst] = dict[key]</c> (default 0).</summary>
public sealed record Felt252DictReadHint(ResOperand DictPtr, ResOperand Key, CellRef ValueDst) : Cairo1Hint
{
    public override string VariantName => "Felt252DictRead";

    public override Cairo1HintFamily Family => Cairo1HintFamily.Deprecated;

    public override void Execute(HintContext context)
    {
        var dict = DictPtr.GetAddress(context);
        var key = Key.GetFelt(context);
        HintMath.Write(context, ValueDst, context.GetState<DictManagerState>().Get(dict, key));
    }
}
