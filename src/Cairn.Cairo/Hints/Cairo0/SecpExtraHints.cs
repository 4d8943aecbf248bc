using System.Numerics;
using static Cairn.Cairo.Hints.Cairo0.HintMath;
using static Cairn.Cairo.Hints.Cairo0.MathHints;

namespace Cairn.Cairo.Hints.Cairo0;

/// <summary>
/// The rest of the secp / ed25519 family (ec_recover, secp256r1 slopes, bit extraction for
/// multi-scalar multiplication, ed25519 square roots, bigint division; cairo-vm.md §7.3).
/// </summary>
internal static class SecpExtraHints
{
    public const string EcDoubleSlopeV2 = "from starkware.python.math_utils import ec_double_slope\nfrom starkware.cairo.common.cairo_secp.secp_utils import pack\nSECP_P = 2**255-19\n\n# Compute the slope.\nx = pack(ids.point.x, PRIME)\ny = pack(ids.point.y, PRIME)\nvalue = slope = ec_double_slope(point=(x, y), alpha=42204101795669822316448953119945047945709099015225996174933988943478124189485, p=SECP_P)";
    public const string EcDoubleSlopeV4 = "from starkware.cairo.common.cairo_secp.secp256r1_utils import SECP256R1_ALPHA, SECP256R1_P\nfrom starkware.cairo.common.cairo_secp.secp_utils import pack\nfrom starkware.python.math_utils import ec_double_slope\n\n# Compute the slope.\nx = pack(ids.point.x, SECP256R1_P)\ny = pack(ids.point.y, SECP256R1_P)\nvalue = slope = ec_double_slope(point=(x, y), alpha=SECP256R1_ALPHA, p=SECP256R1_P)";
    public const string ComputeSlopeV2 = "from starkware.python.math_utils import line_slope\nfrom starkware.cairo.common.cairo_secp.secp_utils import pack\nSECP_P = 2**255-19\n# Compute the slope.\nx0 = pack(ids.point0.x, PRIME)\ny0 = pack(ids.point0.y, PRIME)\nx1 = pack(ids.point1.x, PRIME)\ny1 = pack(ids.point1.y, PRIME)\nvalue = slope = line_slope(point1=(x0, y0), point2=(x1, y1), p=SECP_P)";
    public const string ComputeSlopeSecp256r1V2 = "from starkware.cairo.common.cairo_secp.secp256r1_utils import SECP256R1_P\nfrom starkware.cairo.common.cairo_secp.secp_utils import pack\nfrom starkware.python.math_utils import line_slope\n\n# Compute the slope.\nx0 = pack(ids.point0.x, PRIME)\ny0 = pack(ids.point0.y, PRIME)\nx1 = pack(ids.point1.x, PRIME)\ny1 = pack(ids.point1.y, PRIME)\nvalue = slope = line_slope(point1=(x0, y0), point2=(x1, y1), p=SECP256R1_P)";
    public const string EcRecoverDivModNPacked = "from starkware.cairo.common.cairo_secp.secp_utils import pack\nfrom starkware.python.math_utils import div_mod, safe_div\n\nN = pack(ids.n, PRIME)\nx = pack(ids.x, PRIME) % N\ns = pack(ids.s, PRIME) % N\nvalue = res = div_mod(x, s, N)";
    public const string EcRecoverSubAB = "from starkware.cairo.common.cairo_secp.secp_utils import pack\nfrom starkware.python.math_utils import div_mod, safe_div\n\na = pack(ids.a, PRIME)\nb = pack(ids.b, PRIME)\n\nvalue = res = a - b";
    public const string EcRecoverProductMod = "from starkware.cairo.common.cairo_secp.secp_utils import pack\nfrom starkware.python.math_utils import div_mod, safe_div\n\na = pack(ids.a, PRIME)\nb = pack(ids.b, PRIME)\nproduct = a * b\nm = pack(ids.m, PRIME)\n\nvalue = res = product % m";
    public const string EcRecoverProductDivM = "value = k = product // m";
    public const string PackModnDivModn = "from starkware.cairo.common.cairo_secp.secp_utils import pack\nfrom starkware.python.math_utils import div_mod, safe_div\n\nN = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141\nx = pack(ids.x, PRIME) % N\ns = pack(ids.s, PRIME) % N\nvalue = res = div_mod(x, s, N)";
    public const string XsSafeDiv = "value = k = safe_div(res * s - x, N)";
    public const string HiMaxBitlen = "ids.len_hi = max(ids.scalar_u.d2.bit_length(), ids.scalar_v.d2.bit_length())-1";
    public const string QuadBit = "ids.quad_bit = (\n    8 * ((ids.scalar_v >> ids.m) & 1)\n    + 4 * ((ids.scalar_u >> ids.m) & 1)\n    + 2 * ((ids.scalar_v >> (ids.m - 1)) & 1)\n    + ((ids.scalar_u >> (ids.m - 1)) & 1)\n)";
    public const string DiBit = "ids.dibit = ((ids.scalar_u >> ids.m) & 1) + 2 * ((ids.scalar_v >> ids.m) & 1)";
    public const string ABBitand1 = "ids.a_lsb = ids.a & 1\nids.b_lsb = ids.b & 1";
    public const string SplitXx = "PRIME = 2**255 - 19\nII = pow(2, (PRIME - 1) // 4, PRIME)\n\nxx = ids.xx.low + (ids.xx.high<<128)\nx = pow(xx, (PRIME + 3) // 8, PRIME)\nif (x * x - xx) % PRIME != 0:\n    x = (x * II) % PRIME\nif x % 2 != 0:\n    x = PRIME - x\nids.x.low = x & ((1<<128)-1)\nids.x.high = x >> 128";
    public const string BigintPackDivMod = "from starkware.cairo.common.cairo_secp.secp_utils import pack\nfrom starkware.cairo.common.math_utils import as_int\nfrom starkware.python.math_utils import div_mod, safe_div\n\np = pack(ids.P, PRIME)\nx = pack(ids.x, PRIME) + as_int(ids.x.d3, PRIME) * ids.BASE ** 3 + as_int(ids.x.d4, PRIME) * ids.BASE ** 4\ny = pack(ids.y, PRIME)\n\nvalue = res = div_mod(x, y, p)";
    public const string BigintSafeDiv = "k = safe_div(res * y - x, p)\nvalue = k if k > 0 else 0 - k\nids.flag = 1 if k > 0 else 0";

    private static readonly BigInteger Ed25519Alpha = BigInteger.Parse("42204101795669822316448953119945047945709099015225996174933988943478124189485", System.Globalization.CultureInfo.InvariantCulture);

    public static void Register(Cairo0HintRegistry r)
    {
        r.Register(EcDoubleSlopeV2, static (c, ids) =>
        {
            var p = Set(c, "SECP_P", SecpHints.Ed25519P);
            Slope(c, DoubleSlope(c, SecpHints.Pack(c, ids, "point.x"), SecpHints.Pack(c, ids, "point.y"), Ed25519Alpha, p));
        });
        r.Register(EcDoubleSlopeV4, static (c, ids) =>
        {
            var p = Set(c, "SECP256R1_P", SecpHints.Secp256r1P);
            var alpha = Set(c, "SECP256R1_ALPHA", SecpHints.Secp256r1Alpha);
            // pack(…, SECP256R1_P): limbs are below the field prime's half, so no sign adjustment.
            Slope(c, DoubleSlope(c, PackUnsigned(c, ids, "point.x"), PackUnsigned(c, ids, "point.y"), alpha, p));
        });
        r.Register(ComputeSlopeV2, static (c, ids) => LineSlope(c, ids, Set(c, "SECP_P", SecpHints.Ed25519P)));
        r.Register(ComputeSlopeSecp256r1V2, static (c, ids) => LineSlope(c, ids, Set(c, "SECP256R1_P", SecpHints.Secp256r1P)));
        r.Register(EcRecoverDivModNPacked, static (c, ids) =>
        {
            var n = Set(c, "N", SecpHints.Pack(c, ids, "n"));
            DivModN(c, ids, n);
        });
        r.Register(PackModnDivModn, static (c, ids) => DivModN(c, ids, Set(c, "N", SecpHints.SecpN)));
        r.Register(XsSafeDiv, _ => new DelegateHint(static c =>
        {
            var k = SafeDiv(Scope(c, "res") * Scope(c, "s") - Scope(c, "x"), Scope(c, "N"));
            c.Scopes.Set("k", k);
            c.Scopes.Set("value", k);
        }));
        r.Register(EcRecoverSubAB, static (c, ids) =>
        {
            var a = Set(c, "a", SecpHints.Pack(c, ids, "a"));
            var b = Set(c, "b", SecpHints.Pack(c, ids, "b"));
            c.Scopes.Set("res", a - b);
            c.Scopes.Set("value", a - b);
        });
        r.Register(EcRecoverProductMod, static (c, ids) =>
        {
            var a = Set(c, "a", SecpHints.Pack(c, ids, "a"));
            var b = Set(c, "b", SecpHints.Pack(c, ids, "b"));
            var product = Set(c, "product", a * b);
            var m = Set(c, "m", SecpHints.Pack(c, ids, "m"));
            if (m.IsZero) throw new HintException("integer modulo by zero");
            var res = Mod(product, m);
            c.Scopes.Set("res", res);
            c.Scopes.Set("value", res);
        });
        r.Register(EcRecoverProductDivM, _ => new DelegateHint(static c =>
        {
            var m = Scope(c, "m");
            if (m.IsZero) throw new HintException("integer division by zero");
            var k = DivMod(Scope(c, "product"), m).Q;
            c.Scopes.Set("k", k);
            c.Scopes.Set("value", k);
        }));
        r.Register(HiMaxBitlen, static (c, ids) =>
        {
            long u = (long)IntOf(c, ids, "scalar_u.d2").GetBitLength();
            long v = (long)IntOf(c, ids, "scalar_v.d2").GetBitLength();
            ids.Set(c, "len_hi", new BigInteger(Math.Max(u, v) - 1));
        });
        r.Register(QuadBit, static (c, ids) =>
        {
            var u = IntOf(c, ids, "scalar_u");
            var v = IntOf(c, ids, "scalar_v");
            int m = Shift(IntOf(c, ids, "m"));
            if (m == 0) throw new HintException("negative shift count");
            ids.Set(c, "quad_bit", (ulong)(8 * Bit(v, m) + 4 * Bit(u, m) + 2 * Bit(v, m - 1) + Bit(u, m - 1)));
        });
        r.Register(DiBit, static (c, ids) =>
        {
            int m = Shift(IntOf(c, ids, "m"));
            ids.Set(c, "dibit", (ulong)(Bit(IntOf(c, ids, "scalar_u"), m) + 2 * Bit(IntOf(c, ids, "scalar_v"), m)));
        });
        r.Register(ABBitand1, static (c, ids) =>
        {
            ids.Set(c, "a_lsb", IntOf(c, ids, "a").IsEven ? 0UL : 1UL);
            ids.Set(c, "b_lsb", IntOf(c, ids, "b").IsEven ? 0UL : 1UL);
        });
        r.Register(SplitXx, static (c, ids) =>
        {
            var p = SecpHints.Ed25519P;
            var ii = BigInteger.ModPow(2, (p - 1) / 4, p);
            var xx = IntOf(c, ids, "xx.low") + (IntOf(c, ids, "xx.high") << 128);
            var x = BigInteger.ModPow(xx, (p + 3) / 8, p);
            if (!Mod(x * x - xx, p).IsZero) x = x * ii % p;
            if (!x.IsEven) x = p - x;
            ids.Set(c, "x.low", x & Mask128);
            ids.Set(c, "x.high", x >> 128);
        });
        r.Register(BigintPackDivMod, static (c, ids) =>
        {
            var p = Set(c, "p", SecpHints.Pack(c, ids, "P"));
            var b = ids.GetConstInt("BASE");
            var x = Set(c, "x", SecpHints.Pack(c, ids, "x") + AsInt(ids.GetFelt(c, "x.d3")) * BigInteger.Pow(b, 3) + AsInt(ids.GetFelt(c, "x.d4")) * BigInteger.Pow(b, 4));
            var y = Set(c, "y", SecpHints.Pack(c, ids, "y"));
            var res = Mod(x * Uint384Hints.Inverse(y, p), p);
            c.Scopes.Set("res", res);
            c.Scopes.Set("value", res);
        });
        r.Register(BigintSafeDiv, static (c, ids) =>
        {
            var k = SafeDiv(Scope(c, "res") * Scope(c, "y") - Scope(c, "x"), Scope(c, "p"));
            c.Scopes.Set("k", k);
            c.Scopes.Set("value", k > 0 ? k : -k);
            ids.Set(c, "flag", k > 0 ? 1UL : 0UL);
        });
    }

    private static BigInteger Set(HintContext c, string name, BigInteger value)
    {
        c.Scopes.Set(name, value);
        return value;
    }

    private static BigInteger Scope(HintContext c, string name) =>
        ScopeValues.TryGetInt(c, name, out var v) ? v : throw new HintException($"Variable {name} not present in current execution scope");

    private static BigInteger PackUnsigned(HintContext c, HintIds ids, string name) =>
        IntOf(c, ids, name + ".d0") + IntOf(c, ids, name + ".d1") * SecpHints.Base + IntOf(c, ids, name + ".d2") * SecpHints.Base * SecpHints.Base;

    private static void Slope(HintContext c, BigInteger slope)
    {
        c.Scopes.Set("slope", slope);
        c.Scopes.Set("value", slope);
    }

    /// <summary><c>ec_double_slope</c>: (3x² + α) / 2y mod p.</summary>
    private static BigInteger DoubleSlope(HintContext c, BigInteger x, BigInteger y, BigInteger alpha, BigInteger p)
    {
        c.Scopes.Set("x", x);
        c.Scopes.Set("y", y);
        if (Mod(y, p).IsZero) throw new HintException("ec_double_slope: the point has y = 0 modulo p");
        return Mod((3 * x * x + alpha) * Uint384Hints.Inverse(2 * y, p), p);
    }

    private static void LineSlope(HintContext c, HintIds ids, BigInteger p)
    {
        var x0 = Set(c, "x0", SecpHints.Pack(c, ids, "point0.x"));
        var y0 = Set(c, "y0", SecpHints.Pack(c, ids, "point0.y"));
        var x1 = Set(c, "x1", SecpHints.Pack(c, ids, "point1.x"));
        var y1 = Set(c, "y1", SecpHints.Pack(c, ids, "point1.y"));
        if (Mod(x0 - x1, p).IsZero) throw new HintException("line_slope: the points have the same x coordinate");
        Slope(c, Mod((y0 - y1) * Uint384Hints.Inverse(x0 - x1, p), p));
    }

    private static void DivModN(HintContext c, HintIds ids, BigInteger n)
    {
        var x = Set(c, "x", Mod(SecpHints.Pack(c, ids, "x"), n));
        var s = Set(c, "s", Mod(SecpHints.Pack(c, ids, "s"), n));
        var res = Mod(x * Uint384Hints.Inverse(s, n), n);
        c.Scopes.Set("res", res);
        c.Scopes.Set("value", res);
    }

    /// <summary><c>safe_div(x, y)</c>: exact division or an error.</summary>
    private static BigInteger SafeDiv(BigInteger x, BigInteger y)
    {
        if (y.IsZero) throw new HintException("integer division by zero");
        var (q, rem) = DivMod(x, y);
        if (!rem.IsZero) throw new HintException($"{x} is not divisible by {y}.");
        return q;
    }

    private static int Shift(BigInteger m) => m <= 1 << 20 ? (int)m : throw new HintException($"shift count {m} is too large");

    private static int Bit(BigInteger v, int shift) => ((v >> shift) & 1).IsZero ? 0 : 1;
}
