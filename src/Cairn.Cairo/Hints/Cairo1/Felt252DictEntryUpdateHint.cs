namespace Cairn.Cairo.Hints.Cairo1;

/// <summary><c>Felt252DictEntryUpdate {dict_ptr, value}</c>: <c>dict[[dict_ptr − 3]] = value</c>.</summary>
public sealed record Felt252DictEntryUpdateHint(ResOperand DictPtr, ResOperand Value) : Cairo1Hint
{
    public override string VariantName => "Felt252DictEntryUpdate";

    public override Cairo1HintFamily Family => Cairo1HintFamily.Core;

    public override void Execute(HintContext context)
    {
        var dict = DictPtr.GetAddress(context);
        var key = context.Memory.GetFelt(dict - 3);
        var value = Value.GetValue(context);
        context.GetState<DictManagerState>().Set(dict, key, value);
    }
}
