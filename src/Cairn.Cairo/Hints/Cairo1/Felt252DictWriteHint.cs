namespace Cairn.Cairo.Hints.Cairo1;

/// <summary>
/// Deprecated <c>Felt252DictWrite {dict_ptr, key, value}</c>: <c>[dict_ptr + 1] = dict[key]</c> (the previous
/// value, default 0), then <c>dict[key] = value</c>.
/// </summary>
public sealed record Felt252DictWriteHint(ResOperand DictPtr, ResOperand Key, ResOperand Value) : Cairo1Hint
{
    public override string VariantName => "Felt252DictWrite";

    public override Cairo1HintFamily Family => Cairo1HintFamily.Deprecated;

    public override void Execute(HintContext context)
    {
        var dict = DictPtr.GetAddress(context);
        var key = Key.GetFelt(context);
        var value = Value.GetValue(context);
        var manager = context.GetState<DictManagerState>();
        context.Memory.Insert(dict + 1, manager.Get(dict, key));
        manager.Set(dict, key, value);
    }
}
