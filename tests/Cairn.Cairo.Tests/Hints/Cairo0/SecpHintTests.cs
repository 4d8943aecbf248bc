using System.Globalization;
using System.Numerics;
using Cairn.Cairo.Hints.Cairo0;
using Cairn.Primitives;

namespace Cairn.Cairo.Tests.Hints.Cairo0;

public sealed class SecpHintTests
{
    private const string BigInt3 = "m.BigInt3";
    private const string EcPoint = "m.EcPoint";
    private static readonly BigInteger Base = BigInteger.One << 86;
    private static readonly BigInteger P = SecpHints.SecpP;
    private static readonly BigInteger Gx = Hex("79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798");
    private static readonly BigInteger Gy = Hex("483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8");
    private static readonly BigInteger G2x = Hex("C6047F9441ED7D6D3045406E95C07CD85C778E4B8CEF3CA7ABAC09B95C709EE5");
    private static readonly BigInteger G2y = Hex("1AE168FEA63DC339A3C58419466CEAEEF7F632653266D0E1236431A950CFE52A");

    private static BigInteger Hex(string s) => BigInteger.Parse("0" + s, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static HintTester Tester() => new HintTester()
        .Struct(BigInt3, ("d0", "felt", 0), ("d1", "felt", 1), ("d2", "felt", 2))
        .Struct(EcPoint, ("x", BigInt3, 0), ("y", BigInt3, 3));

    private static void Put(HintTester t, int fpOffset, BigInteger v)
    {
        for (int i = 0; i < 3; i++)
        {
            t.Set(t.Fp.Add(fpOffset + i), v % Base);
            v /= Base;
        }
    }

    private static BigInteger Read(HintTester t, int fpOffset) =>
        t.IntAt(t.Fp.Add(fpOffset)) + t.IntAt(t.Fp.Add(fpOffset + 1)) * Base + t.IntAt(t.Fp.Add(fpOffset + 2)) * Base * Base;

    [Fact]
    public void Doubling_the_generator()
    {
        var t = Tester();
        t.StructRef("point", EcPoint, -20).StructRef("slope", BigInt3, -14).StructRef("res", BigInt3, -14);
        Put(t, -20, Gx);
        Put(t, -17, Gy);
        t.Run(SecpHints.EcDoubleSlopeV1);
        var slope = t.Context.Scopes.Get<BigInteger>("slope");
        Assert.Equal(3 * Gx * Gx % P, 2 * Gy * slope % P);
        t.Run(SecpHints.NondetBigint3V1); // ids.res (= ids.slope's cells) = split(value)
        Assert.Equal(slope, Read(t, -14));
        t.Run(SecpHints.EcDoubleAssignNewXV1);
        Assert.Equal(G2x, t.Context.Scopes.Get<BigInteger>("new_x"));
        t.Run(SecpHints.EcDoubleAssignNewY);
        Assert.Equal(G2y, t.Context.Scopes.Get<BigInteger>("value"));
    }

    [Fact]
    public void Adding_g_and_2g()
    {
        var t = Tester();
        t.StructRef("point0", EcPoint, -26).StructRef("point1", EcPoint, -20).StructRef("slope", BigInt3, -14);
        Put(t, -26, Gx);
        Put(t, -23, Gy);
        Put(t, -20, G2x);
        Put(t, -17, G2y);
        t.Run(SecpHints.ComputeSlopeV1);
        var slope = t.Context.Scopes.Get<BigInteger>("value");
        Assert.Equal(((Gy - G2y) % P + P) % P, (Gx - G2x + P) * slope % P);
        Put(t, -14, slope);
        t.Run(SecpHints.FastEcAddAssignNewX);
        t.Run(SecpHints.FastEcAddAssignNewY);
        var x3 = t.Context.Scopes.Get<BigInteger>("new_x");
        var y3 = t.Context.Scopes.Get<BigInteger>("new_y");
        Assert.Equal((y3 * y3) % P, (x3 * x3 * x3 + 7) % P); // 3G is on the curve
    }

    [Fact]
    public void Verify_zero_reduce_and_is_zero()
    {
        var t = Tester().StructRef("val", BigInt3, -6).Felt("q", -3);
        Put(t, -6, 2 * P);
        t.Run(SecpHints.VerifyZeroV1);
        Assert.Equal(Felt.FromUInt64(2), t.FeltAt(t.Fp.Add(-3)));

        t = Tester().StructRef("val", BigInt3, -6).Felt("q", -3);
        Put(t, -6, P + 1);
        Assert.StartsWith("verify_zero: Invalid input (", t.Fails(SecpHints.VerifyZeroV1).Message);

        t = Tester().StructRef("x", BigInt3, -6);
        // A negative limb: pack uses as_int.
        t.Set(t.Fp.Add(-6), -1);
        t.Set(t.Fp.Add(-5), 1);
        t.Set(t.Fp.Add(-4), 0);
        t.Run(SecpHints.ReduceV1);
        Assert.Equal(Base - 1, t.Context.Scopes.Get<BigInteger>("value"));
        t.Run(SecpHints.IsZeroPackV1);
        t.Run(SecpHints.IsZeroNondet);
        Assert.Equal(Felt.Zero, t.FeltAt(t.Ap));
        t.Run(SecpHints.IsZeroAssignScopeVars);
        Assert.Equal(BigInteger.One, t.Context.Scopes.Get<BigInteger>("x_inv") * (Base - 1) % P);
    }

    [Fact]
    public void Div_mod_n_and_safe_div()
    {
        var t = Tester().StructRef("a", BigInt3, -6).StructRef("b", BigInt3, -3);
        Put(t, -6, 12345);
        Put(t, -3, 678);
        t.Run(SecpHints.DivModNPackedDivmodV1);
        var res = t.Context.Scopes.Get<BigInteger>("res");
        Assert.Equal(12345, (int)(res * 678 % SecpHints.SecpN));
        t.Run(SecpHints.DivModNSafeDiv);
        Assert.Equal((res * 678 - 12345) / SecpHints.SecpN, t.Context.Scopes.Get<BigInteger>("k"));
        t.Run(SecpHints.DivModNSafeDivPlusOne);
        Assert.Equal((res * 678 - 12345) / SecpHints.SecpN + 1, t.Context.Scopes.Get<BigInteger>("value"));
    }

    [Fact]
    public void Get_point_from_x_and_negate()
    {
        var t = Tester().StructRef("x_cube", BigInt3, -8).Felt("v", -5, 0).Const("BETA", 7).StructRef("point", EcPoint, -20);
        Put(t, -8, BigInteger.ModPow(Gx, 3, P));
        t.Run(SecpHints.GetPointFromX);
        Assert.Equal(Gy, t.Context.Scopes.Get<BigInteger>("value")); // Gy is even
        Put(t, -20, Gx);
        Put(t, -17, Gy);
        t.Run(SecpHints.EcNegate);
        Assert.Equal(P - Gy, t.Context.Scopes.Get<BigInteger>("value"));
        t.Run(SecpHints.ImportSecp256r1P);
        Assert.Equal(SecpHints.Secp256r1P, t.Context.Scopes.Get<BigInteger>("SECP_P"));
    }
}
