using System.Globalization;
using System.Numerics;
using Cairn.Cairo.Hints.Cairo0;
using Cairn.Primitives;

namespace Cairn.Cairo.Tests.Hints.Cairo0;

public sealed class SecpExtraHintTests
{
    private const string BigInt3 = "m.BigInt3";
    private const string EcPoint = "m.EcPoint";
    private static readonly BigInteger Base = BigInteger.One << 86;

    private static HintTester Tester() => new HintTester().Uint256Struct()
        .Struct(BigInt3, ("d0", "felt", 0), ("d1", "felt", 1), ("d2", "felt", 2))
        .Struct("m.BigInt5", ("d0", "felt", 0), ("d1", "felt", 1), ("d2", "felt", 2), ("d3", "felt", 3), ("d4", "felt", 4))
        .Struct(EcPoint, ("x", BigInt3, 0), ("y", BigInt3, 3));

    private static void Put(HintTester t, int fpOffset, BigInteger v, int limbs = 3)
    {
        for (int i = 0; i < limbs; i++)
        {
            t.Set(t.Fp.Add(fpOffset + i), v % Base);
            v /= Base;
        }
    }

    [Fact]
    public void Secp256r1_double_slope()
    {
        var p = SecpHints.Secp256r1P;
        var gx = BigInteger.Parse("06B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296", NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var gy = BigInteger.Parse("04FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5", NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var t = Tester().StructRef("point", EcPoint, -20);
        Put(t, -20, gx);
        Put(t, -17, gy);
        t.Run(SecpExtraHints.EcDoubleSlopeV4);
        var slope = t.Context.Scopes.Get<BigInteger>("slope");
        Assert.Equal((3 * gx * gx + SecpHints.Secp256r1Alpha) % p, 2 * gy * slope % p);
    }

    [Fact]
    public void Split_xx_returns_the_even_square_root()
    {
        var p = SecpHints.Ed25519P;
        var rng = new Random(30);
        for (int i = 0; i < 10; i++)
        {
            var bytes = new byte[33];
            rng.NextBytes(bytes);
            bytes[^1] = 0;
            var x0 = new BigInteger(bytes) % p;
            if (!x0.IsEven) x0 = p - x0;
            var xx = x0 * x0 % p;
            var t = Tester().StructRef("xx", HintTester.Uint256, -4).StructRef("x", HintTester.Uint256, -2);
            t.Set(t.Fp.Add(-4), xx & ((BigInteger.One << 128) - 1));
            t.Set(t.Fp.Add(-3), xx >> 128);
            t.Run(SecpExtraHints.SplitXx);
            Assert.Equal(x0, t.IntAt(t.Fp.Add(-2)) + (t.IntAt(t.Fp.Add(-1)) << 128));
        }
    }

    [Fact]
    public void Bit_extraction()
    {
        var t = Tester().Felt("scalar_u", -6, 0b1010).Felt("scalar_v", -5, 0b0110).Felt("m", -4, 2).Felt("quad_bit", -3).Felt("dibit", -2);
        t.Run(SecpExtraHints.QuadBit);
        Assert.Equal(8 * 1 + 4 * 0 + 2 * 1 + 1, (int)t.IntAt(t.Fp.Add(-3)));
        t.Run(SecpExtraHints.DiBit);
        Assert.Equal(0 + 2 * 1, (int)t.IntAt(t.Fp.Add(-2)));

        t = Tester().StructRef("scalar_u", BigInt3, -8).StructRef("scalar_v", BigInt3, -5).Felt("len_hi", -2).Felt("a", -11, 7).Felt("b", -10, 8).Felt("a_lsb", -1).Felt("b_lsb", 0);
        Put(t, -8, (BigInteger)5 << 172);
        Put(t, -5, (BigInteger)1 << 172);
        t.Run(SecpExtraHints.HiMaxBitlen);
        Assert.Equal(2, (int)t.IntAt(t.Fp.Add(-2)));
        t.Run(SecpExtraHints.ABBitand1);
        Assert.Equal(Felt.One, t.FeltAt(t.Fp.Add(-1)));
        Assert.Equal(Felt.Zero, t.FeltAt(t.Fp));
    }

    [Fact]
    public void Ec_recover_and_bigint_division()
    {
        var t = Tester().StructRef("a", BigInt3, -12).StructRef("b", BigInt3, -9).StructRef("m", BigInt3, -6);
        Put(t, -12, 1000);
        Put(t, -9, 77);
        Put(t, -6, 999);
        t.Run(SecpExtraHints.EcRecoverProductMod);
        Assert.Equal(77000 % 999, (int)t.Context.Scopes.Get<BigInteger>("value"));
        t.Run(SecpExtraHints.EcRecoverProductDivM);
        Assert.Equal(77000 / 999, (int)t.Context.Scopes.Get<BigInteger>("k"));
        t.Run(SecpExtraHints.EcRecoverSubAB);
        Assert.Equal(923, (int)t.Context.Scopes.Get<BigInteger>("value"));

        var p = SecpHints.SecpP;
        var d = Tester().Const("BASE", Base).StructRef("P", BigInt3, -14).StructRef("x", "m.BigInt5", -11).StructRef("y", BigInt3, -6).Felt("flag", -2);
        Put(d, -14, p);
        var x = (BigInteger.One << 300) + 12345;
        Put(d, -11, x, limbs: 5);
        Put(d, -6, 987654321);
        d.Run(SecpExtraHints.BigintPackDivMod);
        var res = d.Context.Scopes.Get<BigInteger>("res");
        Assert.Equal(x % p, res * 987654321 % p);
        d.Run(SecpExtraHints.BigintSafeDiv);
        var k = d.Context.Scopes.Get<BigInteger>("k");
        Assert.Equal(res * 987654321 - x, k * p);
        Assert.Equal(k > 0 ? Felt.One : Felt.Zero, d.FeltAt(d.Fp.Add(-2)));
    }
}
