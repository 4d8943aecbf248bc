using System.Numerics;

namespace Cairn.Cairo.Hints.Cairo1;

/// <summary>
/// <c>Cheatcode {selector, input_start, input_end, output_start, output_end}</c>: test-framework only;
/// fails as in blockifier.
/// </summary>
public sealed record CheatcodeHint(BigInteger Selector, ResOperand InputStart, ResOperand InputEnd, CellRef OutputStart, CellRef OutputEnd) : Cairo1Hint
{
    public override string VariantName => "Cheatcode";

    public override Cairo1HintFamily Family => Cairo1HintFamily.Starknet;

    public override void Execute(HintContext context) => throw new HintException("Test functions are unsupported on starknet.");
}
