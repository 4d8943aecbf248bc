using System.Numerics;
using Cairn.Crypto.Curve;
using Cairn.Primitives;

namespace Cairn.Crypto.Signatures;

/// <summary>Arithmetic modulo the Stark curve order N (scalars of ECDSA). Few operations per signature.</summary>
internal static class ScalarField
{
    private static readonly BigInteger N = StarkCurve.OrderInteger;

    public static Felt Mul(Felt a, Felt b) => Felt.FromBigInteger(BigInteger.Remainder(a.ToBigInteger() * b.ToBigInteger(), N));

    public static Felt Add(Felt a, Felt b)
    {
        var s = a.ToBigInteger() + b.ToBigInteger();
        if (s >= N) s -= N;
        return Felt.FromBigInteger(s);
    }

    public static Felt Reduce(Felt a)
    {
        var v = a.ToBigInteger();
        return v >= N ? Felt.FromBigInteger(v - N) : a;
    }

    public static bool IsValidScalar(Felt a) => !a.IsZero && a < StarkCurve.Order;

    /// <summary>a⁻¹ mod N by the binary extended Euclidean algorithm on 64-bit limbs (a ≠ 0 mod N).</summary>
    public static Felt Inverse(Felt a)
    {
        StarkCurve.Order.ToLimbs(out var n0, out var n1, out var n2, out var n3);
        Reduce(a).ToLimbs(out var a0, out var a1, out var a2, out var a3);
        Span<ulong> n = [n0, n1, n2, n3];
        Span<ulong> u = [a0, a1, a2, a3];
        Span<ulong> v = [n0, n1, n2, n3];
        Span<ulong> x1 = [1, 0, 0, 0];
        Span<ulong> x2 = [0, 0, 0, 0];
        if (IsZero(u)) throw new DivideByZeroException("inverse of zero modulo the curve order");
        while (!IsOne(u) && !IsOne(v))
        {
            while ((u[0] & 1) == 0)
            {
                Shr1(u);
                Halve(x1, n);
            }
            while ((v[0] & 1) == 0)
            {
                Shr1(v);
                Halve(x2, n);
            }
            if (Geq(u, v))
            {
                Sub(u, v);
                SubMod(x1, x2, n);
            }
            else
            {
                Sub(v, u);
                SubMod(x2, x1, n);
            }
        }
        var r = IsOne(u) ? x1 : x2;
        return Felt.FromLimbs(r[0], r[1], r[2], r[3]);
    }

    private static bool IsZero(ReadOnlySpan<ulong> a) => (a[0] | a[1] | a[2] | a[3]) == 0;

    private static bool IsOne(ReadOnlySpan<ulong> a) => a[0] == 1 && (a[1] | a[2] | a[3]) == 0;

    private static void Shr1(Span<ulong> a)
    {
        a[0] = (a[0] >> 1) | (a[1] << 63);
        a[1] = (a[1] >> 1) | (a[2] << 63);
        a[2] = (a[2] >> 1) | (a[3] << 63);
        a[3] >>= 1;
    }

    private static void Halve(Span<ulong> a, ReadOnlySpan<ulong> n)
    {
        if ((a[0] & 1) != 0) AddNoCarry(a, n); // a + N < 2^253
        Shr1(a);
    }

    private static bool Geq(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        for (int i = 3; i >= 0; i--)
        {
            if (a[i] != b[i]) return a[i] > b[i];
        }
        return true;
    }

    private static ulong Sub(Span<ulong> a, ReadOnlySpan<ulong> b)
    {
        ulong borrow = 0;
        for (int i = 0; i < 4; i++)
        {
            ulong d = a[i] - b[i];
            ulong b1 = a[i] < b[i] ? 1UL : 0UL;
            ulong r = d - borrow;
            ulong b2 = d < borrow ? 1UL : 0UL;
            a[i] = r;
            borrow = b1 | b2;
        }
        return borrow;
    }

    private static void AddNoCarry(Span<ulong> a, ReadOnlySpan<ulong> b)
    {
        ulong carry = 0;
        for (int i = 0; i < 4; i++)
        {
            ulong s = a[i] + b[i];
            ulong c1 = s < a[i] ? 1UL : 0UL;
            ulong r = s + carry;
            ulong c2 = r < s ? 1UL : 0UL;
            a[i] = r;
            carry = c1 | c2;
        }
    }

    private static void SubMod(Span<ulong> a, ReadOnlySpan<ulong> b, ReadOnlySpan<ulong> n)
    {
        if (Sub(a, b) != 0) AddNoCarry(a, n);
    }
}
