using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Cairn.Primitives;

public readonly partial struct Felt
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Adc(ulong a, ulong b, ref ulong carry)
    {
        ulong s = a + b;
        ulong c1 = s < a ? 1UL : 0UL;
        ulong r = s + carry;
        ulong c2 = r < s ? 1UL : 0UL;
        carry = c1 | c2;
        return r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Sbb(ulong a, ulong b, ref ulong borrow)
    {
        ulong d = a - b;
        ulong b1 = a < b ? 1UL : 0UL;
        ulong r = d - borrow;
        ulong b2 = d < borrow ? 1UL : 0UL;
        borrow = b1 | b2;
        return r;
    }

    /// <summary>High 64 bits of a·b (mulx with BMI2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MulHigh(ulong a, ulong b) =>
        Bmi2.X64.IsSupported ? Bmi2.X64.MultiplyNoFlags(a, b) : Math.BigMul(a, b, out _);

    /// <summary>
    /// Montgomery product a·b·2^-256 mod P (CIOS). Inputs below P give an output below P.
    /// </summary>
    /// <remarks>
    /// P0 = 1, P1 = P2 = 0 and −P⁻¹ ≡ −1 (mod 2^64), so each reduction round costs one multiplication
    /// (m·P3). Written with plain ulong locals only — no UInt128, no ref/out helpers — so the JIT keeps
    /// every limb in a register; low halves come from imul and high halves from mulx.
    /// </remarks>
    // Not inlined on purpose: at ~400 instructions, inlining it eats the JIT's inlining budget of the
    // caller, and then even one-line helpers (IsZero, +, −) become calls.
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static Felt MontMul(ulong a0, ulong a1, ulong a2, ulong a3, ulong b0, ulong b1, ulong b2, ulong b3)
    {
        ulong t0, t1, t2, t3, t4, c, m, lo, hi;
        // row 0: t += a·b0, then one reduction step
        lo = a0 * b0; hi = MulHigh(a0, b0); t0 = lo; c = hi;
        lo = a1 * b0; hi = MulHigh(a1, b0); lo += c; hi += lo < c ? 1UL : 0UL; t1 = lo; c = hi;
        lo = a2 * b0; hi = MulHigh(a2, b0); lo += c; hi += lo < c ? 1UL : 0UL; t2 = lo; c = hi;
        lo = a3 * b0; hi = MulHigh(a3, b0); lo += c; hi += lo < c ? 1UL : 0UL; t3 = lo; t4 = hi;
        m = 0UL - t0; c = t0 != 0 ? 1UL : 0UL;
        t0 = t1 + c; c = t0 < c ? 1UL : 0UL;
        t1 = t2 + c; c = t1 < c ? 1UL : 0UL;
        lo = m * P3; hi = MulHigh(m, P3); lo += t3; hi += lo < t3 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t2 = lo; c = hi;
        t3 = t4 + c;
        // row 1: t += a·b1, then one reduction step
        lo = a0 * b1; hi = MulHigh(a0, b1); lo += t0; hi += lo < t0 ? 1UL : 0UL; t0 = lo; c = hi;
        lo = a1 * b1; hi = MulHigh(a1, b1); lo += t1; hi += lo < t1 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t1 = lo; c = hi;
        lo = a2 * b1; hi = MulHigh(a2, b1); lo += t2; hi += lo < t2 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t2 = lo; c = hi;
        lo = a3 * b1; hi = MulHigh(a3, b1); lo += t3; hi += lo < t3 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t3 = lo; t4 = hi;
        m = 0UL - t0; c = t0 != 0 ? 1UL : 0UL;
        t0 = t1 + c; c = t0 < c ? 1UL : 0UL;
        t1 = t2 + c; c = t1 < c ? 1UL : 0UL;
        lo = m * P3; hi = MulHigh(m, P3); lo += t3; hi += lo < t3 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t2 = lo; c = hi;
        t3 = t4 + c;
        // row 2: t += a·b2, then one reduction step
        lo = a0 * b2; hi = MulHigh(a0, b2); lo += t0; hi += lo < t0 ? 1UL : 0UL; t0 = lo; c = hi;
        lo = a1 * b2; hi = MulHigh(a1, b2); lo += t1; hi += lo < t1 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t1 = lo; c = hi;
        lo = a2 * b2; hi = MulHigh(a2, b2); lo += t2; hi += lo < t2 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t2 = lo; c = hi;
        lo = a3 * b2; hi = MulHigh(a3, b2); lo += t3; hi += lo < t3 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t3 = lo; t4 = hi;
        m = 0UL - t0; c = t0 != 0 ? 1UL : 0UL;
        t0 = t1 + c; c = t0 < c ? 1UL : 0UL;
        t1 = t2 + c; c = t1 < c ? 1UL : 0UL;
        lo = m * P3; hi = MulHigh(m, P3); lo += t3; hi += lo < t3 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t2 = lo; c = hi;
        t3 = t4 + c;
        // row 3: t += a·b3, then one reduction step
        lo = a0 * b3; hi = MulHigh(a0, b3); lo += t0; hi += lo < t0 ? 1UL : 0UL; t0 = lo; c = hi;
        lo = a1 * b3; hi = MulHigh(a1, b3); lo += t1; hi += lo < t1 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t1 = lo; c = hi;
        lo = a2 * b3; hi = MulHigh(a2, b3); lo += t2; hi += lo < t2 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t2 = lo; c = hi;
        lo = a3 * b3; hi = MulHigh(a3, b3); lo += t3; hi += lo < t3 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t3 = lo; t4 = hi;
        m = 0UL - t0; c = t0 != 0 ? 1UL : 0UL;
        t0 = t1 + c; c = t0 < c ? 1UL : 0UL;
        t1 = t2 + c; c = t1 < c ? 1UL : 0UL;
        lo = m * P3; hi = MulHigh(m, P3); lo += t3; hi += lo < t3 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t2 = lo; c = hi;
        t3 = t4 + c;
        return Normalize(t0, t1, t2, t3);
    }

    /// <summary>Subtracts P once if the value (below 2P) is not below P.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Felt Normalize(ulong t0, ulong t1, ulong t2, ulong t3)
    {
        if (LessThanP(t0, t1, t2, t3)) return new Felt(t0, t1, t2, t3);
        ulong b = 0;
        ulong r0 = Sbb(t0, P0, ref b);
        ulong r1 = Sbb(t1, P1, ref b);
        ulong r2 = Sbb(t2, P2, ref b);
        ulong r3 = Sbb(t3, P3, ref b);
        return new Felt(r0, r1, r2, r3);
    }

    /// <summary>Field addition, branch-free (a random sum is ≥ P half of the time, so a branch would mispredict).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Felt operator +(Felt a, Felt b)
    {
        // Both < P < 2^252: the sum fits in 256 bits.
        ulong s0 = a.M0 + b.M0;
        ulong c = s0 < a.M0 ? 1UL : 0UL;
        ulong s1 = a.M1 + b.M1;
        ulong c1 = s1 < a.M1 ? 1UL : 0UL;
        s1 += c;
        c = c1 | (s1 < c ? 1UL : 0UL);
        ulong s2 = a.M2 + b.M2;
        ulong c2 = s2 < a.M2 ? 1UL : 0UL;
        s2 += c;
        c = c2 | (s2 < c ? 1UL : 0UL);
        ulong s3 = a.M3 + b.M3 + c;
        // s ≥ P = P3·2^192 + 1  ⟺  s3 > P3, or s3 = P3 and the low limbs are not all zero.
        ulong ge = (s3 > P3 ? 1UL : 0UL) | ((s3 == P3 ? 1UL : 0UL) & ((s0 | s1 | s2) != 0 ? 1UL : 0UL));
        ulong mask = 0UL - ge;
        // Subtracting P touches only limbs 0 and 3 unless limb 0 is zero (a borrow chain; almost never).
        if (s0 != 0 || mask == 0) return new Felt(s0 - (mask & 1UL), s1, s2, s3 - (mask & P3));
        return SubtractPIfNotBelow(s0, s1, s2, s3);
    }

    /// <summary>s − P when s ≥ P, else s (s &lt; 2P), without branches. P = 1 + P3·2^192.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Felt SubtractPIfNotBelow(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        ulong b0 = s0 == 0 ? 1UL : 0UL;
        ulong d0 = s0 - 1;
        ulong d1 = s1 - b0;
        ulong b1 = s1 < b0 ? 1UL : 0UL;
        ulong d2 = s2 - b1;
        ulong b2 = s2 < b1 ? 1UL : 0UL;
        ulong p3b = P3 + b2;
        ulong d3 = s3 - p3b;
        ulong below = s3 < p3b ? ulong.MaxValue : 0UL; // all ones when s < P: keep s
        return new Felt((s0 & below) | (d0 & ~below), (s1 & below) | (d1 & ~below),
            (s2 & below) | (d2 & ~below), (s3 & below) | (d3 & ~below));
    }

    /// <summary>Field subtraction, branch-free.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Felt operator -(Felt a, Felt b)
    {
        ulong d0 = a.M0 - b.M0;
        ulong br = a.M0 < b.M0 ? 1UL : 0UL;
        ulong t1 = a.M1 - b.M1;
        ulong br1 = a.M1 < b.M1 ? 1UL : 0UL;
        ulong d1 = t1 - br;
        br = br1 | (t1 < br ? 1UL : 0UL);
        ulong t2 = a.M2 - b.M2;
        ulong br2 = a.M2 < b.M2 ? 1UL : 0UL;
        ulong d2 = t2 - br;
        br = br2 | (t2 < br ? 1UL : 0UL);
        ulong t3 = a.M3 - b.M3;
        ulong br3 = a.M3 < b.M3 ? 1UL : 0UL;
        ulong d3 = t3 - br;
        br = br3 | (t3 < br ? 1UL : 0UL);
        // On borrow add P = 1 + P3·2^192: only limbs 0 and 3 change unless limb 0 carries (almost never).
        ulong mask = 0UL - br;
        if (d0 != ulong.MaxValue || mask == 0) return new Felt(d0 + (mask & 1UL), d1, d2, d3 + (mask & P3));
        ulong add0 = mask & 1UL;
        d0 += add0;
        ulong c = d0 < add0 ? 1UL : 0UL;
        d1 += c;
        c = d1 < c ? 1UL : 0UL;
        d2 += c;
        c = d2 < c ? 1UL : 0UL;
        d3 += (mask & P3) + c;
        return new Felt(d0, d1, d2, d3);
    }

    // ---- lazy reduction (internal): values may exceed P between these calls -------------------------

    /// <summary>a + b without reduction (the caller keeps the sum below 2^256).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Felt AddUnreduced(Felt a, Felt b)
    {
        ulong s0 = a.M0 + b.M0;
        ulong c = s0 < a.M0 ? 1UL : 0UL;
        ulong s1 = a.M1 + b.M1;
        ulong c1 = s1 < a.M1 ? 1UL : 0UL;
        s1 += c;
        c = c1 | (s1 < c ? 1UL : 0UL);
        ulong s2 = a.M2 + b.M2;
        ulong c2 = s2 < a.M2 ? 1UL : 0UL;
        s2 += c;
        c = c2 | (s2 < c ? 1UL : 0UL);
        return new Felt(s0, s1, s2, a.M3 + b.M3 + c);
    }

    /// <summary>a + 2P − b − b without reduction, for a below 6P and b below P (the result is positive).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Felt SubTwiceUnreduced(Felt a, Felt b)
    {
        // a + 2P: 2P = 2 + 2·P3·2^192.
        ulong x0 = a.M0 + 2;
        ulong c = x0 < 2 ? 1UL : 0UL;
        ulong x1 = a.M1 + c; c = x1 < c ? 1UL : 0UL;
        ulong x2 = a.M2 + c; c = x2 < c ? 1UL : 0UL;
        ulong x3 = a.M3 + 2 * P3 + c;
        // − 2b
        ulong d0 = b.M0 << 1, d1 = (b.M1 << 1) | (b.M0 >> 63), d2 = (b.M2 << 1) | (b.M1 >> 63), d3 = (b.M3 << 1) | (b.M2 >> 63);
        ulong br = 0;
        x0 = Sbb(x0, d0, ref br);
        x1 = Sbb(x1, d1, ref br);
        x2 = Sbb(x2, d2, ref br);
        x3 = x3 - d3 - br;
        return new Felt(x0, x1, x2, x3);
    }

    /// <summary>Reduces a value below 8P (an unreduced sum) to the field.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Felt ReduceBelow8P(Felt x)
    {
        // q ≤ ⌊x / P⌋ from the top limb; x − q·P (q·P = q + q·P3·2^192) is then below 2P.
        ulong q = x.M3 / (P3 + 1);
        ulong r0 = x.M0 - q;
        ulong br = x.M0 < q ? 1UL : 0UL;
        ulong r1 = x.M1, r2 = x.M2, r3 = x.M3 - q * P3;
        if (br != 0)
        {
            // Rare: borrow through the middle limbs.
            ulong b = 1;
            r1 = Sbb(r1, 0, ref b);
            r2 = Sbb(r2, 0, ref b);
            r3 -= b;
        }
        return new Felt(r0, r1, r2, r3) + Zero;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Felt operator -(Felt a) => Zero - a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Felt operator *(Felt a, Felt b) => MontMul(a.M0, a.M1, a.M2, a.M3, b.M0, b.M1, b.M2, b.M3);

    /// <summary>Field division; throws on division by zero.</summary>
    public static Felt operator /(Felt a, Felt b) => a * b.Inverse();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Felt Square() => MontMul(M0, M1, M2, M3, M0, M1, M2, M3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Felt Double() => this + this;

    /// <summary>this^e for a 64-bit exponent.</summary>
    public Felt Pow(ulong e)
    {
        Felt result = One, b = this;
        while (e != 0)
        {
            if ((e & 1) != 0) result *= b;
            b = b.Square();
            e >>= 1;
        }
        return result;
    }

    /// <summary>this^e for an exponent given as little-endian 64-bit limbs (an integer, not reduced).</summary>
    public Felt Pow(ReadOnlySpan<ulong> exponentLimbs)
    {
        Felt result = One;
        for (int i = exponentLimbs.Length - 1; i >= 0; i--)
        {
            ulong w = exponentLimbs[i];
            for (int bit = 63; bit >= 0; bit--)
            {
                result = result.Square();
                if (((w >> bit) & 1) != 0) result *= this;
            }
        }
        return result;
    }

    /// <summary>this^e where e is the canonical integer of a felt.</summary>
    public Felt Pow(Felt exponent)
    {
        exponent.ToLimbs(out var e0, out var e1, out var e2, out var e3);
        return Pow([e0, e1, e2, e3]);
    }

    /// <summary>The multiplicative inverse; throws on zero.</summary>
    public Felt Inverse()
    {
        if (IsZero) ThrowDivideByZero();
        return InverseUnchecked();
    }

    /// <summary>The inverse by binary extended Euclid on the Montgomery representation (0 gives 0).</summary>
    internal Felt InverseUnchecked()
    {
        if (IsZero) return default;
        // a = x·R. Binary GCD gives a⁻¹ = x⁻¹·R⁻¹; two Montgomery multiplications by R^3 map it to x⁻¹·R.
        var inv = BinaryInverse(M0, M1, M2, M3);
        return inv * R3Mont;
    }

    // R^3 mod P: (x⁻¹R⁻¹)·R^3·R⁻¹ = x⁻¹·R.
    private static Felt R3Mont => new(0xcc7177d1406df18eUL, 0x7545706677ffcc06UL, 0xf47d84f836300018UL, 0x038e5f79873c0a6dUL);

    /// <summary>Inverse of the integer a (0 &lt; a &lt; P) modulo P, as raw limbs.</summary>
    /// <remarks>
    /// Binary extended Euclid (HAC 14.61 for an odd modulus) with invariants x1·a ≡ u and x2·a ≡ v (mod P).
    /// All state is in locals so the JIT keeps it in registers.
    /// </remarks>
    private static Felt BinaryInverse(ulong a0, ulong a1, ulong a2, ulong a3)
    {
        ulong u0 = a0, u1 = a1, u2 = a2, u3 = a3;
        ulong v0 = P0, v1 = P1, v2 = P2, v3 = P3;
        ulong x10 = 1, x11 = 0, x12 = 0, x13 = 0;
        ulong x20 = 0, x21 = 0, x22 = 0, x23 = 0;
        while (true)
        {
            while ((u0 & 1) == 0)
            {
                u0 = (u0 >> 1) | (u1 << 63); u1 = (u1 >> 1) | (u2 << 63); u2 = (u2 >> 1) | (u3 << 63); u3 >>= 1;
                Halve(ref x10, ref x11, ref x12, ref x13);
            }
            if (u0 == 1 && (u1 | u2 | u3) == 0) return new Felt(x10, x11, x12, x13);
            while ((v0 & 1) == 0)
            {
                v0 = (v0 >> 1) | (v1 << 63); v1 = (v1 >> 1) | (v2 << 63); v2 = (v2 >> 1) | (v3 << 63); v3 >>= 1;
                Halve(ref x20, ref x21, ref x22, ref x23);
            }
            if (v0 == 1 && (v1 | v2 | v3) == 0) return new Felt(x20, x21, x22, x23);
            bool uGeV = u3 != v3 ? u3 > v3 : u2 != v2 ? u2 > v2 : u1 != v1 ? u1 > v1 : u0 >= v0;
            if (uGeV)
            {
                Sub4(ref u0, ref u1, ref u2, ref u3, v0, v1, v2, v3);
                SubMod(ref x10, ref x11, ref x12, ref x13, x20, x21, x22, x23);
            }
            else
            {
                Sub4(ref v0, ref v1, ref v2, ref v3, u0, u1, u2, u3);
                SubMod(ref x20, ref x21, ref x22, ref x23, x10, x11, x12, x13);
            }
        }
    }

    /// <summary>x / 2 mod P.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Halve(ref ulong x0, ref ulong x1, ref ulong x2, ref ulong x3)
    {
        // x odd: x + P is even and below 2^253. P = 1 + P3·2^192.
        ulong odd = 0UL - (x0 & 1);
        ulong s0 = x0 + (odd & 1);
        ulong c = s0 < x0 ? 1UL : 0UL;
        ulong s1 = x1 + c; c = s1 < c ? 1UL : 0UL;
        ulong s2 = x2 + c; c = s2 < c ? 1UL : 0UL;
        ulong s3 = x3 + (odd & P3) + c;
        x0 = (s0 >> 1) | (s1 << 63); x1 = (s1 >> 1) | (s2 << 63); x2 = (s2 >> 1) | (s3 << 63); x3 = s3 >> 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Sub4(ref ulong a0, ref ulong a1, ref ulong a2, ref ulong a3, ulong b0, ulong b1, ulong b2, ulong b3)
    {
        ulong br = 0;
        a0 = Sbb(a0, b0, ref br);
        a1 = Sbb(a1, b1, ref br);
        a2 = Sbb(a2, b2, ref br);
        a3 = Sbb(a3, b3, ref br);
    }

    /// <summary>a − b mod P for a, b below P.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SubMod(ref ulong a0, ref ulong a1, ref ulong a2, ref ulong a3, ulong b0, ulong b1, ulong b2, ulong b3)
    {
        var d = new Felt(a0, a1, a2, a3) - new Felt(b0, b1, b2, b3);
        a0 = d.M0; a1 = d.M1; a2 = d.M2; a3 = d.M3;
    }

    /// <summary>
    /// Replaces every element by its inverse with one field inversion (Montgomery's trick).
    /// Zeros stay zero. <paramref name="scratch"/> must be at least as long as <paramref name="values"/>.
    /// </summary>
    public static void BatchInverse(Span<Felt> values, Span<Felt> scratch)
    {
        if (scratch.Length < values.Length) throw new ArgumentException("scratch is shorter than values", nameof(scratch));
        Felt acc = One;
        for (int i = 0; i < values.Length; i++)
        {
            scratch[i] = acc;
            if (!values[i].IsZero) acc *= values[i];
        }
        Felt inv = acc.InverseUnchecked();
        for (int i = values.Length - 1; i >= 0; i--)
        {
            if (values[i].IsZero) continue;
            Felt v = values[i];
            values[i] = inv * scratch[i];
            inv *= v;
        }
    }

    /// <summary>Batch inverse with a pooled scratch buffer.</summary>
    public static void BatchInverse(Span<Felt> values)
    {
        if (values.Length <= 64)
        {
            Span<Felt> scratch = stackalloc Felt[values.Length];
            BatchInverse(values, scratch);
            return;
        }
        var rented = System.Buffers.ArrayPool<Felt>.Shared.Rent(values.Length);
        try
        {
            BatchInverse(values, rented);
        }
        finally
        {
            System.Buffers.ArrayPool<Felt>.Shared.Return(rented);
        }
    }


    /// <summary>True when the value is a square (0 counts as a square).</summary>
    public bool IsQuadraticResidue() => LegendreSymbol() >= 0;

    /// <summary>
    /// The Legendre symbol (this / P): 1 for a non-zero square, −1 for a non-square, 0 for zero.
    /// </summary>
    /// <remarks>
    /// Binary Jacobi-symbol algorithm (halvings and subtractions on 64-bit limbs, no multiplication),
    /// several times faster than Euler's criterion x^((P−1)/2).
    /// </remarks>
    public int LegendreSymbol()
    {
        ToLimbs(out var a0, out var a1, out var a2, out var a3);
        if ((a0 | a1 | a2 | a3) == 0) return 0;
        ulong n0 = P0, n1 = P1, n2 = P2, n3 = P3;
        int t = 1;
        while ((a0 | a1 | a2 | a3) != 0)
        {
            // Remove factors of two: (2/n) = −1 exactly when n ≡ 3, 5 (mod 8).
            while ((a0 & 1) == 0)
            {
                int k = a0 == 0 ? 63 : Math.Min(BitOperations.TrailingZeroCount(a0), 63);
                a0 = (a0 >> k) | (a1 << (64 - k)); a1 = (a1 >> k) | (a2 << (64 - k)); a2 = (a2 >> k) | (a3 << (64 - k)); a3 >>= k;
                ulong r = n0 & 7;
                if ((k & 1) == 1 && (r == 3 || r == 5)) t = -t;
            }
            // Now a is odd. Keep a ≥ n, flipping the sign by quadratic reciprocity when both are 3 mod 4.
            bool aLess = a3 != n3 ? a3 < n3 : a2 != n2 ? a2 < n2 : a1 != n1 ? a1 < n1 : a0 < n0;
            if (aLess)
            {
                (a0, n0) = (n0, a0); (a1, n1) = (n1, a1); (a2, n2) = (n2, a2); (a3, n3) = (n3, a3);
                if ((a0 & 3) == 3 && (n0 & 3) == 3) t = -t;
            }
            Sub4(ref a0, ref a1, ref a2, ref a3, n0, n1, n2, n3);
        }
        return n0 == 1 && (n1 | n2 | n3) == 0 ? t : 0;
    }

    /// <summary>
    /// A square root. Returns false when none exists. Of the two roots, the one whose canonical integer
    /// is smaller is returned. See <see cref="FeltSqrt"/> for the method.
    /// </summary>
    public bool TrySqrt(out Felt root)
    {
        if (IsZero)
        {
            root = Zero;
            return true;
        }
        if (!FeltSqrt.TrySqrt(this, out var r))
        {
            root = default;
            return false;
        }
        Felt other = -r;
        root = r <= other ? r : other;
        return true;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    [System.Diagnostics.StackTraceHidden]
    private static void ThrowDivideByZero() => throw new DivideByZeroException("inverse of zero in the Stark field");
}
