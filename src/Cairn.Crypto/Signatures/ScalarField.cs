using Cairn.Crypto.Curve;
using Cairn.Primitives;

namespace Cairn.Crypto.Signatures;

/// <summary>Arithmetic modulo the Stark curve order N (scalars of ECDSA). Few operations per signature.</summary>
internal static class ScalarField
{
    // N as little-endian limbs, R² mod N (R = 2^256) and −N⁻¹ mod 2^64 for Montgomery multiplication.
    private const ulong N0 = 0x1e66a241adc64d2fUL, N1 = 0xb781126dcae7b232UL, N2 = 0xffffffffffffffffUL, N3 = 0x0800000000000010UL;
    private const ulong RR0 = 0x6021b3f1ea1c688dUL, RR1 = 0x509cf64d14ce60b9UL, RR2 = 0xbaf0ab4cf78bbabbUL, RR3 = 0x07d9e57c2333766eUL;
    private const ulong NPrime = 0xbb6b3c4ce8bde631UL;

    /// <summary>a·b mod N for a, b below N (two Montgomery multiplications; no allocation).</summary>
    public static Felt Mul(Felt a, Felt b)
    {
        a.ToLimbs(out var a0, out var a1, out var a2, out var a3);
        b.ToLimbs(out var b0, out var b1, out var b2, out var b3);
        MontMul(a0, a1, a2, a3, b0, b1, b2, b3, out var t0, out var t1, out var t2, out var t3); // a·b·R⁻¹
        MontMul(t0, t1, t2, t3, RR0, RR1, RR2, RR3, out t0, out t1, out t2, out t3);          // ·R²·R⁻¹
        return Felt.FromLimbs(t0, t1, t2, t3);
    }

    /// <summary>(a + b) mod N for a, b below N.</summary>
    public static Felt Add(Felt a, Felt b)
    {
        a.ToLimbs(out var a0, out var a1, out var a2, out var a3);
        b.ToLimbs(out var b0, out var b1, out var b2, out var b3);
        Span<ulong> s = [a0, a1, a2, a3];
        AddNoCarry(s, [b0, b1, b2, b3]); // < 2N < 2^253
        ReadOnlySpan<ulong> n = [N0, N1, N2, N3];
        if (Geq(s, n)) Sub(s, n);
        return Felt.FromLimbs(s[0], s[1], s[2], s[3]);
    }

    /// <summary>a mod N for any felt (P &lt; 2N, so at most one subtraction).</summary>
    public static Felt Reduce(Felt a)
    {
        a.ToLimbs(out var a0, out var a1, out var a2, out var a3);
        Span<ulong> s = [a0, a1, a2, a3];
        ReadOnlySpan<ulong> n = [N0, N1, N2, N3];
        if (!Geq(s, n)) return a;
        Sub(s, n);
        return Felt.FromLimbs(s[0], s[1], s[2], s[3]);
    }

    /// <summary>a + N when that is still below P (a felt), for comparing x ≡ r (mod N).</summary>
    public static bool TryAddOrder(Felt a, out Felt sum)
    {
        a.ToLimbs(out var a0, out var a1, out var a2, out var a3);
        Span<ulong> s = [a0, a1, a2, a3];
        AddNoCarry(s, [N0, N1, N2, N3]);
        return Felt.TryFromLimbs(s[0], s[1], s[2], s[3], out sum);
    }

    // Textbook CIOS Montgomery multiplication modulo N (inputs below N, output below N).
    private static void MontMul(ulong a0, ulong a1, ulong a2, ulong a3, ulong b0, ulong b1, ulong b2, ulong b3,
        out ulong r0, out ulong r1, out ulong r2, out ulong r3)
    {
        Span<ulong> a = [a0, a1, a2, a3];
        Span<ulong> b = [b0, b1, b2, b3];
        ReadOnlySpan<ulong> n = [N0, N1, N2, N3];
        Span<ulong> t = stackalloc ulong[6];
        t.Clear();
        for (int i = 0; i < 4; i++)
        {
            ulong c = 0;
            for (int j = 0; j < 4; j++)
            {
                UInt128 w = Math.BigMul(a[j], b[i]) + t[j] + c;
                t[j] = (ulong)w;
                c = (ulong)(w >> 64);
            }
            UInt128 s4 = (UInt128)t[4] + c;
            t[4] = (ulong)s4;
            t[5] = (ulong)(s4 >> 64);
            ulong m = t[0] * NPrime;
            UInt128 w0 = Math.BigMul(m, n[0]) + t[0];
            c = (ulong)(w0 >> 64);
            for (int j = 1; j < 4; j++)
            {
                UInt128 w = Math.BigMul(m, n[j]) + t[j] + c;
                t[j - 1] = (ulong)w;
                c = (ulong)(w >> 64);
            }
            UInt128 s3 = (UInt128)t[4] + c;
            t[3] = (ulong)s3;
            t[4] = t[5] + (ulong)(s3 >> 64);
        }
        Span<ulong> res = t[..4];
        if (t[4] != 0 || Geq(res, n)) Sub(res, n);
        r0 = res[0]; r1 = res[1]; r2 = res[2]; r3 = res[3];
    }

    public static bool IsValidScalar(Felt a) => !a.IsZero && a < StarkCurve.Order;

    /// <summary>a⁻¹ mod N by the binary extended Euclidean algorithm on 64-bit limbs (a ≠ 0 mod N).</summary>
    public static Felt Inverse(Felt a)
    {
        const ulong n0 = N0, n1 = N1, n2 = N2, n3 = N3;
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
