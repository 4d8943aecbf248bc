using System.Globalization;
using System.Numerics;
using static Cairn.Cairo.Hints.Cairo0.HintMath;

namespace Cairn.Cairo.Hints.Cairo0;

/// <summary>
/// secp256k1 / secp256r1 / ed25519 field and curve helpers on BigInt3 (cairo_secp/*.cairo;
/// cairo-vm.md §7.3). As in Python, values the hints compute (<c>value</c>, <c>x</c>, <c>slope</c>, …)
/// and the constants they import (<c>SECP_P</c>, <c>N</c>, <c>ALPHA</c>) live in the current scope.
/// </summary>
internal static class SecpHints
{
    public const string NondetBigint3V1 = "from starkware.cairo.common.cairo_secp.secp_utils import split\n\nsegments.write_arg(ids.res.address_, split(value))";
    public const string NondetBigint3V2 = "from starkware.cairo.common.cairo_secp.secp_utils import split\nsegments.write_arg(ids.res.address_, split(value))";
    public const string VerifyZeroV1 = "from starkware.cairo.common.cairo_secp.secp_utils import SECP_P, pack\n\nq, r = divmod(pack(ids.val, PRIME), SECP_P)\nassert r == 0, f\"verify_zero: Invalid input {ids.val.d0, ids.val.d1, ids.val.d2}.\"\nids.q = q % PRIME";
    public const string VerifyZeroV2 = "from starkware.cairo.common.cairo_secp.secp_utils import SECP_P\nq, r = divmod(pack(ids.val, PRIME), SECP_P)\nassert r == 0, f\"verify_zero: Invalid input {ids.val.d0, ids.val.d1, ids.val.d2}.\"\nids.q = q % PRIME";
    public const string VerifyZeroV3 = "from starkware.cairo.common.cairo_secp.secp_utils import pack\nSECP_P = 2**255-19\nto_assert = pack(ids.val, PRIME)\nq, r = divmod(pack(ids.val, PRIME), SECP_P)\nassert r == 0, f\"verify_zero: Invalid input {ids.val.d0, ids.val.d1, ids.val.d2}.\"\nids.q = q % PRIME";
    public const string VerifyZeroExternalSecp = "from starkware.cairo.common.cairo_secp.secp_utils import pack\n\nq, r = divmod(pack(ids.val, PRIME), SECP_P)\nassert r == 0, f\"verify_zero: Invalid input {ids.val.d0, ids.val.d1, ids.val.d2}.\"\nids.q = q % PRIME";
    public const string ReduceV1 = "from starkware.cairo.common.cairo_secp.secp_utils import SECP_P, pack\n\nvalue = pack(ids.x, PRIME) % SECP_P";
    public const string ReduceV2 = "from starkware.cairo.common.cairo_secp.secp_utils import pack\nvalue = pack(ids.x, PRIME) % SECP_P";
    public const string ReduceEd25519 = "from starkware.cairo.common.cairo_secp.secp_utils import pack\nSECP_P=2**255-19\n\nvalue = pack(ids.x, PRIME) % SECP_P";
    public const string IsZeroNondet = "memory[ap] = to_felt_or_relocatable(x == 0)";
    public const string IsZeroInt = "memory[ap] = int(x == 0)";
    public const string IsZeroPackV1 = "from starkware.cairo.common.cairo_secp.secp_utils import SECP_P, pack\n\nx = pack(ids.x, PRIME) % SECP_P";
    public const string IsZeroPackV2 = "from starkware.cairo.common.cairo_secp.secp_utils import SECP_P, pack\nx = pack(ids.x, PRIME) % SECP_P";
    public const string IsZeroPackExternalSecpV1 = "from starkware.cairo.common.cairo_secp.secp_utils import pack\n\nx = pack(ids.x, PRIME) % SECP_P";
    public const string IsZeroPackExternalSecpV2 = "from starkware.cairo.common.cairo_secp.secp_utils import pack\nx = pack(ids.x, PRIME) % SECP_P";
    public const string IsZeroPackEd25519 = "from starkware.cairo.common.cairo_secp.secp_utils import pack\nSECP_P=2**255-19\n\nx = pack(ids.x, PRIME) % SECP_P";
    public const string IsZeroAssignScopeVars = "from starkware.cairo.common.cairo_secp.secp_utils import SECP_P\nfrom starkware.python.math_utils import div_mod\n\nvalue = x_inv = div_mod(1, x, SECP_P)";
    public const string IsZeroAssignScopeVarsExternalSecp = "from starkware.python.math_utils import div_mod\n\nvalue = x_inv = div_mod(1, x, SECP_P)";
    public const string IsZeroAssignScopeVarsEd25519 = "SECP_P=2**255-19\nfrom starkware.python.math_utils import div_mod\n\nvalue = x_inv = div_mod(1, x, SECP_P)";
    public const string DivModNPackedDivmodV1 = "from starkware.cairo.common.cairo_secp.secp_utils import N, pack\nfrom starkware.python.math_utils import div_mod, safe_div\n\na = pack(ids.a, PRIME)\nb = pack(ids.b, PRIME)\nvalue = res = div_mod(a, b, N)";
    public const string DivModNPackedDivmodExternalN = "from starkware.cairo.common.cairo_secp.secp_utils import pack\nfrom starkware.python.math_utils import div_mod, safe_div\n\na = pack(ids.a, PRIME)\nb = pack(ids.b, PRIME)\nvalue = res = div_mod(a, b, N)";
    public const string DivModNSafeDiv = "value = k = safe_div(res * b - a, N)";
    public const string DivModNSafeDivPlusOne = "value = k_plus_one = safe_div(res * b - a, N) + 1";
    public const string GetPointFromX = "from starkware.cairo.common.cairo_secp.secp_utils import SECP_P, pack\n\nx_cube_int = pack(ids.x_cube, PRIME) % SECP_P\ny_square_int = (x_cube_int + ids.BETA) % SECP_P\ny = pow(y_square_int, (SECP_P + 1) // 4, SECP_P)\n\n# We need to decide whether to take y or SECP_P - y.\nif ids.v % 2 == y % 2:\n    value = y\nelse:\n    value = (-y) % SECP_P";
    public const string EcNegate = "from starkware.cairo.common.cairo_secp.secp_utils import SECP_P, pack\n\ny = pack(ids.point.y, PRIME) % SECP_P\n# The modulo operation in python always returns a nonnegative number.\nvalue = (-y) % SECP_P";
    public const string EcNegateEmbeddedSecp = "from starkware.cairo.common.cairo_secp.secp_utils import pack\nSECP_P = 2**255-19\n\ny = pack(ids.point.y, PRIME) % SECP_P\n# The modulo operation in python always returns a nonnegative number.\nvalue = (-y) % SECP_P";
    public const string EcDoubleSlopeV1 = "from starkware.cairo.common.cairo_secp.secp_utils import SECP_P, pack\nfrom starkware.python.math_utils import ec_double_slope\n\n# Compute the slope.\nx = pack(ids.point.x, PRIME)\ny = pack(ids.point.y, PRIME)\nvalue = slope = ec_double_slope(point=(x, y), alpha=0, p=SECP_P)";
    public const string EcDoubleSlopeV3 = "from starkware.cairo.common.cairo_secp.secp_utils import SECP_P, pack\nfrom starkware.python.math_utils import div_mod\n\n# Compute the slope.\nx = pack(ids.pt.x, PRIME)\ny = pack(ids.pt.y, PRIME)\nvalue = slope = div_mod(3 * x ** 2, 2 * y, SECP_P)";
    public const string EcDoubleSlopeExternalConsts = "from starkware.cairo.common.cairo_secp.secp_utils import pack\nfrom starkware.python.math_utils import ec_double_slope\n\n# Compute the slope.\nx = pack(ids.point.x, PRIME)\ny = pack(ids.point.y, PRIME)\nvalue = slope = ec_double_slope(point=(x, y), alpha=ALPHA, p=SECP_P)";
    public const string ComputeSlopeV1 = "from starkware.cairo.common.cairo_secp.secp_utils import SECP_P, pack\nfrom starkware.python.math_utils import line_slope\n\n# Compute the slope.\nx0 = pack(ids.point0.x, PRIME)\ny0 = pack(ids.point0.y, PRIME)\nx1 = pack(ids.point1.x, PRIME)\ny1 = pack(ids.point1.y, PRIME)\nvalue = slope = line_slope(point1=(x0, y0), point2=(x1, y1), p=SECP_P)";
    public const string ComputeSlopeSecp256r1V1 = "from starkware.cairo.common.cairo_secp.secp_utils import pack\nfrom starkware.python.math_utils import line_slope\n\n# Compute the slope.\nx0 = pack(ids.point0.x, PRIME)\ny0 = pack(ids.point0.y, PRIME)\nx1 = pack(ids.point1.x, PRIME)\ny1 = pack(ids.point1.y, PRIME)\nvalue = slope = line_slope(point1=(x0, y0), point2=(x1, y1), p=SECP_P)";
    public const string ComputeSlopeWhitelist = "from starkware.cairo.common.cairo_secp.secp_utils import SECP_P, pack\nfrom starkware.python.math_utils import div_mod\n\n# Compute the slope.\nx0 = pack(ids.pt0.x, PRIME)\ny0 = pack(ids.pt0.y, PRIME)\nx1 = pack(ids.pt1.x, PRIME)\ny1 = pack(ids.pt1.y, PRIME)\nvalue = slope = div_mod(y0 - y1, x0 - x1, SECP_P)";
    public const string EcDoubleAssignNewXV1 = "from starkware.cairo.common.cairo_secp.secp_utils import SECP_P, pack\n\nslope = pack(ids.slope, PRIME)\nx = pack(ids.point.x, PRIME)\ny = pack(ids.point.y, PRIME)\n\nvalue = new_x = (pow(slope, 2, SECP_P) - 2 * x) % SECP_P";
    public const string EcDoubleAssignNewXV2 = "from starkware.cairo.common.cairo_secp.secp_utils import pack\n\nslope = pack(ids.slope, PRIME)\nx = pack(ids.point.x, PRIME)\ny = pack(ids.point.y, PRIME)\n\nvalue = new_x = (pow(slope, 2, SECP_P) - 2 * x) % SECP_P";
    public const string EcDoubleAssignNewXV3 = "from starkware.cairo.common.cairo_secp.secp_utils import pack\nSECP_P = 2**255-19\n\nslope = pack(ids.slope, PRIME)\nx = pack(ids.point.x, PRIME)\ny = pack(ids.point.y, PRIME)\n\nvalue = new_x = (pow(slope, 2, SECP_P) - 2 * x) % SECP_P";
    public const string EcDoubleAssignNewXV4 = "from starkware.cairo.common.cairo_secp.secp_utils import SECP_P, pack\n\nslope = pack(ids.slope, PRIME)\nx = pack(ids.pt.x, PRIME)\ny = pack(ids.pt.y, PRIME)\n\nvalue = new_x = (pow(slope, 2, SECP_P) - 2 * x) % SECP_P";
    public const string EcDoubleAssignNewY = "value = new_y = (slope * (x - new_x) - y) % SECP_P";
    public const string FastEcAddAssignNewX = "from starkware.cairo.common.cairo_secp.secp_utils import SECP_P, pack\n\nslope = pack(ids.slope, PRIME)\nx0 = pack(ids.point0.x, PRIME)\nx1 = pack(ids.point1.x, PRIME)\ny0 = pack(ids.point0.y, PRIME)\n\nvalue = new_x = (pow(slope, 2, SECP_P) - x0 - x1) % SECP_P";
    public const string FastEcAddAssignNewXV2 = "from starkware.cairo.common.cairo_secp.secp_utils import pack\nSECP_P = 2**255-19\n\nslope = pack(ids.slope, PRIME)\nx0 = pack(ids.point0.x, PRIME)\nx1 = pack(ids.point1.x, PRIME)\ny0 = pack(ids.point0.y, PRIME)\n\nvalue = new_x = (pow(slope, 2, SECP_P) - x0 - x1) % SECP_P";
    public const string FastEcAddAssignNewXV3 = "from starkware.cairo.common.cairo_secp.secp_utils import SECP_P, pack\n\nslope = pack(ids.slope, PRIME)\nx0 = pack(ids.pt0.x, PRIME)\nx1 = pack(ids.pt1.x, PRIME)\ny0 = pack(ids.pt0.y, PRIME)\n\nvalue = new_x = (pow(slope, 2, SECP_P) - x0 - x1) % SECP_P";
    public const string SquareSlopeXModP = "from starkware.cairo.common.cairo_secp.secp_utils import pack\n\nslope = pack(ids.slope, PRIME)\nx0 = pack(ids.point0.x, PRIME)\nx1 = pack(ids.point1.x, PRIME)\ny0 = pack(ids.point0.y, PRIME)\n\nvalue = new_x = (pow(slope, 2, SECP_P) - x0 - x1) % SECP_P";
    public const string FastEcAddAssignNewY = "value = new_y = (slope * (x0 - new_x) - y0) % SECP_P";
    public const string ImportSecp256r1P = "from starkware.cairo.common.cairo_secp.secp256r1_utils import SECP256R1_P as SECP_P";
    public const string ImportSecp256r1Alpha = "from starkware.cairo.common.cairo_secp.secp256r1_utils import SECP256R1_ALPHA as ALPHA";
    public const string ImportSecp256r1N = "from starkware.cairo.common.cairo_secp.secp256r1_utils import SECP256R1_N as N";

    /// <summary>secp256k1 field prime 2^256 − 2^32 − 977.</summary>
    public static readonly BigInteger SecpP = (BigInteger.One << 256) - (BigInteger.One << 32) - 977;

    /// <summary>secp256k1 group order.</summary>
    public static readonly BigInteger SecpN = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    /// <summary>ed25519 field prime 2^255 − 19.</summary>
    public static readonly BigInteger Ed25519P = (BigInteger.One << 255) - 19;

    public static readonly BigInteger Secp256r1P = BigInteger.Parse("0FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF", NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    public static readonly BigInteger Secp256r1N = BigInteger.Parse("0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    public static readonly BigInteger Secp256r1Alpha = BigInteger.Parse("0FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFC", NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    /// <summary>BigInt3 limb base 2^86.</summary>
    public static readonly BigInteger Base = BigInteger.One << 86;

    public static void Register(Cairo0HintRegistry r)
    {
        r.Register(NondetBigint3V1, NondetBigint3);
        r.Register(NondetBigint3V2, NondetBigint3);
        r.Register(VerifyZeroV1, static (c, ids) => VerifyZero(c, ids, Import(c, "SECP_P", SecpP)));
        r.Register(VerifyZeroV2, static (c, ids) => VerifyZero(c, ids, Import(c, "SECP_P", SecpP)));
        r.Register(VerifyZeroV3, static (c, ids) => VerifyZero(c, ids, Import(c, "SECP_P", Ed25519P)));
        r.Register(VerifyZeroExternalSecp, static (c, ids) => VerifyZero(c, ids, Scope(c, "SECP_P")));
        r.Register(ReduceV1, static (c, ids) => Assign(c, "value", Mod(Pack(c, ids, "x"), Import(c, "SECP_P", SecpP))));
        r.Register(ReduceV2, static (c, ids) => Assign(c, "value", Mod(Pack(c, ids, "x"), Scope(c, "SECP_P"))));
        r.Register(ReduceEd25519, static (c, ids) => Assign(c, "value", Mod(Pack(c, ids, "x"), Import(c, "SECP_P", Ed25519P))));
        r.Register(IsZeroNondet, _ => new DelegateHint(static c => c.Memory.Insert(c.Ap, ToFelt(Scope(c, "x").IsZero))));
        r.Register(IsZeroInt, _ => new DelegateHint(static c => c.Memory.Insert(c.Ap, ToFelt(Scope(c, "x").IsZero))));
        r.Register(IsZeroPackV1, static (c, ids) => Assign(c, "x", Mod(Pack(c, ids, "x"), Import(c, "SECP_P", SecpP))));
        r.Register(IsZeroPackV2, static (c, ids) => Assign(c, "x", Mod(Pack(c, ids, "x"), Import(c, "SECP_P", SecpP))));
        r.Register(IsZeroPackExternalSecpV1, static (c, ids) => Assign(c, "x", Mod(Pack(c, ids, "x"), Scope(c, "SECP_P"))));
        r.Register(IsZeroPackExternalSecpV2, static (c, ids) => Assign(c, "x", Mod(Pack(c, ids, "x"), Scope(c, "SECP_P"))));
        r.Register(IsZeroPackEd25519, static (c, ids) => Assign(c, "x", Mod(Pack(c, ids, "x"), Import(c, "SECP_P", Ed25519P))));
        r.Register(IsZeroAssignScopeVars, _ => new DelegateHint(static c => AssignInverse(c, Import(c, "SECP_P", SecpP))));
        r.Register(IsZeroAssignScopeVarsExternalSecp, _ => new DelegateHint(static c => AssignInverse(c, Scope(c, "SECP_P"))));
        r.Register(IsZeroAssignScopeVarsEd25519, _ => new DelegateHint(static c => AssignInverse(c, Import(c, "SECP_P", Ed25519P))));
        r.Register(DivModNPackedDivmodV1, static (c, ids) => DivModN(c, ids, Import(c, "N", SecpN)));
        r.Register(DivModNPackedDivmodExternalN, static (c, ids) => DivModN(c, ids, Scope(c, "N")));
        r.Register(DivModNSafeDiv, _ => new DelegateHint(static c => Assign(c, "value", SafeDivK(c), "k")));
        r.Register(DivModNSafeDivPlusOne, _ => new DelegateHint(static c => Assign(c, "value", SafeDivK(c) + 1, "k_plus_one")));
        r.Register(GetPointFromX, static (c, ids) =>
        {
            var p = Import(c, "SECP_P", SecpP);
            var xCube = Mod(Pack(c, ids, "x_cube"), p);
            var ySquare = Mod(xCube + ids.GetConstInt("BETA"), p);
            var y = BigInteger.ModPow(ySquare, (p + 1) / 4, p);
            c.Scopes.Set("x_cube_int", xCube);
            c.Scopes.Set("y_square_int", ySquare);
            c.Scopes.Set("y", y);
            bool sameParity = ids.GetInt(c, "v").IsEven == y.IsEven;
            c.Scopes.Set("value", sameParity ? y : Mod(-y, p));
        });
        r.Register(EcNegate, static (c, ids) => Negate(c, ids, Import(c, "SECP_P", SecpP)));
        r.Register(EcNegateEmbeddedSecp, static (c, ids) => Negate(c, ids, Import(c, "SECP_P", Ed25519P)));
        r.Register(EcDoubleSlopeV1, static (c, ids) => DoubleSlope(c, ids, "point", 0, Import(c, "SECP_P", SecpP)));
        r.Register(EcDoubleSlopeV3, static (c, ids) => DoubleSlope(c, ids, "pt", 0, Import(c, "SECP_P", SecpP)));
        r.Register(EcDoubleSlopeExternalConsts, static (c, ids) => DoubleSlope(c, ids, "point", Scope(c, "ALPHA"), Scope(c, "SECP_P")));
        r.Register(ComputeSlopeV1, static (c, ids) => LineSlope(c, ids, "point0", "point1", Import(c, "SECP_P", SecpP)));
        r.Register(ComputeSlopeSecp256r1V1, static (c, ids) => LineSlope(c, ids, "point0", "point1", Scope(c, "SECP_P")));
        r.Register(ComputeSlopeWhitelist, static (c, ids) => LineSlope(c, ids, "pt0", "pt1", Import(c, "SECP_P", SecpP)));
        r.Register(EcDoubleAssignNewXV1, static (c, ids) => DoubleNewX(c, ids, "point", Import(c, "SECP_P", SecpP)));
        r.Register(EcDoubleAssignNewXV2, static (c, ids) => DoubleNewX(c, ids, "point", Scope(c, "SECP_P")));
        r.Register(EcDoubleAssignNewXV3, static (c, ids) => DoubleNewX(c, ids, "point", Import(c, "SECP_P", Ed25519P)));
        r.Register(EcDoubleAssignNewXV4, static (c, ids) => DoubleNewX(c, ids, "pt", Import(c, "SECP_P", SecpP)));
        r.Register(EcDoubleAssignNewY, _ => new DelegateHint(static c =>
            Assign(c, "value", Mod(Scope(c, "slope") * (Scope(c, "x") - Scope(c, "new_x")) - Scope(c, "y"), Scope(c, "SECP_P")), "new_y")));
        r.Register(FastEcAddAssignNewX, static (c, ids) => AddNewX(c, ids, "point0", "point1", Import(c, "SECP_P", SecpP)));
        r.Register(FastEcAddAssignNewXV2, static (c, ids) => AddNewX(c, ids, "point0", "point1", Import(c, "SECP_P", Ed25519P)));
        r.Register(FastEcAddAssignNewXV3, static (c, ids) => AddNewX(c, ids, "pt0", "pt1", Import(c, "SECP_P", SecpP)));
        r.Register(SquareSlopeXModP, static (c, ids) => AddNewX(c, ids, "point0", "point1", Scope(c, "SECP_P")));
        r.Register(FastEcAddAssignNewY, _ => new DelegateHint(static c =>
            Assign(c, "value", Mod(Scope(c, "slope") * (Scope(c, "x0") - Scope(c, "new_x")) - Scope(c, "y0"), Scope(c, "SECP_P")), "new_y")));
        r.Register(ImportSecp256r1P, _ => new DelegateHint(static c => c.Scopes.Set("SECP_P", Secp256r1P)));
        r.Register(ImportSecp256r1Alpha, _ => new DelegateHint(static c => c.Scopes.Set("ALPHA", Secp256r1Alpha)));
        r.Register(ImportSecp256r1N, _ => new DelegateHint(static c => c.Scopes.Set("N", Secp256r1N)));
    }

    /// <summary><c>pack(ids.name, PRIME)</c>: Σ as_int(d_i) · BASE^i.</summary>
    public static BigInteger Pack(HintContext c, HintIds ids, string name) =>
        AsInt(ids.GetFelt(c, name + ".d0")) + AsInt(ids.GetFelt(c, name + ".d1")) * Base + AsInt(ids.GetFelt(c, name + ".d2")) * Base * Base;

    /// <summary><c>split(num)</c>: three limbs base 2^86; the number must fit.</summary>
    public static BigInteger[] Split(BigInteger num)
    {
        var limbs = new BigInteger[3];
        for (int i = 0; i < 3; i++) (num, limbs[i]) = DivMod(num, Base);
        if (!num.IsZero) throw new HintException("assert num == 0 failed: the value does not fit in three 86-bit limbs");
        return limbs;
    }

    /// <summary>A scope integer (<c>value</c>, <c>SECP_P</c>, …) that an earlier hint set.</summary>
    private static BigInteger Scope(HintContext c, string name) =>
        ScopeValues.TryGetInt(c, name, out var v) ? v : throw new HintException($"Variable {name} not present in current execution scope");

    /// <summary>An import (or assignment) of a constant into the scope, as the Python hint does.</summary>
    private static BigInteger Import(HintContext c, string name, BigInteger value)
    {
        c.Scopes.Set(name, value);
        return value;
    }

    private static void Assign(HintContext c, string name, BigInteger value, string? alias = null)
    {
        c.Scopes.Set(name, value);
        if (alias is not null) c.Scopes.Set(alias, value);
    }

    /// <summary><c>div_mod(n, m, p)</c>: n / m modulo p.</summary>
    private static BigInteger DivModP(BigInteger n, BigInteger m, BigInteger p) => Mod(n * Uint384Hints.Inverse(m, p), p);

    private static void NondetBigint3(HintContext c, HintIds ids)
    {
        var limbs = Split(Scope(c, "value"));
        ScopeValues.WriteArg(c, ids.GetStructAddress(c, "res"), limbs.Select(static l => new Memory.MaybeRelocatable(ToFelt(l))));
    }

    private static void VerifyZero(HintContext c, HintIds ids, BigInteger p)
    {
        var (q, rem) = DivMod(Pack(c, ids, "val"), p);
        if (!rem.IsZero)
        {
            throw new HintException($"verify_zero: Invalid input ({ids.GetFelt(c, "val.d0").ToDecimalString()}, {ids.GetFelt(c, "val.d1").ToDecimalString()}, {ids.GetFelt(c, "val.d2").ToDecimalString()}).");
        }
        ids.Set(c, "q", q);
    }

    private static void AssignInverse(HintContext c, BigInteger p)
    {
        var inv = DivModP(1, Scope(c, "x"), p);
        Assign(c, "value", inv, "x_inv");
    }

    private static void DivModN(HintContext c, HintIds ids, BigInteger n)
    {
        var a = Pack(c, ids, "a");
        var b = Pack(c, ids, "b");
        c.Scopes.Set("a", a);
        c.Scopes.Set("b", b);
        Assign(c, "value", DivModP(a, b, n), "res");
    }

    /// <summary><c>safe_div(res * b - a, N)</c>.</summary>
    private static BigInteger SafeDivK(HintContext c)
    {
        var x = Scope(c, "res") * Scope(c, "b") - Scope(c, "a");
        var n = Scope(c, "N");
        var (q, rem) = DivMod(x, n);
        if (!rem.IsZero) throw new HintException($"{x} is not divisible by {n}.");
        return q;
    }

    private static void Negate(HintContext c, HintIds ids, BigInteger p)
    {
        var y = Mod(Pack(c, ids, "point.y"), p);
        c.Scopes.Set("y", y);
        c.Scopes.Set("value", Mod(-y, p));
    }

    private static void DoubleSlope(HintContext c, HintIds ids, string point, BigInteger alpha, BigInteger p)
    {
        var x = Pack(c, ids, point + ".x");
        var y = Pack(c, ids, point + ".y");
        c.Scopes.Set("x", x);
        c.Scopes.Set("y", y);
        if (Mod(y, p).IsZero) throw new HintException("ec_double_slope: the point has y = 0 modulo p");
        Assign(c, "value", DivModP(3 * x * x + alpha, 2 * y, p), "slope");
    }

    private static void LineSlope(HintContext c, HintIds ids, string point0, string point1, BigInteger p)
    {
        var x0 = Pack(c, ids, point0 + ".x");
        var y0 = Pack(c, ids, point0 + ".y");
        var x1 = Pack(c, ids, point1 + ".x");
        var y1 = Pack(c, ids, point1 + ".y");
        c.Scopes.Set("x0", x0);
        c.Scopes.Set("y0", y0);
        c.Scopes.Set("x1", x1);
        c.Scopes.Set("y1", y1);
        if (Mod(x0 - x1, p).IsZero) throw new HintException("line_slope: the points have the same x coordinate");
        Assign(c, "value", DivModP(y0 - y1, x0 - x1, p), "slope");
    }

    private static void DoubleNewX(HintContext c, HintIds ids, string point, BigInteger p)
    {
        var slope = Pack(c, ids, "slope");
        var x = Pack(c, ids, point + ".x");
        var y = Pack(c, ids, point + ".y");
        c.Scopes.Set("slope", slope);
        c.Scopes.Set("x", x);
        c.Scopes.Set("y", y);
        Assign(c, "value", Mod(BigInteger.ModPow(slope, 2, p) - 2 * x, p), "new_x");
    }

    private static void AddNewX(HintContext c, HintIds ids, string point0, string point1, BigInteger p)
    {
        var slope = Pack(c, ids, "slope");
        var x0 = Pack(c, ids, point0 + ".x");
        var x1 = Pack(c, ids, point1 + ".x");
        var y0 = Pack(c, ids, point0 + ".y");
        c.Scopes.Set("slope", slope);
        c.Scopes.Set("x0", x0);
        c.Scopes.Set("x1", x1);
        c.Scopes.Set("y0", y0);
        Assign(c, "value", Mod(BigInteger.ModPow(slope, 2, p) - x0 - x1, p), "new_x");
    }
}
