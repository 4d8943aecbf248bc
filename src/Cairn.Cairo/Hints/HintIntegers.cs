using System.Numerics;

namespace Cairn.Cairo.Hints;

/// <summary>Integer helpers shared by the Cairo 0 and Cairo 1 hints.</summary>
internal static class HintIntegers
{
    /// <summary>The integer square root ⌊√n⌋ of a non-negative integer.</summary>
    public static BigInteger Isqrt(BigInteger n)
    {
        if (n.Sign < 0) throw new HintException("isqrt of a negative number");
        if (n < 2) return n;
        // Newton iteration from a power of two above the root.
        var x = BigInteger.One << (int)((n.GetBitLength() + 1) / 2);
        while (true)
        {
            var y = (x + n / x) >> 1;
            if (y >= x) return x;
            x = y;
        }
    }
}
