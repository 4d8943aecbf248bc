using System.Numerics;
using Cairn.Cairo.Hints;
using Cairn.Cairo.Memory;
using Cairn.Primitives;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Math.EC;

namespace Cairn.Cairo.Syscalls;

/// <summary>
/// The secp256k1 / secp256r1 syscalls of one call (cairo-vm.md §8.3): points live in the handler and
/// the contract holds handles <c>points_segment + 6 · id</c>, ids counted over both curves, the
/// segment allocated at the first point. Coordinates and scalars are u256 as (low, high) 128-bit
/// limbs; (0, 0) is the point at infinity. Curve arithmetic is BouncyCastle's.
/// </summary>
internal sealed class SecpPoints
{
    private const int HandleStride = 6;
    private static readonly Felt InvalidArgument = Felt.FromShortString("Invalid argument");
    private static readonly Lazy<X9ECParameters> K1 = new(() => ECNamedCurveTable.GetByName("secp256k1"));
    private static readonly Lazy<X9ECParameters> R1 = new(() => ECNamedCurveTable.GetByName("secp256r1"));

    private readonly List<(bool IsK1, ECPoint Point)> _points = [];
    private Relocatable? _segment;

    public MaybeRelocatable[] Execute(VmMemory memory, SyscallSelector selector, MaybeRelocatable[] r)
    {
        bool k1 = selector.ToString().StartsWith("Secp256k1", StringComparison.Ordinal);
        var curve = (k1 ? K1 : R1).Value.Curve;
        var p = curve.Field.Characteristic;
        switch (selector)
        {
            case SyscallSelector.Secp256k1New or SyscallSelector.Secp256r1New:
            {
                var x = U256(r[0], r[1], "x");
                var y = U256(r[2], r[3], "y");
                if (x >= ToBig(p) || y >= ToBig(p)) throw new SyscallRevertException([InvalidArgument]);
                ECPoint point;
                if (x.IsZero && y.IsZero)
                {
                    point = curve.Infinity;
                }
                else
                {
                    point = curve.CreatePoint(ToBc(x), ToBc(y));
                    if (!point.IsValid()) return [Felt.One, Felt.Zero];
                }
                return [Felt.Zero, Add(memory, k1, point)];
            }
            case SyscallSelector.Secp256k1Add or SyscallSelector.Secp256r1Add:
                return [Add(memory, k1, Get(r[0], k1).Add(Get(r[1], k1)).Normalize())];
            case SyscallSelector.Secp256k1Mul or SyscallSelector.Secp256r1Mul:
            {
                var scalar = U256(r[1], r[2], "scalar");
                return [Add(memory, k1, Get(r[0], k1).Multiply(ToBc(scalar)).Normalize())];
            }
            case SyscallSelector.Secp256k1GetPointFromX or SyscallSelector.Secp256r1GetPointFromX:
            {
                var x = U256(r[0], r[1], "x");
                var parity = AsFelt(r[2], "y_parity");
                if (x >= ToBig(p)) throw new SyscallRevertException([InvalidArgument]);
                if (!parity.IsZero && parity != Felt.One) throw new HintException($"y_parity must be 0 or 1, got {parity}");
                // Compressed SEC1 encoding: the parity prefix, then x right-aligned in 32 big-endian bytes.
                var encoded = new byte[33];
                encoded[0] = parity.IsZero ? (byte)0x02 : (byte)0x03;
                var xb = x.ToByteArray(isUnsigned: true, isBigEndian: true);
                xb.CopyTo(encoded, 33 - xb.Length);
                ECPoint point;
                try
                {
                    point = curve.DecodePoint(encoded).Normalize();
                }
                catch (ArgumentException)
                {
                    return [Felt.One, Felt.Zero];
                }
                return [Felt.Zero, Add(memory, k1, point)];
            }
            default: // GetXy
            {
                var point = Get(r[0], k1);
                if (point.IsInfinity) return [Felt.Zero, Felt.Zero, Felt.Zero, Felt.Zero];
                var (xl, xh) = Limbs(ToBig(point.AffineXCoord.ToBigInteger()));
                var (yl, yh) = Limbs(ToBig(point.AffineYCoord.ToBigInteger()));
                return [xl, xh, yl, yh];
            }
        }
    }

    private Relocatable Add(VmMemory memory, bool k1, ECPoint point)
    {
        var segment = _segment ??= memory.AddSegment();
        _points.Add((k1, point));
        return segment.Add((long)(_points.Count - 1) * HandleStride);
    }

    private ECPoint Get(MaybeRelocatable handle, bool k1)
    {
        if (!handle.IsRelocatable || _segment is not { } segment || handle.RelocatableUnchecked.Segment != segment.Segment
            || handle.RelocatableUnchecked.Offset % HandleStride != 0 || handle.RelocatableUnchecked.Offset / HandleStride >= (ulong)_points.Count)
        {
            throw new HintException($"Unknown secp point handle {handle}");
        }
        var (isK1, point) = _points[(int)(handle.RelocatableUnchecked.Offset / HandleStride)];
        if (isK1 != k1) throw new HintException($"secp point {handle} belongs to the other curve");
        return point;
    }

    private static BigInteger U256(MaybeRelocatable low, MaybeRelocatable high, string what)
    {
        var l = AsFelt(low, what + ".low").ToBigInteger();
        var h = AsFelt(high, what + ".high").ToBigInteger();
        var bound = BigInteger.One << 128;
        if (l >= bound || h >= bound) throw new HintException($"{what} limbs must be below 2^128");
        return (h << 128) | l;
    }

    private static (Felt Low, Felt High) Limbs(BigInteger v)
    {
        var mask = (BigInteger.One << 128) - 1;
        return (Felt.FromBigInteger(v & mask), Felt.FromBigInteger(v >> 128));
    }

    private static Felt AsFelt(MaybeRelocatable v, string what) =>
        v.IsFelt ? v.FeltUnchecked : throw new HintException($"syscall {what} must be a felt, found {v}");

    private static BigInteger ToBig(Org.BouncyCastle.Math.BigInteger v) => new(v.ToByteArrayUnsigned(), isUnsigned: true, isBigEndian: true);

    private static Org.BouncyCastle.Math.BigInteger ToBc(BigInteger v) => new(1, v.ToByteArray(isUnsigned: true, isBigEndian: true));
}
