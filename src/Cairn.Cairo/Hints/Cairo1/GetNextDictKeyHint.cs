namespace Cairn.Cairo.Hints.Cairo1;

/// <summary><c>GetNextDictKey {next_key}</c>: finishes the current key and writes the next one (an error when none is left).</summary>
public sealed record GetNextDictKeyHint(CellRef NextKey) : Cairo1Hint
{
    public override string VariantName => "GetNextDictKey";

    public override Cairo1HintFamily Family => Cairo1HintFamily.Core;

    public override void Execute(HintContext context)
    {
        var state = context.GetState<DictSquashState>();
        state.PopCurrentKey();
        HintMath.Write(context, NextKey, state.CurrentKey);
    }
}
