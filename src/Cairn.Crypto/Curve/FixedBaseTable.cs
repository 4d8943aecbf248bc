using System.Runtime.CompilerServices;
using Cairn.Primitives;

namespace Cairn.Crypto.Curve;

/// <summary>
/// Precomputed multiples of one fixed point for fast scalar multiplication, so that k·B costs one
/// mixed addition per window and no doubling.
/// </summary>
/// <remarks>
/// With window width w, a scalar that fits in one window uses the unsigned digits 1 … 2^w − 1. Longer
/// scalars are recoded into signed digits in (−2^(w−1), 2^(w−1)], so each window stores only
/// 2^(w−1) points (negation is free in affine form): entry [i][j − 1] = j · 2^(w·i) · B.
/// </remarks>
public sealed class FixedBaseTable
{
    private readonly AffinePoint[] _entries;
    private readonly int _windowBits;
    private readonly int _perWindow;
    private readonly bool _signed;

    public int Bits { get; }

    public int Windows { get; }

    public AffinePoint Base { get; }

    /// <summary>Builds the table for scalars below 2^<paramref name="bits"/>.</summary>
    public FixedBaseTable(AffinePoint basePoint, int bits, int windowBits = 8)
    {
        if (basePoint.IsInfinity) throw new ArgumentException("the base must not be infinity", nameof(basePoint));
        if (windowBits is < 1 or > 16) throw new ArgumentOutOfRangeException(nameof(windowBits));
        if (bits is < 1 or > 256) throw new ArgumentOutOfRangeException(nameof(bits));
        Base = basePoint;
        Bits = bits;
        _signed = bits > windowBits;
        _windowBits = _signed ? windowBits : bits;
        _perWindow = _signed ? 1 << (windowBits - 1) : (1 << bits) - 1;
        // Signed digits may carry one bit past the top of the scalar.
        Windows = _signed ? (bits + 1 + windowBits - 1) / windowBits : 1;

        var projective = new ProjectivePoint[Windows * _perWindow];
        ProjectivePoint windowBase = basePoint.ToProjective();
        for (int w = 0; w < Windows; w++)
        {
            int offset = w * _perWindow;
            AffinePoint step = windowBase.ToAffine(); // mixed additions are cheaper than full ones
            ProjectivePoint acc = windowBase;
            projective[offset] = acc;
            for (int v = 1; v < _perWindow; v++)
            {
                acc = acc.Add(step);
                projective[offset + v] = acc;
            }
            // Next window base: 2^w · windowBase.
            for (int d = 0; d < _windowBits; d++) windowBase = windowBase.Double();
        }
        _entries = new AffinePoint[projective.Length];
        ProjectivePoint.BatchToAffine(projective, _entries);
    }

    /// <summary>acc + k·B for a scalar given as canonical little-endian limbs below 2^Bits.</summary>
    public ProjectivePoint MultiplyAdd(ProjectivePoint acc, ulong l0, ulong l1, ulong l2, ulong l3)
    {
        ref AffinePoint table = ref _entries[0];
        if (!_signed)
        {
            int v = (int)l0;
            return v == 0 ? acc : acc.Add(Unsafe.Add(ref table, v - 1));
        }
        int width = _windowBits;
        int full = 1 << width;
        int half = full >> 1;
        ulong mask = (ulong)full - 1;
        int carry = 0;
        for (int w = 0; w < Windows; w++)
        {
            int bit = w * width;
            int limb = bit >> 6, shift = bit & 63;
            ulong x = Limb(limb, l0, l1, l2, l3) >> shift;
            if (shift + width > 64 && limb < 3) x |= Limb(limb + 1, l0, l1, l2, l3) << (64 - shift);
            int v = (int)(x & mask) + carry;
            if (v > half)
            {
                v -= full;
                carry = 1;
            }
            else
            {
                carry = 0;
            }
            if (v > 0)
            {
                acc = acc.Add(Unsafe.Add(ref table, w * _perWindow + v - 1));
            }
            else if (v < 0)
            {
                ref AffinePoint p = ref Unsafe.Add(ref table, w * _perWindow - v - 1);
                acc = acc.Add(new AffinePoint(p.X, -p.Y));
            }
        }
        return acc;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Limb(int i, ulong l0, ulong l1, ulong l2, ulong l3) => i switch { 0 => l0, 1 => l1, 2 => l2, _ => l3 };

    /// <summary>k·B.</summary>
    public ProjectivePoint Multiply(Felt scalar)
    {
        scalar.ToLimbs(out var l0, out var l1, out var l2, out var l3);
        return MultiplyAdd(ProjectivePoint.Infinity, l0, l1, l2, l3);
    }
}
