using System.Numerics;
using Cairn.Cairo.Builtins;
using Cairn.Cairo.Memory;
using Cairn.Primitives;

namespace Cairn.Cairo.Hints.Cairo0;

/// <summary>Python integer semantics the hints rely on (floor division, <c>as_int</c>, <c>isqrt</c>, …).</summary>
internal static class HintMath
{
    public static readonly BigInteger Prime = Felt.Modulus;

    public static readonly BigInteger HalfPrime = Prime / 2;

    public static readonly BigInteger Two128 = BigInteger.One << 128;

    public static readonly BigInteger Mask128 = Two128 - 1;

    /// <summary>Python's <c>divmod</c> (floor division; the remainder has the divisor's sign).</summary>
    public static (BigInteger Q, BigInteger R) DivMod(BigInteger a, BigInteger b)
    {
        if (b.IsZero) throw new HintException("division by zero");
        var q = BigInteger.DivRem(a, b, out var r);
        if (!r.IsZero && (r.Sign < 0) != (b.Sign < 0))
        {
            q -= 1;
            r += b;
        }
        return (q, r);
    }

    /// <summary>Python's <c>a % b</c>.</summary>
    public static BigInteger Mod(BigInteger a, BigInteger b) => DivMod(a, b).R;

    /// <summary><c>as_int</c>: <c>val if val &lt; prime // 2 else val - prime</c>.</summary>
    public static BigInteger AsInt(Felt value)
    {
        var v = value.ToBigInteger();
        return v < HalfPrime ? v : v - Prime;
    }

    /// <summary>The integer square root ⌊√n⌋ of a non-negative integer.</summary>
    public static BigInteger Isqrt(BigInteger n) => HintIntegers.Isqrt(n);

    /// <summary><c>range_check_builtin.bound</c>: 2^128 for range_check (the hint fails without the builtin).</summary>
    public static BigInteger RangeCheckBound(HintContext context)
    {
        if (context.FindBuiltin("range_check") is not { } rc) throw new HintException("range_check_builtin is not present in the program");
        return BigInteger.One << (16 * rc.RangeCheckParts);
    }

    /// <summary>The felt as a canonical integer, or an error naming the variable when it is an address.</summary>
    public static BigInteger ToInt(MaybeRelocatable value, string what)
    {
        if (!value.IsFelt) throw new HintException($"{what} is {value}, expected an integer");
        return value.Felt.ToBigInteger();
    }

    public static Felt ToFelt(BigInteger value) => Felt.FromBigIntegerReduced(value);

    /// <summary>A 64-bit integer modulo P, without going through <see cref="BigInteger"/>.</summary>
    public static Felt ToFelt(long value) => value >= 0 ? Felt.FromUInt64((ulong)value) : -Felt.FromUInt64(unchecked((ulong)-value));

    public static Felt ToFelt(bool value) => value ? Felt.One : Felt.Zero;
}
