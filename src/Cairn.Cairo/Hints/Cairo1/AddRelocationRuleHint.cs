namespace Cairn.Cairo.Hints.Cairo1;

/// <summary>
/// External <c>AddRelocationRule</c>: only for Cairo 1 executables (cairo-vm.md §7.2). Parsed, but executing it
/// fails: a Starknet contract class must never contain external hints.
/// </summary>
public sealed record AddRelocationRuleHint(ResOperand Src, ResOperand Dst) : Cairo1Hint
{
    public override string VariantName => "AddRelocationRule";

    public override Cairo1HintFamily Family => Cairo1HintFamily.External;

    public override void Execute(HintContext context) =>
        throw new HintException("External hint AddRelocationRule is not allowed in a Starknet contract.");
}
