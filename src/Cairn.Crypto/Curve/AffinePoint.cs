using Cairn.Primitives;

namespace Cairn.Crypto.Curve;

/// <summary>A point of the Stark curve in affine coordinates, or the point at infinity.</summary>
public readonly struct AffinePoint : IEquatable<AffinePoint>
{
    public readonly Felt X;
    public readonly Felt Y;
    public readonly bool IsInfinity;

    public AffinePoint(Felt x, Felt y)
    {
        X = x;
        Y = y;
        IsInfinity = false;
    }

    private AffinePoint(bool infinity)
    {
        X = default;
        Y = default;
        IsInfinity = infinity;
    }

    public static AffinePoint Infinity => new(true);

    /// <summary>True when the point satisfies y² = x³ + αx + β (infinity counts as on the curve).</summary>
    public bool IsOnCurve => IsInfinity || Y.Square() == (X.Square() + StarkCurve.Alpha) * X + StarkCurve.Beta;

    public AffinePoint Negate() => IsInfinity ? this : new AffinePoint(X, -Y);

    public ProjectivePoint ToProjective() => IsInfinity ? ProjectivePoint.Infinity : new ProjectivePoint(X, Y, Felt.One);

    public bool Equals(AffinePoint other) =>
        IsInfinity ? other.IsInfinity : !other.IsInfinity && X == other.X && Y == other.Y;

    public override bool Equals(object? obj) => obj is AffinePoint p && Equals(p);

    public override int GetHashCode() => IsInfinity ? 0 : HashCode.Combine(X, Y);

    public static bool operator ==(AffinePoint a, AffinePoint b) => a.Equals(b);

    public static bool operator !=(AffinePoint a, AffinePoint b) => !a.Equals(b);

    public override string ToString() => IsInfinity ? "(infinity)" : $"({X}, {Y})";
}
