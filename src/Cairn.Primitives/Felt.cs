using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Cairn.Primitives;

/// <summary>
/// An element of the Stark field, P = 2^251 + 17·2^192 + 1.
/// </summary>
/// <remarks>
/// Held in Montgomery form (x·2^256 mod P) in four little-endian 64-bit limbs; every public
/// conversion is canonical (the integer in [0, P)). The limb layout of P (1, 0, 0, 0x0800000000000011)
/// makes the Montgomery factor −P⁻¹ mod 2^64 equal to 2^64 − 1, which the reduction uses.
/// Spec: shared/spec/starknet.md §1.1.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
[SkipLocalsInit]
public readonly partial struct Felt : IEquatable<Felt>, IComparable<Felt>
{
    internal const ulong P0 = 1UL, P1 = 0UL, P2 = 0UL, P3 = 0x0800000000000011UL;

    // R = 2^256 mod P (Montgomery one), R2 = 2^512 mod P (to enter Montgomery form).
    private const ulong R0 = 0xffffffffffffffe1UL, R1 = 0xffffffffffffffffUL, R2_ = 0xffffffffffffffffUL, R3 = 0x07fffffffffffdf0UL;
    private const ulong RR0 = 0xfffffd737e000401UL, RR1 = 0x00000001330fffffUL, RR2 = 0xffffffffff6f8000UL, RR3 = 0x07ffd4ab5e008810UL;

    internal readonly ulong M0, M1, M2, M3;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Felt(ulong m0, ulong m1, ulong m2, ulong m3)
    {
        M0 = m0; M1 = m1; M2 = m2; M3 = m3;
    }

    public static Felt Zero => default;
    public static Felt One => new(R0, R1, R2_, R3);
    public static Felt Two => One + One;

    /// <summary>P − 1, the largest felt.</summary>
    public static Felt MaxValue => -One;

    /// <summary>The field prime P as canonical limbs (little-endian).</summary>
    public static ReadOnlySpan<ulong> ModulusLimbs => [P0, P1, P2, P3];

    public bool IsZero => (M0 | M1 | M2 | M3) == 0;

    public bool IsOne => M0 == R0 && M1 == R1 && M2 == R2_ && M3 == R3;

    /// <summary>Creates a felt from a small integer.</summary>
    public static Felt FromUInt64(ulong value) => FromCanonicalUnchecked(value, 0, 0, 0);

    public static implicit operator Felt(ulong value) => FromUInt64(value);

    public static implicit operator Felt(int value) =>
        value >= 0 ? FromUInt64((ulong)value) : -FromUInt64((ulong)(-(long)value));

    /// <summary>
    /// Creates a felt from canonical little-endian limbs. Returns false when the value is ≥ P.
    /// </summary>
    public static bool TryFromLimbs(ulong l0, ulong l1, ulong l2, ulong l3, out Felt value)
    {
        if (!LessThanP(l0, l1, l2, l3))
        {
            value = default;
            return false;
        }
        value = FromCanonicalUnchecked(l0, l1, l2, l3);
        return true;
    }

    /// <summary>Creates a felt from canonical limbs; throws when the value is ≥ P.</summary>
    public static Felt FromLimbs(ulong l0, ulong l1, ulong l2, ulong l3)
    {
        if (!TryFromLimbs(l0, l1, l2, l3, out var f)) ThrowNotInField();
        return f;
    }

    /// <summary>Creates a felt from any 256-bit integer, reducing it modulo P.</summary>
    public static Felt FromLimbsReduced(ulong l0, ulong l1, ulong l2, ulong l3)
    {
        // 2^256 < 32·P, so at most 31 subtractions; do it by the top limb's quotient estimate.
        while (!LessThanP(l0, l1, l2, l3))
        {
            ulong q = l3 / (P3 + 1);
            if (q == 0) q = 1;
            SubMulP(ref l0, ref l1, ref l2, ref l3, q);
        }
        return FromCanonicalUnchecked(l0, l1, l2, l3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SubMulP(ref ulong l0, ref ulong l1, ref ulong l2, ref ulong l3, ulong q)
    {
        // value -= q·P, where q·P = q + q·P3·2^192 (q small, < 32).
        ulong borrow = 0;
        l0 = Sbb(l0, q, ref borrow);
        l1 = Sbb(l1, 0, ref borrow);
        l2 = Sbb(l2, 0, ref borrow);
        l3 = l3 - q * P3 - borrow;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Felt FromCanonicalUnchecked(ulong l0, ulong l1, ulong l2, ulong l3) =>
        MontMul(l0, l1, l2, l3, RR0, RR1, RR2, RR3);

    /// <summary>Writes the canonical value as little-endian limbs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ToLimbs(out ulong l0, out ulong l1, out ulong l2, out ulong l3)
    {
        var c = MontMul(M0, M1, M2, M3, 1, 0, 0, 0);
        l0 = c.M0; l1 = c.M1; l2 = c.M2; l3 = c.M3;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool LessThanP(ulong l0, ulong l1, ulong l2, ulong l3)
    {
        if (l3 != P3) return l3 < P3;
        if ((l2 | l1) != 0) return false;
        return l0 < P0;
    }

    [DoesNotReturn]
    [StackTraceHidden]
    internal static void ThrowNotInField() =>
        throw new ArgumentOutOfRangeException("value", "value is not a field element (it is ≥ P)");

    public bool Equals(Felt other) => M0 == other.M0 && M1 == other.M1 && M2 == other.M2 && M3 == other.M3;

    public override bool Equals(object? obj) => obj is Felt f && Equals(f);

    public override int GetHashCode() => HashCode.Combine(M0, M1, M2, M3);

    public static bool operator ==(Felt a, Felt b) => a.Equals(b);

    public static bool operator !=(Felt a, Felt b) => !a.Equals(b);

    /// <summary>Compares the canonical integers.</summary>
    public int CompareTo(Felt other)
    {
        if (Equals(other)) return 0;
        ToLimbs(out var a0, out var a1, out var a2, out var a3);
        other.ToLimbs(out var b0, out var b1, out var b2, out var b3);
        if (a3 != b3) return a3 < b3 ? -1 : 1;
        if (a2 != b2) return a2 < b2 ? -1 : 1;
        if (a1 != b1) return a1 < b1 ? -1 : 1;
        return a0 < b0 ? -1 : a0 > b0 ? 1 : 0;
    }

    public static bool operator <(Felt a, Felt b) => a.CompareTo(b) < 0;

    public static bool operator >(Felt a, Felt b) => a.CompareTo(b) > 0;

    public static bool operator <=(Felt a, Felt b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Felt a, Felt b) => a.CompareTo(b) >= 0;
}
