using System.Numerics;
using Cairn.Cairo.Memory;
using Cairn.Primitives;

namespace Cairn.Cairo.Hints.Cairo1;

/// <summary>Shared helpers of the Cairo 1 hints: cell writes and integer arithmetic.</summary>
internal static class HintMath
{
    public static readonly BigInteger Pow64 = BigInteger.One << 64;

    public static readonly BigInteger Pow128 = BigInteger.One << 128;

    public static readonly BigInteger Mask128 = Pow128 - 1;

    /// <summary>Write-once store into <c>[cell]</c>.</summary>
    public static void Write(HintContext context, CellRef cell, MaybeRelocatable value) =>
        context.Memory.Insert(cell.Address(context), value);

    /// <summary>Stores a non-negative integer, reduced modulo P (as <c>Felt252::from(BigUint)</c>).</summary>
    public static void Write(HintContext context, CellRef cell, BigInteger value) =>
        context.Memory.Insert(cell.Address(context), Felt.FromBigIntegerReduced(value));

    public static void WriteBool(HintContext context, CellRef cell, bool value) =>
        context.Memory.Insert(cell.Address(context), value ? Felt.One : Felt.Zero);

    /// <summary>The canonical integer of the operand's felt value.</summary>
    public static BigInteger Int(HintContext context, ResOperand operand) => operand.GetFelt(context).ToBigInteger();

    /// <summary>Felt to a non-negative int (sizes, counts); a clear error when it does not fit.</summary>
    public static int ToInt(Felt value, string what)
    {
        if (!value.TryToUInt64(out ulong v) || v > int.MaxValue) throw new HintException($"{what} is too large: {value.ToDecimalString()}");
        return (int)v;
    }

    /// <summary>The felt as a 128-bit integer when it is below 2^128 (the fast path of the integer hints).</summary>
    public static bool TryU128(Felt value, out UInt128 result)
    {
        value.SplitU256(out result, out var high);
        return high == UInt128.Zero;
    }

    /// <summary>Stores a 128-bit integer.</summary>
    public static void Write(HintContext context, CellRef cell, UInt128 value) =>
        context.Memory.Insert(cell.Address(context), Felt.FromUInt128(value));

    /// <summary>The full 256-bit product of two 128-bit integers as (low, high) 128-bit halves.</summary>
    public static (UInt128 Low, UInt128 High) WideMul(UInt128 a, UInt128 b)
    {
        ulong a0 = (ulong)a, a1 = (ulong)(a >> 64), b0 = (ulong)b, b1 = (ulong)(b >> 64);
        UInt128 p00 = (UInt128)a0 * b0, p01 = (UInt128)a0 * b1, p10 = (UInt128)a1 * b0, p11 = (UInt128)a1 * b1;
        UInt128 mid = (UInt128)(ulong)p01 + (ulong)p10 + (ulong)(p00 >> 64);
        UInt128 low = ((UInt128)(ulong)mid << 64) | (ulong)p00;
        UInt128 high = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
        return (low, high);
    }

    /// <summary>floor(sqrt(n)) for n ≥ 0.</summary>
    public static BigInteger Isqrt(BigInteger n) => HintIntegers.Isqrt(n);

    /// <summary>Low and high 128-bit limbs: <c>(n mod 2^128, n >> 128)</c>.</summary>
    public static (BigInteger Low, BigInteger High) Split128(BigInteger n) => (n & Mask128, n >> 128);

    public static BigInteger DivOrThrow(BigInteger a, BigInteger b, string hint, out BigInteger remainder)
    {
        if (b.IsZero) throw new HintException($"{hint}: division by zero");
        return BigInteger.DivRem(a, b, out remainder);
    }
}
