using System.Runtime.CompilerServices;
using Cairn.Primitives;

namespace Cairn.Crypto.Curve;

/// <summary>
/// A Stark-curve point in Jacobian coordinates: (X, Y, Z) stands for (X/Z², Y/Z³); Z = 0 is infinity.
/// </summary>
/// <remarks>
/// Formulas from the Explicit-Formulas Database for short Weierstrass curves with general a
/// (dbl-2007-bl, add-2007-bl, madd-2007-bl), specialised to a = 1.
/// </remarks>
public readonly struct ProjectivePoint
{
    public readonly Felt X;
    public readonly Felt Y;
    public readonly Felt Z;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ProjectivePoint(Felt x, Felt y, Felt z)
    {
        X = x;
        Y = y;
        Z = z;
    }

    public static ProjectivePoint Infinity => new(Felt.One, Felt.One, Felt.Zero);

    public bool IsInfinity => Z.IsZero;

    public ProjectivePoint Double()
    {
        if (Z.IsZero || Y.IsZero) return Infinity;
        Felt xx = X.Square();
        Felt yy = Y.Square();
        Felt yyyy = yy.Square();
        Felt zz = Z.Square();
        Felt s = ((X + yy).Square() - xx - yyyy).Double();
        Felt m = xx.Double() + xx + zz.Square(); // 3·XX + a·ZZ², a = 1
        Felt t = m.Square() - s.Double();
        Felt y3 = m * (s - t) - yyyy.Double().Double().Double();
        Felt z3 = (Y + Z).Square() - yy - zz;
        return new ProjectivePoint(t, y3, z3);
    }

    /// <summary>this + q where q is affine (mixed addition).</summary>
    public ProjectivePoint Add(in AffinePoint q)
    {
        if (q.IsInfinity) return this;
        if (Z.IsZero) return new ProjectivePoint(q.X, q.Y, Felt.One);
        Felt z1z1 = Z.Square();
        Felt u2 = q.X * z1z1;
        Felt s2 = q.Y * Z * z1z1;
        Felt h = u2 - X;
        Felt r = (s2 - Y).Double();
        if (h.IsZero)
        {
            return r.IsZero ? Double() : Infinity;
        }
        Felt hh = h.Square();
        Felt i = hh.Double().Double();
        Felt j = h * i;
        Felt v = X * i;
        Felt x3 = r.Square() - j - v.Double();
        Felt y3 = r * (v - x3) - (Y * j).Double();
        Felt z3 = (Z + h).Square() - z1z1 - hh;
        return new ProjectivePoint(x3, y3, z3);
    }

    /// <summary>this + q for two Jacobian points.</summary>
    public ProjectivePoint Add(in ProjectivePoint q)
    {
        if (q.Z.IsZero) return this;
        if (Z.IsZero) return q;
        Felt z1z1 = Z.Square();
        Felt z2z2 = q.Z.Square();
        Felt u1 = X * z2z2;
        Felt u2 = q.X * z1z1;
        Felt s1 = Y * q.Z * z2z2;
        Felt s2 = q.Y * Z * z1z1;
        Felt h = u2 - u1;
        Felt r = (s2 - s1).Double();
        if (h.IsZero)
        {
            return r.IsZero ? Double() : Infinity;
        }
        Felt i = h.Double().Square();
        Felt j = h * i;
        Felt v = u1 * i;
        Felt x3 = r.Square() - j - v.Double();
        Felt y3 = r * (v - x3) - (s1 * j).Double();
        Felt z3 = ((Z + q.Z).Square() - z1z1 - z2z2) * h;
        return new ProjectivePoint(x3, y3, z3);
    }

    public ProjectivePoint Negate() => new(X, -Y, Z);

    public AffinePoint ToAffine()
    {
        if (Z.IsZero) return AffinePoint.Infinity;
        Felt zInv = Z.Inverse();
        Felt zInv2 = zInv.Square();
        return new AffinePoint(X * zInv2, Y * zInv2 * zInv);
    }

    /// <summary>The affine x only (saves one multiplication).</summary>
    public Felt AffineX()
    {
        if (Z.IsZero) throw new InvalidOperationException("the point at infinity has no x");
        return X * Z.Square().Inverse();
    }

    /// <summary>Converts many points to affine with a single field inversion.</summary>
    public static void BatchToAffine(ReadOnlySpan<ProjectivePoint> points, Span<AffinePoint> output)
    {
        var zs = new Felt[points.Length];
        BatchToAffine(points, output, zs);
    }

    /// <summary>Converts many points to affine with a single field inversion, using caller-provided scratch.</summary>
    public static void BatchToAffine(ReadOnlySpan<ProjectivePoint> points, Span<AffinePoint> output, Span<Felt> scratch)
    {
        var zs = scratch[..points.Length];
        for (int i = 0; i < points.Length; i++) zs[i] = points[i].Z;
        Felt.BatchInverse(zs);
        for (int i = 0; i < points.Length; i++)
        {
            if (points[i].Z.IsZero)
            {
                output[i] = AffinePoint.Infinity;
                continue;
            }
            Felt zi = zs[i];
            Felt zi2 = zi.Square();
            output[i] = new AffinePoint(points[i].X * zi2, points[i].Y * zi2 * zi);
        }
    }

    /// <summary>Point equality (projective representations compared crosswise).</summary>
    public bool EqualsPoint(in ProjectivePoint q)
    {
        if (Z.IsZero || q.Z.IsZero) return Z.IsZero && q.Z.IsZero;
        Felt z1z1 = Z.Square(), z2z2 = q.Z.Square();
        return X * z2z2 == q.X * z1z1 && Y * q.Z * z2z2 == q.Y * Z * z1z1;
    }
}
