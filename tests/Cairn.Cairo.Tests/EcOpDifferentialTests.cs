using Cairn.Cairo.Builtins;
using Cairn.Cairo.Memory;
using Cairn.Crypto.Curve;
using Cairn.Primitives;

namespace Cairn.Cairo.Tests;

/// <summary>The ec_op builtin's P + m·Q against the affine double-and-add of cairo-lang's <c>ec_op_impl</c>, written out here.</summary>
public sealed class EcOpDifferentialTests
{
    private static (Felt X, Felt Y)? Reference(Felt px, Felt py, Felt qx, Felt qy, System.Numerics.BigInteger m)
    {
        Felt ax = px, ay = py, dx = qx, dy = qy;
        for (int i = 0; i < 256; i++)
        {
            if (dx == ax) return null;
            if (!(m >> i).IsEven)
            {
                var slope = (dy - ay) / (dx - ax);
                var nx = slope.Square() - ax - dx;
                ay = slope * (ax - nx) - ay;
                ax = nx;
            }
            var ds = (dx.Square() * 3 + StarkCurve.Alpha) / dy.Double();
            var ndx = ds.Square() - dx.Double();
            dy = ds * (dx - ndx) - dy;
            dx = ndx;
        }
        return (ax, ay);
    }

    [Fact]
    public void Random_points_and_scalars_match_the_affine_reference()
    {
        var rng = new Random(5);
        for (int i = 0; i < 40; i++)
        {
            var p = StarkCurve.MultiplyGenerator(Felt.FromUInt64((ulong)rng.NextInt64(1, long.MaxValue))).ToAffine();
            var q = StarkCurve.MultiplyGenerator(Felt.FromUInt64((ulong)rng.NextInt64(1, long.MaxValue))).ToAffine();
            var bytes = new byte[32];
            rng.NextBytes(bytes);
            bytes[31] &= i % 3 == 0 ? (byte)0x07 : (byte)0x00; // big scalars and small ones
            var m = new System.Numerics.BigInteger(bytes, isUnsigned: true) % Felt.Modulus;
            var expected = Reference(p.X, p.Y, q.X, q.Y, m);
            if (expected is { } e)
            {
                EcOpBuiltinRunner.Compute(p.X, p.Y, q.X, q.Y, Felt.FromBigInteger(m), out var rx, out var ry);
                Assert.Equal(e.X, rx);
                Assert.Equal(e.Y, ry);
            }
            else
            {
                Assert.Throws<MemoryException>(() => EcOpBuiltinRunner.Compute(p.X, p.Y, q.X, q.Y, Felt.FromBigInteger(m), out _, out _));
            }
        }
    }

    [Fact]
    public void Shared_x_coordinates_are_an_error_as_in_the_reference()
    {
        var p = StarkCurve.MultiplyGenerator(Felt.FromUInt64(7)).ToAffine();
        Assert.Null(Reference(p.X, p.Y, p.X, p.Y, 5));
        Assert.Contains("same x coordinate", Assert.Throws<MemoryException>(() => EcOpBuiltinRunner.Compute(p.X, p.Y, p.X, p.Y, Felt.FromUInt64(5), out _, out _)).Message);
        var minus = new AffinePoint(p.X, -p.Y);
        Assert.Throws<MemoryException>(() => EcOpBuiltinRunner.Compute(p.X, p.Y, minus.X, minus.Y, Felt.One, out _, out _));
        // P = 2Q: after one doubling the doubled point equals the partial sum (m's bit 0 clear).
        var q = StarkCurve.MultiplyGenerator(Felt.FromUInt64(11)).ToAffine();
        var twoQ = StarkCurve.MultiplyGenerator(Felt.FromUInt64(22)).ToAffine();
        Assert.Null(Reference(twoQ.X, twoQ.Y, q.X, q.Y, 2));
        Assert.Throws<MemoryException>(() => EcOpBuiltinRunner.Compute(twoQ.X, twoQ.Y, q.X, q.Y, Felt.FromUInt64(2), out _, out _));
    }
}
