using System.Numerics;
using Cairn.Cairo.Hints.Cairo0;
using Cairn.Primitives;

namespace Cairn.Cairo.Tests.Hints.Cairo0;

public sealed class Uint384HintTests
{
    private const string U384 = "m.Uint384";
    private const string U768 = "m.Uint768";
    private static readonly BigInteger Mask = (BigInteger.One << 128) - 1;

    private static HintTester Tester() => new HintTester().Uint256Struct()
        .Struct(U384, ("d0", "felt", 0), ("d1", "felt", 1), ("d2", "felt", 2))
        .Struct(U768, ("d0", "felt", 0), ("d1", "felt", 1), ("d2", "felt", 2), ("d3", "felt", 3), ("d4", "felt", 4), ("d5", "felt", 5));

    private static void Put(HintTester t, string name, string type, int fpOffset, int limbs, BigInteger? value = null)
    {
        t.StructRef(name, type, fpOffset);
        if (value is not { } v) return;
        for (int i = 0; i < limbs; i++)
        {
            t.Set(t.Fp.Add(fpOffset + i), v & Mask);
            v >>= 128;
        }
    }

    private static BigInteger Read(HintTester t, int fpOffset, int limbs)
    {
        BigInteger v = 0;
        for (int i = limbs - 1; i >= 0; i--) v = (v << 128) + t.IntAt(t.Fp.Add(fpOffset + i));
        return v;
    }

    private static BigInteger Random(Random rng, int bits)
    {
        var bytes = new byte[bits / 8 + 1];
        rng.NextBytes(bytes);
        bytes[^1] = 0;
        return new BigInteger(bytes);
    }

    [Fact]
    public void Div_rem_variants_match_bigint()
    {
        var rng = new Random(20);
        for (int i = 0; i < 40; i++)
        {
            var a = Random(rng, 384);
            var d = Random(rng, rng.Next(8, 384)) + 1;
            var t = Tester();
            Put(t, "a", U384, -30, 3, a);
            Put(t, "div", U384, -27, 3, d);
            Put(t, "quotient", U384, -24, 3);
            Put(t, "remainder", U384, -21, 3);
            t.Run(Uint384Hints.Uint384UnsignedDivRem);
            Assert.Equal(a / d, Read(t, -24, 3));
            Assert.Equal(a % d, Read(t, -21, 3));

            var big = Random(rng, 768);
            t = Tester();
            Put(t, "a", U768, -30, 6, big);
            Put(t, "div", U384, -24, 3, d);
            Put(t, "quotient", U768, -21, 6);
            Put(t, "remainder", U384, -15, 3);
            t.Run(i % 2 == 0 ? Uint384Hints.UnsignedDivRemUint768ByUint384 : Uint384Hints.UnsignedDivRemUint768ByUint384Stripped);
            Assert.Equal(big / d, Read(t, -21, 6));
            Assert.Equal(big % d, Read(t, -15, 3));

            var p = Random(rng, 300) + 3;
            var b = Random(rng, 256) % p;
            t = Tester();
            Put(t, "a", U384, -30, 3, a % p);
            Put(t, "b", U384, -27, 3, b);
            Put(t, "p", U384, -24, 3, p);
            Put(t, "res", U384, -21, 3);
            t.Run(Uint384Hints.SubReducedAAndReducedB);
            Assert.Equal(((a % p - b) % p + p) % p, Read(t, -21, 3));

            t = Tester();
            Put(t, "a", U384, -30, 3, a);
            Put(t, "root", U384, -27, 3);
            t.Run(Uint384Hints.Uint384Sqrt);
            var root = Read(t, -27, 3);
            Assert.True(root * root <= a && (root + 1) * (root + 1) > a);
        }
    }

    [Fact]
    public void Modular_inverse_and_square_roots()
    {
        var p = (BigInteger.One << 255) - 19; // p = 5 mod 8: exercises Tonelli–Shanks
        var rng = new Random(21);
        for (int i = 0; i < 20; i++)
        {
            var b = Random(rng, 250) + 1;
            var t = Tester();
            Put(t, "a", U384, -30, 3, 1);
            Put(t, "b", U384, -27, 3, b);
            Put(t, "p", U384, -24, 3, p);
            Put(t, "b_inverse_mod_p", U384, -21, 3);
            t.Run(Uint384Hints.Uint384Div);
            Assert.Equal(BigInteger.One, Read(t, -21, 3) * b % p);

            var x = Random(rng, 250);
            t = Tester();
            Put(t, "generator", U384, -30, 3, 2);
            Put(t, "x", U384, -27, 3, x);
            Put(t, "p", U384, -24, 3, p);
            t.Felt("success_x", -21).Felt("success_gx", -20);
            Put(t, "sqrt_x", U384, -19, 3);
            Put(t, "sqrt_gx", U384, -16, 3);
            t.Run(Uint384Hints.Uint384GetSquareRoot);
            bool sx = t.IntAt(t.Fp.Add(-21)).IsOne;
            var target = sx ? x : 2 * x % p;
            var r = Read(t, sx ? -19 : -16, 3);
            Assert.Equal(target, r * r % p);
            Assert.True(r <= p - r);
        }
        var bad = Tester();
        Put(bad, "a", U384, -30, 3, 1);
        Put(bad, "b", U384, -27, 3, 6);
        Put(bad, "p", U384, -24, 3, 9);
        Put(bad, "b_inverse_mod_p", U384, -21, 3);
        Assert.Contains("not invertible", bad.Fails(Uint384Hints.Uint384Div).Message);
    }

    [Fact]
    public void Uint512_div_rem_and_inverse()
    {
        var t = Tester().Struct("m.Uint512", ("d0", "felt", 0), ("d1", "felt", 1), ("d2", "felt", 2), ("d3", "felt", 3));
        var x = (BigInteger.One << 500) + 12345;
        var d = (BigInteger.One << 200) + 7;
        Put(t, "x", "m.Uint512", -20, 4, x);
        Put(t, "div", HintTester.Uint256, -16, 2, d);
        Put(t, "quotient", "m.Uint512", -14, 4);
        Put(t, "remainder", HintTester.Uint256, -10, 2);
        t.Run(Uint384Hints.Uint512UnsignedDivRem);
        Assert.Equal(x / d, Read(t, -14, 4));
        Assert.Equal(x % d, Read(t, -10, 2));

        var p = (BigInteger.One << 255) - 19;
        t = Tester().Struct("m.Uint512", ("d0", "felt", 0), ("d1", "felt", 1), ("d2", "felt", 2), ("d3", "felt", 3));
        Put(t, "x", "m.Uint512", -20, 4, x);
        Put(t, "p", HintTester.Uint256, -16, 2, p);
        Put(t, "x_inverse_mod_p", HintTester.Uint256, -14, 2);
        t.Run(Uint384Hints.InvModPUint512);
        Assert.Equal(BigInteger.One, Read(t, -14, 2) * x % p);
    }

    [Fact]
    public void Carries_and_signed_nn()
    {
        var shift = BigInteger.One << 128;
        var t = Tester().Const("SHIFT", shift).Felt("carry_d0", -3).Felt("carry_d1", -2).Felt("carry_d2", -1);
        Put(t, "a", U384, -12, 3, (BigInteger.One << 384) - 1);
        Put(t, "b", U384, -9, 3, 1);
        t.Run(Uint384Hints.AddNoUint384Check);
        Assert.Equal([Felt.One, Felt.One, Felt.One], new[] { t.FeltAt(t.Fp.Add(-3)), t.FeltAt(t.Fp.Add(-2)), t.FeltAt(t.Fp.Add(-1)) });
        t.Run(Uint384Hints.Uint384SignedNn);
        Assert.Equal(Felt.Zero, t.FeltAt(t.Ap));
    }

    [Fact]
    public void Blake2s_unpack_felts_and_recover_y()
    {
        var t = new HintTester();
        var packed = t.Memory.AddSegment();
        var unpacked = t.Memory.AddSegment();
        var big = (BigInteger.One << 200) + 5;
        t.Set(packed, 7);
        t.Set(packed.Add(1), big);
        t.PointerRef("packed_values", "felt*", -4, packed).PointerRef("unpacked_u32s", "felt*", -3, unpacked).Felt("packed_values_len", -2, 2).PointerRef("end", "felt*", -1, packed.Add(2));
        t.Run(Blake2sHints.IsOver63BitsOrEnd);
        Assert.Equal(Felt.One, t.FeltAt(t.Ap));
        t.Run(Blake2sHints.Blake2sUnpackFelts);
        Assert.Equal(Felt.Zero, t.FeltAt(unpacked));
        Assert.Equal(Felt.FromUInt64(7), t.FeltAt(unpacked.Add(1)));
        var withFlag = big + (BigInteger.One << 255);
        for (int j = 0; j < 8; j++) Assert.Equal((withFlag >> (32 * (7 - j))) & uint.MaxValue, t.IntAt(unpacked.Add(2 + j)));

        var g = new HintTester().Struct("m.EcPoint", ("x", "felt", 0), ("y", "felt", 1));
        var gx = Felt.Parse("0x1ef15c18599971b7beced415a40f0c7deacfd9b0d1819e03d723d8bc943cfca");
        g.Ref("x", "[cast(fp + (-5), felt*)]").StructRef("p", "m.EcPoint", -3);
        g.Memory.Insert(g.Fp.Add(-5), gx);
        g.Run(EcHints.RecoverY);
        var y = g.FeltAt(g.Fp.Add(-2));
        Assert.Equal(gx, g.FeltAt(g.Fp.Add(-3)));
        Assert.Equal(gx * gx * gx + gx + Cairn.Crypto.Curve.StarkCurve.Beta, y * y);
    }
}
