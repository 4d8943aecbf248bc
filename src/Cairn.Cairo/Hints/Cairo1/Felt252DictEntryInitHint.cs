namespace Cairn.Cairo.Hints.Cairo1;

/// <summary><c>Felt252DictEntryInit {dict_ptr, key}</c>: <c>[dict_ptr + 1] = dict[key]</c> (default 0).</summary>
public sealed record Felt252DictEntryInitHint(ResOperand DictPtr, ResOperand Key) : Cairo1Hint
{
    public override string VariantName => "Felt252DictEntryInit";

    public override Cairo1HintFamily Family => Cairo1HintFamily.Core;

    public override void Execute(HintContext context)
    {
        var dict = DictPtr.GetAddress(context);
        var key = Key.GetFelt(context);
        context.Memory.Insert(dict + 1, context.GetState<DictManagerState>().Get(dict, key));
    }
}
