using System.Numerics;
using Cairn.Primitives;

namespace Cairn.Crypto.Curve;

/// <summary>
/// The Stark curve y² = x³ + α·x + β over the Stark field (shared/spec/starknet.md §2.1).
/// </summary>
public static class StarkCurve
{
    public static readonly Felt Alpha = Felt.One;

    public static readonly Felt Beta = Felt.Parse("0x6f21413efbe40de150e596d72f7a8c5609ad26c15c915c1f4cdfcb99cee9e89");

    /// <summary>The order N of the generator (the curve has cofactor 1).</summary>
    public static readonly Felt Order = Felt.Parse("0x800000000000010ffffffffffffffffb781126dcae7b2321e66a241adc64d2f");

    public static readonly BigInteger OrderInteger = Order.ToBigInteger();

    public static readonly AffinePoint Generator = new(
        Felt.Parse("0x1ef15c18599971b7beced415a40f0c7deacfd9b0d1819e03d723d8bc943cfca"),
        Felt.Parse("0x5668060aa49730b7be4801df46ec62de53ecd11abe43a32873000c36e8dc1f"));

    private static readonly Lazy<FixedBaseTable> GeneratorTableLazy = new(() => new FixedBaseTable(Generator, 252));

    public static FixedBaseTable GeneratorTable => GeneratorTableLazy.Value;

    /// <summary>y² for a given x: x³ + αx + β.</summary>
    public static Felt RightHandSide(Felt x) => (x.Square() + Alpha) * x + Beta;

    /// <summary>True when some point of the curve has this x.</summary>
    public static bool IsOnCurveX(Felt x) => RightHandSide(x).IsQuadraticResidue();

    /// <summary>
    /// Recovers a y for x (the one whose integer is smaller; the other is −y). False when x is not on the curve.
    /// </summary>
    public static bool TryRecoverY(Felt x, out Felt y) => RightHandSide(x).TrySqrt(out y);

    /// <summary>The point with this x whose y is even (parity false) or odd (parity true).</summary>
    public static bool TryDecompress(Felt x, bool oddY, out AffinePoint point)
    {
        point = default;
        if (!TryRecoverY(x, out var y)) return false;
        y.ToLimbs(out var l0, out _, out _, out _);
        if (((l0 & 1) != 0) != oddY) y = -y;
        point = new AffinePoint(x, y);
        return true;
    }

    /// <summary>k·G with the precomputed generator table.</summary>
    public static ProjectivePoint MultiplyGenerator(Felt scalar) => GeneratorTable.Multiply(scalar);

    /// <summary>
    /// k·P for any point (k the canonical integer of the felt): width-5 wNAF over the odd multiples
    /// P, 3P, …, 15P, brought to affine with one inversion so each addition is a mixed one.
    /// </summary>
    public static ProjectivePoint Multiply(in AffinePoint p, Felt scalar)
    {
        if (p.IsInfinity || scalar.IsZero) return ProjectivePoint.Infinity;
        const int tableSize = 8; // odd multiples 1, 3, …, 15
        Span<ProjectivePoint> odd = stackalloc ProjectivePoint[tableSize];
        odd[0] = p.ToProjective();
        var twoP = odd[0].Double();
        for (int i = 1; i < tableSize; i++) odd[i] = odd[i - 1].Add(twoP);
        Span<AffinePoint> table = stackalloc AffinePoint[tableSize];
        Span<Felt> scratch = stackalloc Felt[tableSize];
        ProjectivePoint.BatchToAffine(odd, table, scratch);

        Span<sbyte> naf = stackalloc sbyte[257];
        int length = Wnaf(scalar, naf);
        var acc = ProjectivePoint.Infinity;
        for (int i = length - 1; i >= 0; i--)
        {
            acc = acc.Double();
            int d = naf[i];
            if (d > 0) acc = acc.Add(table[d >> 1]);
            else if (d < 0) acc = acc.Add(table[(-d) >> 1].Negate());
        }
        return acc;
    }

    /// <summary>Width-5 non-adjacent form: digits in {0, ±1, ±3, …, ±15}, least significant first.</summary>
    private static int Wnaf(Felt scalar, Span<sbyte> digits)
    {
        scalar.ToLimbs(out var l0, out var l1, out var l2, out var l3);
        // A 5th limb absorbs the carry of negative digits.
        ulong l4 = 0;
        int i = 0;
        while ((l0 | l1 | l2 | l3 | l4) != 0)
        {
            int d = 0;
            if ((l0 & 1) != 0)
            {
                d = (int)(l0 & 31);
                if (d > 16) d -= 32;
                // k −= d
                if (d > 0)
                {
                    ulong dd = (ulong)d;
                    ulong b = l0 < dd ? 1UL : 0UL;
                    l0 -= dd;
                    if (b != 0) { b = l1 == 0 ? 1UL : 0UL; l1--; if (b != 0) { b = l2 == 0 ? 1UL : 0UL; l2--; if (b != 0) { b = l3 == 0 ? 1UL : 0UL; l3--; if (b != 0) l4--; } } }
                }
                else
                {
                    ulong dd = (ulong)(-d);
                    ulong s0 = l0 + dd;
                    ulong c = s0 < l0 ? 1UL : 0UL;
                    l0 = s0;
                    if (c != 0) { l1++; if (l1 == 0) { l2++; if (l2 == 0) { l3++; if (l3 == 0) l4++; } } }
                }
            }
            digits[i++] = (sbyte)d;
            // k >>= 1
            l0 = (l0 >> 1) | (l1 << 63);
            l1 = (l1 >> 1) | (l2 << 63);
            l2 = (l2 >> 1) | (l3 << 63);
            l3 = (l3 >> 1) | (l4 << 63);
            l4 >>= 1;
        }
        return i;
    }

    /// <summary>
    /// x(k·Q) from x(Q) alone (Brier–Joye x-only Montgomery ladder): the sign of Q's y does not matter.
    /// Returns false when k·Q is infinity. x must be the x of a curve point.
    /// </summary>
    public static bool TryMultiplyX(Felt x, Felt scalar, out Felt resultX)
    {
        resultX = default;
        if (scalar.IsZero) return false;
        scalar.ToLimbs(out var l0, out var l1, out var l2, out var l3);
        Span<ulong> limbs = [l0, l1, l2, l3];
        // R0 = O = (1 : 0), R1 = Q = (x : 1); invariant R1 − R0 = Q.
        Felt x0 = Felt.One, z0 = Felt.Zero, x1 = x, z1 = Felt.One;
        int top = scalar.BitLength - 1;
        Felt b4 = Beta.Double().Double();
        for (int i = top; i >= 0; i--)
        {
            bool bit = ((limbs[i >> 6] >> (i & 63)) & 1) != 0;
            if (bit)
            {
                DiffAdd(x0, z0, x1, z1, x, b4, out var ax, out var az);
                Dbl(x1, z1, out x1, out z1);
                x0 = ax; z0 = az;
            }
            else
            {
                DiffAdd(x0, z0, x1, z1, x, b4, out var ax, out var az);
                Dbl(x0, z0, out x0, out z0);
                x1 = ax; z1 = az;
            }
        }
        if (z0.IsZero) return false;
        resultX = x0 / z0;
        return true;
    }

    // X2 = (X² − aZ²)² − 8b·XZ·Z², Z2 = 4(XZ·(X² + aZ²) + b·Z⁴), a = 1: nine multiplications.
    private static void Dbl(Felt x, Felt z, out Felt xr, out Felt zr)
    {
        Felt xx = x.Square();
        Felt zz = z.Square();
        Felt xz = x * z;
        xr = (xx - zz).Square() - (Beta * (xz * zz)).Double().Double().Double();
        zr = (xz * (xx + zz) + Beta * zz.Square()).Double().Double();
    }

    // With R1 − R0 = Q = (xq : 1): X3 = 2(X0Z1 + X1Z0)(X0X1 + aZ0Z1) + 4b·Z0²Z1² − xq(X0Z1 − X1Z0)², Z3 = (X0Z1 − X1Z0)².
    private static void DiffAdd(Felt x0, Felt z0, Felt x1, Felt z1, Felt xq, Felt b4, out Felt xr, out Felt zr)
    {
        Felt x0z1 = x0 * z1;
        Felt x1z0 = x1 * z0;
        Felt z0z1 = z0 * z1;
        Felt d = (x0z1 - x1z0).Square();
        xr = ((x0z1 + x1z0) * (x0 * x1 + z0z1)).Double() + b4 * z0z1.Square() - xq * d;
        zr = d;
    }
}
