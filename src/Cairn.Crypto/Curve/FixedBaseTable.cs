using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
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
/// Entries are (x, y) pairs of 64 bytes in 64-byte-aligned native memory, one cache line each, and
/// <see cref="Prefetch"/> lets a caller start loading a scalar's entries before it needs them.
/// </remarks>
public sealed unsafe class FixedBaseTable
{
    private readonly Felt* _entries; // 2 felts (x, y) per entry
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
        var affine = new AffinePoint[projective.Length];
        ProjectivePoint.BatchToAffine(projective, affine);
        _entries = (Felt*)NativeMemory.AlignedAlloc((nuint)(affine.Length * 2 * sizeof(Felt)), 64);
        for (int i = 0; i < affine.Length; i++)
        {
            _entries[2 * i] = affine[i].X;
            _entries[2 * i + 1] = affine[i].Y;
        }
    }

    ~FixedBaseTable() => NativeMemory.AlignedFree(_entries);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private AffinePoint Entry(int index, bool negate)
    {
        Felt* e = _entries + 2 * index;
        return new AffinePoint(e[0], negate ? -e[1] : e[1]);
    }

    /// <summary>Digit of window w (signed recoding) given the carry from the window below.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Digit(int w, ulong l0, ulong l1, ulong l2, ulong l3, ref int carry)
    {
        int width = _windowBits;
        int bit = w * width;
        int limb = bit >> 6, shift = bit & 63;
        ulong x = Limb(limb, l0, l1, l2, l3) >> shift;
        if (shift + width > 64 && limb < 3) x |= Limb(limb + 1, l0, l1, l2, l3) << (64 - shift);
        int v = (int)(x & (ulong)((1 << width) - 1)) + carry;
        if (v > (1 << (width - 1)))
        {
            carry = 1;
            return v - (1 << width);
        }
        carry = 0;
        return v;
    }

    /// <summary>Asks the CPU to start loading the entries that k·B will read.</summary>
    public void Prefetch(ulong l0, ulong l1, ulong l2, ulong l3)
    {
        if (!Sse.IsSupported) return;
        if (!_signed)
        {
            if (l0 != 0) Sse.Prefetch0(_entries + 2 * ((int)l0 - 1));
            return;
        }
        int carry = 0;
        for (int w = 0; w < Windows; w++)
        {
            int v = Digit(w, l0, l1, l2, l3, ref carry);
            if (v != 0) Sse.Prefetch0(_entries + 2 * (w * _perWindow + Math.Abs(v) - 1));
        }
    }

    /// <summary>acc + k·B for a scalar given as canonical little-endian limbs below 2^Bits.</summary>
    public ProjectivePoint MultiplyAdd(ProjectivePoint acc, ulong l0, ulong l1, ulong l2, ulong l3)
    {
        if (!_signed)
        {
            return l0 == 0 ? acc : acc.Add(Entry((int)l0 - 1, false));
        }
        int carry = 0;
        for (int w = 0; w < Windows; w++)
        {
            int v = Digit(w, l0, l1, l2, l3, ref carry);
            if (v > 0) acc = acc.Add(Entry(w * _perWindow + v - 1, false));
            else if (v < 0) acc = acc.Add(Entry(w * _perWindow - v - 1, true));
        }
        return acc;
    }

    /// <summary>
    /// The window digits of a scalar (canonical little-endian limbs below 2^Bits), least significant first:
    /// <see cref="Windows"/> digits, signed for multi-window tables, 0 … 2^Bits − 1 for a single window.
    /// acc + k·B is acc plus <see cref="LoadDigit"/>(w, digit w) over the nonzero digits.
    /// </summary>
    internal void Recode(ulong l0, ulong l1, ulong l2, ulong l3, Span<short> digits)
    {
        if (!_signed)
        {
            digits[0] = (short)l0;
            return;
        }
        int carry = 0;
        for (int w = 0; w < Windows; w++) digits[w] = (short)Digit(w, l0, l1, l2, l3, ref carry);
    }

    /// <summary>The affine point digit · 2^(w·window bits) · B for a nonzero digit of window w.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void LoadDigit(int window, int digit, out Felt x, out Felt y)
    {
        Felt* e = _entries + 2 * (window * _perWindow + Math.Abs(digit) - 1);
        x = e[0];
        y = digit < 0 ? -e[1] : e[1];
    }

    /// <summary>Asks the CPU to start loading the entry of a nonzero digit of window w.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void PrefetchDigit(int window, int digit)
    {
        if (Sse.IsSupported) Sse.Prefetch0(_entries + 2 * (window * _perWindow + Math.Abs(digit) - 1));
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
