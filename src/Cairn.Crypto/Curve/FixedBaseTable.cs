using System.Runtime.CompilerServices;
using Cairn.Primitives;

namespace Cairn.Crypto.Curve;

/// <summary>
/// Precomputed multiples of one fixed point for fast scalar multiplication: with 8-bit windows,
/// entry [w][v − 1] = v · 2^(8w) · B in affine form, so k·B costs one mixed addition per window.
/// </summary>
public sealed class FixedBaseTable
{
    private const int WindowBits = 8;
    private const int WindowSize = (1 << WindowBits) - 1;

    private readonly AffinePoint[] _entries;

    public int Bits { get; }

    public int Windows { get; }

    public AffinePoint Base { get; }

    /// <summary>Builds the table for scalars of up to <paramref name="bits"/> bits.</summary>
    public FixedBaseTable(AffinePoint basePoint, int bits)
    {
        if (basePoint.IsInfinity) throw new ArgumentException("the base must not be infinity", nameof(basePoint));
        Base = basePoint;
        Bits = bits;
        Windows = (bits + WindowBits - 1) / WindowBits;
        var projective = new ProjectivePoint[Windows * WindowSize];
        ProjectivePoint windowBase = basePoint.ToProjective();
        for (int w = 0; w < Windows; w++)
        {
            ProjectivePoint acc = windowBase;
            int offset = w * WindowSize;
            projective[offset] = acc;
            for (int v = 1; v < WindowSize; v++)
            {
                acc = acc.Add(windowBase);
                projective[offset + v] = acc;
            }
            // 256 · windowBase = 255 · windowBase + windowBase.
            windowBase = acc.Add(windowBase);
        }
        _entries = new AffinePoint[projective.Length];
        ProjectivePoint.BatchToAffine(projective, _entries);
    }

    /// <summary>acc + k·B for a scalar given as canonical little-endian limbs below 2^Bits.</summary>
    public ProjectivePoint MultiplyAdd(ProjectivePoint acc, ulong l0, ulong l1, ulong l2, ulong l3)
    {
        ref AffinePoint table = ref _entries[0];
        for (int w = 0; w < Windows; w++)
        {
            int bit = w * WindowBits;
            ulong limb = (bit >> 6) switch { 0 => l0, 1 => l1, 2 => l2, _ => l3 };
            int v = (int)((limb >> (bit & 63)) & WindowSize);
            if (v != 0) acc = acc.Add(Unsafe.Add(ref table, w * WindowSize + v - 1));
        }
        return acc;
    }

    /// <summary>k·B.</summary>
    public ProjectivePoint Multiply(Felt scalar)
    {
        scalar.ToLimbs(out var l0, out var l1, out var l2, out var l3);
        return MultiplyAdd(ProjectivePoint.Infinity, l0, l1, l2, l3);
    }
}
