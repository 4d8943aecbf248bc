using System.Numerics;
using Cairn.Cairo.Hints;
using Cairn.Cairo.Hints.Cairo1;
using Cairn.Primitives;
using static Cairn.Cairo.Tests.Hints.Cairo1.HintFixture;

namespace Cairn.Cairo.Tests.Hints.Cairo1;

public class ArithmeticHintTests
{
    private static readonly BigInteger P = Felt.Modulus;
    private static readonly BigInteger Pow128 = BigInteger.One << 128;

    private static BigInteger Rand(Random rng, int maxBits)
    {
        int bits = rng.Next(0, maxBits + 1);
        if (bits == 0) return BigInteger.Zero;
        var bytes = new byte[(bits + 7) / 8 + 1];
        rng.NextBytes(bytes);
        bytes[^1] = 0;
        var v = new BigInteger(bytes) & ((BigInteger.One << bits) - 1);
        // Bias towards edge values now and then.
        return rng.Next(8) switch
        {
            0 => (BigInteger.One << bits) - 1,
            1 => BigInteger.One << (bits - 1),
            _ => v,
        };
    }

    private static BigInteger RandFelt(Random rng) => rng.Next(10) == 0 ? P - 1 - Rand(rng, 8) : Rand(rng, 251) % P;

    private static BigInteger Isqrt(BigInteger n)
    {
        // Independent check: binary search.
        BigInteger lo = 0, hi = BigInteger.One << (int)((n.GetBitLength() + 2) / 2);
        while (lo < hi)
        {
            var mid = (lo + hi + 1) >> 1;
            if (mid * mid <= n) lo = mid; else hi = mid - 1;
        }
        return lo;
    }

    [Fact]
    public void WideMul128_matches_BigInteger()
    {
        var rng = new Random(1);
        for (int i = 0; i < 300; i++)
        {
            var f = new HintFixture();
            BigInteger a = Rand(rng, 128), b = Rand(rng, 128);
            f.Set(Ap(0), a);
            f.Run(new WideMul128Hint(D(Ap(0)), Imm(b), Ap(1), Ap(2)));
            Assert.Equal(a * b >> 128, f.Int(Ap(1)));
            Assert.Equal(a * b % Pow128, f.Int(Ap(2)));
        }
    }

    [Fact]
    public void WideMul128_on_wider_felts_reduces_like_the_reference()
    {
        var rng = new Random(10);
        for (int i = 0; i < 100; i++)
        {
            var f = new HintFixture();
            BigInteger a = RandFelt(rng), b = RandFelt(rng);
            f.Run(new WideMul128Hint(Imm(a), Imm(b), Ap(1), Ap(2)));
            Assert.Equal((a * b >> 128) % P, f.Int(Ap(1)));
            Assert.Equal(a * b % Pow128, f.Int(Ap(2)));
        }
    }

    [Fact]
    public void DivMod_matches_BigInteger_and_rejects_zero()
    {
        var rng = new Random(2);
        for (int i = 0; i < 300; i++)
        {
            var f = new HintFixture();
            BigInteger a = RandFelt(rng), b = rng.Next(3) == 0 ? Rand(rng, 64) + 1 : RandFelt(rng) + 1;
            b = BigInteger.Min(b, P - 1);
            f.Run(new DivModHint(Imm(a), Imm(b), Ap(0), Ap(1)));
            Assert.Equal(a / b, f.Int(Ap(0)));
            Assert.Equal(a % b, f.Int(Ap(1)));
        }
        var z = new HintFixture();
        var e = Assert.Throws<HintException>(() => z.Run(new DivModHint(Imm(5), Imm(0), Ap(0), Ap(1))));
        Assert.Contains("division by zero", e.Message);
    }

    [Fact]
    public void DivMod_accepts_an_already_assigned_equal_cell()
    {
        var f = new HintFixture();
        f.Set(Ap(0), 3);
        f.Run(new DivModHint(Imm(10), Imm(3), Ap(0), Ap(1)));
        Assert.Equal(1, f.Int(Ap(1)));
    }

    [Fact]
    public void Uint256DivMod_matches_BigInteger()
    {
        var rng = new Random(3);
        for (int i = 0; i < 300; i++)
        {
            var f = new HintFixture();
            BigInteger n = Rand(rng, 256), d = Rand(rng, rng.Next(2) == 0 ? 128 : 256);
            if (d.IsZero) d = 1;
            f.Run(new Uint256DivModHint(Imm(n % Pow128), Imm(n >> 128), Imm(d % Pow128), Imm(d >> 128), Ap(0), Ap(1), Ap(2), Ap(3)));
            var q = n / d;
            var r = n % d;
            Assert.Equal(q % Pow128, f.Int(Ap(0)));
            Assert.Equal(q >> 128, f.Int(Ap(1)));
            Assert.Equal(r % Pow128, f.Int(Ap(2)));
            Assert.Equal(r >> 128, f.Int(Ap(3)));
        }
        var z = new HintFixture();
        Assert.Throws<HintException>(() => z.Run(new Uint256DivModHint(Imm(1), Imm(1), Imm(0), Imm(0), Ap(0), Ap(1), Ap(2), Ap(3))));
    }

    [Fact]
    public void Uint512DivModByUint256_matches_BigInteger()
    {
        var rng = new Random(4);
        for (int i = 0; i < 300; i++)
        {
            var f = new HintFixture();
            BigInteger n = Rand(rng, 512), d = Rand(rng, rng.Next(2) == 0 ? 128 : 256);
            if (d.IsZero) d = 1;
            var limbs = Enumerable.Range(0, 4).Select(k => Imm((n >> (128 * k)) % Pow128)).ToArray();
            f.Run(new Uint512DivModByUint256Hint(limbs[0], limbs[1], limbs[2], limbs[3], Imm(d % Pow128), Imm(d >> 128),
                Ap(0), Ap(1), Ap(2), Ap(3), Ap(4), Ap(5)));
            var q = n / d;
            var r = n % d;
            for (int k = 0; k < 4; k++) Assert.Equal((q >> (128 * k)) % Pow128, f.Int(Ap((short)k)));
            Assert.Equal(r % Pow128, f.Int(Ap(4)));
            Assert.Equal(r >> 128, f.Int(Ap(5)));
        }
    }

    [Fact]
    public void SquareRoot_matches_isqrt()
    {
        var rng = new Random(5);
        BigInteger[] edges = [0, 1, 2, 3, 4, 15, 16, 17, P - 1, (BigInteger.One << 250) - 1];
        foreach (var v in edges.Concat(Enumerable.Range(0, 300).Select(_ => RandFelt(rng))))
        {
            var f = new HintFixture();
            f.Run(new SquareRootHint(Imm(v), Ap(0)));
            Assert.Equal(Isqrt(v), f.Int(Ap(0)));
        }
    }

    [Fact]
    public void Uint256SquareRoot_matches_BigInteger()
    {
        var rng = new Random(6);
        BigInteger[] edges = [0, 1, (BigInteger.One << 256) - 1, Pow128, Pow128 * Pow128 - Pow128];
        foreach (var v in edges.Concat(Enumerable.Range(0, 300).Select(_ => Rand(rng, 256))))
        {
            var f = new HintFixture();
            f.Run(new Uint256SquareRootHint(Imm(v % Pow128), Imm(v >> 128), Ap(0), Ap(1), Ap(2), Ap(3), Ap(4)));
            var root = Isqrt(v);
            var rem = v - root * root;
            Assert.Equal(root % (BigInteger.One << 64), f.Int(Ap(0)));
            Assert.Equal(root >> 64, f.Int(Ap(1)));
            Assert.Equal(rem % Pow128, f.Int(Ap(2)));
            Assert.Equal(rem >> 128, f.Int(Ap(3)));
            Assert.Equal(root * 2 - rem >= Pow128 ? 1 : 0, f.Int(Ap(4)));
        }
    }

    [Fact]
    public void LinearSplit_matches_BigInteger()
    {
        var rng = new Random(7);
        for (int i = 0; i < 300; i++)
        {
            var f = new HintFixture();
            BigInteger value = RandFelt(rng), scalar = Rand(rng, 130) + 1, maxX = Rand(rng, 130);
            f.Run(new LinearSplitHint(Imm(value), Imm(scalar), Imm(maxX), Ap(0), Ap(1)));
            var x = BigInteger.Min(value / scalar, maxX);
            Assert.Equal(x, f.Int(Ap(0)));
            Assert.Equal(value - x * scalar, f.Int(Ap(1)));
        }
        var z = new HintFixture();
        Assert.Throws<HintException>(() => z.Run(new LinearSplitHint(Imm(5), Imm(0), Imm(1), Ap(0), Ap(1))));
    }

    [Fact]
    public void U256InvModN_matches_BigInteger()
    {
        var rng = new Random(8);
        int inverses = 0, noInverses = 0;
        for (int i = 0; i < 400; i++)
        {
            var f = new HintFixture();
            BigInteger b = Rand(rng, 256), n = Rand(rng, 256);
            if (rng.Next(4) == 0) n |= 1;
            if (n < 2) n = 2 + Rand(rng, 8);
            f.Run(new U256InvModNHint(Imm(b % Pow128), Imm(b >> 128), Imm(n % Pow128), Imm(n >> 128),
                Ap(0), Ap(1), Ap(2), Ap(3), Ap(4), Ap(5)));
            var gcd = BigInteger.GreatestCommonDivisor(b, n);
            var s = f.Int(Ap(2)) + (f.Int(Ap(3)) << 128);
            var t = f.Int(Ap(4)) + (f.Int(Ap(5)) << 128);
            if (gcd.IsOne)
            {
                inverses++;
                Assert.Equal(0, f.Int(Ap(0)));
                Assert.False(f.IsSet(Ap(1)));
                Assert.True(s < n);
                Assert.Equal(BigInteger.One, s * b % n);
                Assert.Equal((s * b - 1) / n, t);
            }
            else
            {
                noInverses++;
                var g = f.Int(Ap(0)) + (f.Int(Ap(1)) << 128);
                Assert.Equal(gcd.IsEven ? 2 : gcd, g);
                Assert.Equal(b, g * s);
                Assert.Equal(n, g * t);
            }
        }
        Assert.True(inverses > 50 && noInverses > 50, $"{inverses} / {noInverses}");
    }

    [Fact]
    public void U256InvModN_special_case_n_is_one()
    {
        var f = new HintFixture();
        f.Run(new U256InvModNHint(Imm(5), Imm(7), Imm(1), Imm(0), Ap(0), Ap(1), Ap(2), Ap(3), Ap(4), Ap(5)));
        Assert.Equal([1, 0, 5, 7, 1, 0], Enumerable.Range(0, 6).Select(k => (int)f.Int(Ap((short)k))));
    }

    [Fact]
    public void FieldSqrt_returns_the_smaller_root_of_val_or_3val()
    {
        var rng = new Random(9);
        int residues = 0;
        foreach (var v in new BigInteger[] { 0, 1, 3, 4, P - 1 }.Concat(Enumerable.Range(0, 200).Select(_ => RandFelt(rng))))
        {
            var f = new HintFixture();
            f.Run(new FieldSqrtHint(Imm(v), Ap(0)));
            var r = f.Int(Ap(0));
            Assert.True(r <= P - r || r.IsZero);
            bool qr = BigInteger.ModPow(v, (P - 1) / 2, P) != P - 1;
            if (qr) residues++;
            Assert.Equal(qr ? v : 3 * v % P, r * r % P);
        }
        Assert.InRange(residues, 50, 160);
    }
}
