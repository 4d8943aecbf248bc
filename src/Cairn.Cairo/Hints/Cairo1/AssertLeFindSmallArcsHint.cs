using System.Numerics;
using Cairn.Primitives;

namespace Cairn.Cairo.Hints.Cairo1;

/// <summary>
/// <c>AssertLeFindSmallArcs {range_check_ptr, a, b}</c>: sorts the arcs <c>(a, b − a, P − 1 − b)</c> (felt
/// arithmetic) by length, remembers the longest as excluded, and writes
/// <c>divmod(shortest, ⌈(P/3)/2^128⌉)</c> to <c>[rc + 1], [rc + 0]</c> and <c>divmod(middle, ⌈(P/2)/2^128⌉)</c> to
/// <c>[rc + 3], [rc + 2]</c>. As in the sequencer, the Python hint's assertions are not repeated.
/// </summary>
public sealed record AssertLeFindSmallArcsHint(ResOperand RangeCheckPtr, ResOperand A, ResOperand B) : Cairo1Hint
{
    /// <summary>⌈(P/3) / 2^128⌉.</summary>
    public static readonly BigInteger PrimeOver3High = BigInteger.Parse("3544607988759775765608368578435044694", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>⌈(P/2) / 2^128⌉.</summary>
    public static readonly BigInteger PrimeOver2High = BigInteger.Parse("5316911983139663648412552867652567041", System.Globalization.CultureInfo.InvariantCulture);

    public override string VariantName => "AssertLeFindSmallArcs";

    public override Cairo1HintFamily Family => Cairo1HintFamily.Core;

    public override void Execute(HintContext context)
    {
        Felt a = A.GetFelt(context);
        Felt b = B.GetFelt(context);
        var arcs = new (Felt Length, int Index)[] { (a, 0), (b - a, 1), (Felt.MaxValue - b, 2) };
        Array.Sort(arcs, (x, y) => x.Length != y.Length ? x.Length.CompareTo(y.Length) : x.Index.CompareTo(y.Index));
        context.GetState<AssertLeState>().ExcludedArc = arcs[2].Index;
        var rc = RangeCheckPtr.GetAddress(context);
        var memory = context.Memory;
        var q0 = BigInteger.DivRem(arcs[0].Length.ToBigInteger(), PrimeOver3High, out var r0);
        var q1 = BigInteger.DivRem(arcs[1].Length.ToBigInteger(), PrimeOver2High, out var r1);
        memory.Insert(rc, Felt.FromBigInteger(r0));
        memory.Insert(rc + 1, Felt.FromBigInteger(q0));
        memory.Insert(rc + 2, Felt.FromBigInteger(r1));
        memory.Insert(rc + 3, Felt.FromBigInteger(q1));
    }
}
