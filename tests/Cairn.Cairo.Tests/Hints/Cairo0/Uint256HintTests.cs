using System.Numerics;
using Cairn.Cairo.Builtins;
using Cairn.Cairo.Hints.Cairo0;
using Cairn.Primitives;

namespace Cairn.Cairo.Tests.Hints.Cairo0;

public sealed class Uint256HintTests
{
    private static readonly BigInteger Two128 = BigInteger.One << 128;

    private static BigInteger Random(Random rng, int bits)
    {
        var bytes = new byte[(bits + 7) / 8 + 1];
        rng.NextBytes(bytes);
        bytes[^1] = 0;
        return new BigInteger(bytes) & ((BigInteger.One << bits) - 1);
    }

    private static BigInteger RandomU256(Random rng) => rng.Next(4) switch
    {
        0 => Random(rng, rng.Next(1, 64)),
        1 => (BigInteger.One << 256) - 1 - Random(rng, 8),
        2 => Random(rng, 128) << 128,
        _ => Random(rng, 256),
    };

    private static HintTester WithUint(HintTester t, string name, int fpOffset, BigInteger? value = null)
    {
        t.StructRef(name, HintTester.Uint256, fpOffset);
        if (value is { } v)
        {
            t.Set(t.Fp.Add(fpOffset), v & (Two128 - 1));
            t.Set(t.Fp.Add(fpOffset + 1), v >> 128);
        }
        return t;
    }

    private static BigInteger ReadUint(HintTester t, int fpOffset) => t.IntAt(t.Fp.Add(fpOffset)) + (t.IntAt(t.Fp.Add(fpOffset + 1)) << 128);

    [Fact]
    public void Add_sub_and_carries_match_bigint()
    {
        var rng = new Random(10);
        for (int i = 0; i < 100; i++)
        {
            var a = RandomU256(rng);
            var b = RandomU256(rng);
            var t = WithUint(WithUint(new HintTester().Uint256Struct().Const("SHIFT", Two128), "a", -8, a), "b", -6, b).Felt("carry_low", -4).Felt("carry_high", -3);
            t.Run(Uint256Hints.Uint256Add);
            var lowSum = (a & (Two128 - 1)) + (b & (Two128 - 1));
            int carryLow = lowSum >= Two128 ? 1 : 0;
            Assert.Equal(carryLow, (int)t.IntAt(t.Fp.Add(-4)));
            Assert.Equal((a >> 128) + (b >> 128) + carryLow >= Two128 ? 1 : 0, (int)t.IntAt(t.Fp.Add(-3)));

            t = WithUint(WithUint(new HintTester().Uint256Struct(), "a", -8, a), "b", -6, b);
            WithUint(t, "res", -4);
            t.Run(Uint256Hints.Uint256Sub);
            var expected = ((a - b) % (BigInteger.One << 256) + (BigInteger.One << 256)) % (BigInteger.One << 256);
            Assert.Equal(expected, ReadUint(t, -4));

            var x = Random(rng, 128);
            var y = Random(rng, 128);
            t = new HintTester().Felt("a", -3, x).Felt("b", -2, y).Felt("carry", -1).Const("SHIFT", Two128);
            t.Run(Uint256Hints.Uint128Add);
            Assert.Equal(x + y >= Two128 ? 1 : 0, (int)t.IntAt(t.Fp.Add(-1)));
        }
    }

    [Fact]
    public void Div_rem_and_mul_div_mod_match_bigint()
    {
        var rng = new Random(11);
        for (int i = 0; i < 100; i++)
        {
            var a = RandomU256(rng);
            var b = RandomU256(rng);
            var div = RandomU256(rng) + 1;
            if (div >> 256 != 0) div = 7;
            var t = WithUint(WithUint(new HintTester().Uint256Struct(), "a", -10, a), "div", -8, div);
            WithUint(WithUint(t, "quotient", -6), "remainder", -4);
            t.Run(Uint256Hints.Uint256UnsignedDivRem);
            Assert.Equal(a / div, ReadUint(t, -6));
            Assert.Equal(a % div, ReadUint(t, -4));

            t = WithUint(WithUint(WithUint(new HintTester().Uint256Struct(), "a", -12, a), "b", -10, b), "div", -8, div);
            WithUint(WithUint(WithUint(t, "quotient_low", -6), "quotient_high", -4), "remainder", -2);
            t.Run(Uint256Hints.Uint256MulDivMod);
            var q = a * b / div;
            Assert.Equal(q & ((BigInteger.One << 256) - 1), ReadUint(t, -6));
            Assert.Equal(q >> 256, ReadUint(t, -4));
            Assert.Equal(a * b % div, ReadUint(t, -2));

            t = WithUint(new HintTester().Uint256Struct(), "n", -4, a);
            WithUint(t, "root", -2);
            t.Run(Uint256Hints.Uint256Sqrt);
            var root = ReadUint(t, -2);
            Assert.True(root * root <= a && (root + 1) * (root + 1) > a);
        }
        var z = WithUint(WithUint(new HintTester().Uint256Struct(), "a", -10, 5), "div", -8, 0);
        WithUint(WithUint(z, "quotient", -6), "remainder", -4);
        Assert.Contains("divide by zero", z.Fails(Uint256Hints.Uint256UnsignedDivRem).Message);
    }

    [Fact]
    public void Expanded_div_rem_and_signed_nn()
    {
        var t = new HintTester().Uint256Struct().Struct("m.Uint256Expand", ("b01", "felt", 0), ("b23", "felt", 1));
        WithUint(t, "a", -10, (BigInteger.One << 200) + 12345);
        t.StructRef("div", "m.Uint256Expand", -8);
        t.Set(t.Fp.Add(-8), 1000);
        t.Set(t.Fp.Add(-7), 1);
        WithUint(WithUint(t, "quotient", -6), "remainder", -4);
        t.Run(Uint256Hints.Uint256ExpandedUnsignedDivRem);
        var d = (BigInteger.One << 128) + 1000;
        Assert.Equal(((BigInteger.One << 200) + 12345) / d, ReadUint(t, -6));

        t = WithUint(new HintTester().Uint256Struct(), "a", -4, (BigInteger.One << 255) + 3);
        t.Run(Uint256Hints.Uint256SignedNn);
        Assert.Equal(Felt.Zero, t.FeltAt(t.Ap));
        t = WithUint(new HintTester().Uint256Struct(), "a", -4, 3);
        t.Run(Uint256Hints.Uint256SignedNn);
        Assert.Equal(Felt.One, t.FeltAt(t.Ap));

        t = WithUint(new HintTester().Uint256Struct(), "n", -4, (BigInteger)99).Felt("root", -2);
        t.Run(Uint256Hints.Uint256SqrtFelt);
        Assert.Equal(Felt.FromUInt64(9), t.FeltAt(t.Fp.Add(-2)));
    }

    [Fact]
    public void Verify_ecdsa_signature_registers_the_signature()
    {
        var t = new HintTester();
        var ecdsa = new EcdsaBuiltinRunner();
        ecdsa.InitializeSegments(t.Memory);
        t.Context.Builtins = [ecdsa];
        t.Struct("m.SignatureBuiltin", ("pub_key", "felt", 0), ("message", "felt", 1));
        t.PointerRef("ecdsa_ptr", "m.SignatureBuiltin*", -5, ecdsa.Base.Add(2)).Felt("signature_r", -4, 11).Felt("signature_s", -3, 22);
        t.Run(SignatureHints.VerifyEcdsaSignature);
        Assert.Equal((Felt.FromUInt64(11), Felt.FromUInt64(22)), ecdsa.Signatures[ecdsa.Base.Add(2)]);
        Assert.Contains("ecdsa", new HintTester().Felt("signature_r", -4, 1).Fails(SignatureHints.VerifyEcdsaSignature).Message);
    }
}
