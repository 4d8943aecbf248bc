using Cairn.Primitives;

namespace Cairn.Cairo.Hints.Cairo1;

/// <summary>
/// <c>RandomEcPoint {x, y}</c>: some point of the STARK curve <c>y² = x³ + x + β</c>: candidates x from
/// <see cref="RandomEcPointState"/> (deterministic, see there) until <c>x³ + x + β</c> is a square; y is
/// its smaller square root.
/// </summary>
public sealed record RandomEcPointHint(CellRef X, CellRef Y) : Cairo1Hint
{
    /// <summary>β of the STARK curve (α = 1).</summary>
    public static readonly Felt Beta = Felt.Parse("0x6f21413efbe40de150e596d72f7a8c5609ad26c15c915c1f4cdfcb99cee9e89");

    public override string VariantName => "RandomEcPoint";

    public override Cairo1HintFamily Family => Cairo1HintFamily.Core;

    public override void Execute(HintContext context)
    {
        var source = context.GetState<RandomEcPointState>();
        while (true)
        {
            Felt x = source.NextCandidate();
            Felt ySquared = x * x * x + x + Beta;
            if (ySquared.TrySqrt(out var y))
            {
                HintMath.Write(context, X, x);
                HintMath.Write(context, Y, y);
                return;
            }
        }
    }
}
