namespace Cairn.Cairo.Hints.Cairo1;

/// <summary>
/// External <c>Blake2sCompress</c>: only for Cairo 1 executables (cairo-vm.md §7.2). Parsed, but executing it
/// fails: a Starknet contract class must never contain external hints.
/// </summary>
public sealed record Blake2sCompressHint(ResOperand State, ResOperand ByteCount, ResOperand Message, ResOperand Output, ResOperand Finalize) : Cairo1Hint
{
    public override string VariantName => "Blake2sCompress";

    public override Cairo1HintFamily Family => Cairo1HintFamily.External;

    public override void Execute(HintContext context) =>
        throw new HintException("External hint Blake2sCompress is not allowed in a Starknet contract.");
}
