using System.Numerics;
using FsCheck.Xunit;
using static Cairn.Primitives.Tests.FeltGen;

namespace Cairn.Primitives.Tests;

/// <summary>Field arithmetic against <see cref="BigInteger"/> modulo P.</summary>
[Properties(Arbitrary = [typeof(FeltArbitraries)], MaxTest = 3000, QuietOnSuccess = true)]
public class FeltArithmeticTests
{
    // ---- constants ---------------------------------------------------------------------------

    [Fact]
    public void Constants_have_their_integer_values()
    {
        Assert.Equal(P, Felt.Modulus);
        Assert.Equal(BigInteger.Zero, Big(Felt.Zero));
        Assert.Equal(BigInteger.One, Big(Felt.One));
        Assert.Equal(new BigInteger(2), Big(Felt.Two));
        Assert.Equal(P - 1, Big(Felt.MaxValue));
        Assert.Equal(default, Felt.Zero);
        Assert.True(Felt.Zero.IsZero);
        Assert.False(Felt.One.IsZero);
        Assert.True(Felt.One.IsOne);
        Assert.False(Felt.Two.IsOne);
        Assert.Equal(P, FromLimbs(Felt.ModulusLimbs[0], Felt.ModulusLimbs[1], Felt.ModulusLimbs[2], Felt.ModulusLimbs[3]));
    }

    [Fact]
    public void Small_integer_conversions()
    {
        Assert.Equal(new BigInteger(12345), Big(Felt.FromUInt64(12345)));
        Assert.Equal(new BigInteger(ulong.MaxValue), Big(Felt.FromUInt64(ulong.MaxValue)));
        Felt fromULong = 7UL;
        Felt fromInt = 7;
        Felt fromNegative = -7;
        Felt fromMin = int.MinValue;
        Assert.Equal(new BigInteger(7), Big(fromULong));
        Assert.Equal(new BigInteger(7), Big(fromInt));
        Assert.Equal(P - 7, Big(fromNegative));
        Assert.Equal(P + int.MinValue, Big(fromMin));
        Assert.Equal(UInt128.MaxValue, (UInt128)Big(Felt.FromUInt128(UInt128.MaxValue)));
    }

    // ---- against BigInteger --------------------------------------------------------------------

    [Property]
    public void Add_matches_BigInteger(Felt a, Felt b) => Assert.Equal(Mod(Big(a) + Big(b)), Big(a + b));

    [Property]
    public void Sub_matches_BigInteger(Felt a, Felt b) => Assert.Equal(Mod(Big(a) - Big(b)), Big(a - b));

    [Property]
    public void Mul_matches_BigInteger(Felt a, Felt b) => Assert.Equal(Mod(Big(a) * Big(b)), Big(a * b));

    [Property]
    public void Neg_matches_BigInteger(Felt a) => Assert.Equal(Mod(-Big(a)), Big(-a));

    [Property]
    public void Square_matches_BigInteger(Felt a)
    {
        Assert.Equal(Mod(Big(a) * Big(a)), Big(a.Square()));
        Assert.Equal(a * a, a.Square());
    }

    [Property]
    public void Double_matches_BigInteger(Felt a) => Assert.Equal(Mod(2 * Big(a)), Big(a.Double()));

    [Fact]
    public void All_pairs_of_edge_values_match_BigInteger()
    {
        foreach (var x in Edges)
        {
            var a = ToFelt(x);
            Assert.Equal(x, Big(a));
            Assert.Equal(Mod(-x), Big(-a));
            Assert.Equal(Mod(x * x), Big(a.Square()));
            foreach (var y in Edges)
            {
                var b = ToFelt(y);
                Assert.Equal(Mod(x + y), Big(a + b));
                Assert.Equal(Mod(x - y), Big(a - b));
                Assert.Equal(Mod(x * y), Big(a * b));
                Assert.Equal(x.CompareTo(y), a.CompareTo(b));
                if (!y.IsZero) Assert.Equal(Mod(x * BigInteger.ModPow(y, P - 2, P)), Big(a / b));
            }
        }
    }

    // ---- ring laws -----------------------------------------------------------------------------

    [Property]
    public void Addition_is_commutative_and_associative(Felt a, Felt b, Felt c)
    {
        Assert.Equal(a + b, b + a);
        Assert.Equal((a + b) + c, a + (b + c));
    }

    [Property]
    public void Multiplication_is_commutative_and_associative(Felt a, Felt b, Felt c)
    {
        Assert.Equal(a * b, b * a);
        Assert.Equal((a * b) * c, a * (b * c));
    }

    [Property]
    public void Multiplication_distributes_over_addition(Felt a, Felt b, Felt c)
    {
        Assert.Equal(a * (b + c), (a * b) + (a * c));
        Assert.Equal((a - b) * c, (a * c) - (b * c));
    }

    [Property]
    public void Identities_and_inverses(Felt a, Felt b)
    {
        Assert.Equal(a, a + Felt.Zero);
        Assert.Equal(a, Felt.Zero + a);
        Assert.Equal(a, a - Felt.Zero);
        Assert.Equal(a, a * Felt.One);
        Assert.Equal(Felt.Zero, a * Felt.Zero);
        Assert.Equal(Felt.Zero, a - a);
        Assert.Equal(Felt.Zero, a + (-a));
        Assert.Equal(a, -(-a));
        Assert.Equal(a, (a + b) - b);
        Assert.Equal(a - b, -(b - a));
        Assert.Equal(-(a * b), (-a) * b);
    }

    // ---- inverse and division -------------------------------------------------------------------

    [Property]
    public void Inverse_matches_Fermat(Felt a)
    {
        if (a.IsZero) return;
        var inv = a.Inverse();
        Assert.Equal(BigInteger.ModPow(Big(a), P - 2, P), Big(inv));
        Assert.Equal(Felt.One, a * inv);
        Assert.Equal(a, inv.Inverse());
    }

    [Property]
    public void Division_matches_BigInteger(Felt a, Felt b)
    {
        if (b.IsZero) return;
        var q = a / b;
        Assert.Equal(Mod(Big(a) * BigInteger.ModPow(Big(b), P - 2, P)), Big(q));
        Assert.Equal(a, q * b);
    }

    [Fact]
    public void Inverse_of_zero_throws()
    {
        Assert.Throws<DivideByZeroException>(() => Felt.Zero.Inverse());
        Assert.Throws<DivideByZeroException>(() => Felt.One / Felt.Zero);
        Assert.Throws<DivideByZeroException>(() => Felt.Zero / Felt.Zero);
    }

    [Fact]
    public void Inverse_of_one_and_minus_one()
    {
        Assert.Equal(Felt.One, Felt.One.Inverse());
        Assert.Equal(Felt.MaxValue, Felt.MaxValue.Inverse());
        Assert.Equal(Mod(BigInteger.ModPow(2, P - 2, P)), Big(Felt.Two.Inverse()));
        Assert.Equal((P + 1) / 2, Big(Felt.Two.Inverse()));
    }

    [Fact]
    public void BatchInverse_matches_single_inverses_with_zeros_inside()
    {
        var rng = new Random(1234);
        int[] lengths = [0, 1, 2, 3, 63, 64, 65, 100, 256, 1000];
        foreach (int n in lengths)
        {
            for (int round = 0; round < 5; round++)
            {
                var values = new Felt[n];
                for (int i = 0; i < n; i++)
                {
                    values[i] = rng.Next(6) == 0 ? Felt.Zero : ToFelt(RandomValue(rng));
                }
                if (n > 0 && round == 1) values[0] = Felt.Zero;
                if (n > 0 && round == 2) values[^1] = Felt.Zero;
                if (round == 3) Array.Fill(values, Felt.Zero);

                var expected = values.Select(v => v.IsZero ? Felt.Zero : ToFelt(BigInteger.ModPow(Big(v), P - 2, P))).ToArray();

                var pooled = (Felt[])values.Clone();
                Felt.BatchInverse(pooled);
                Assert.Equal(expected, pooled);

                var withScratch = (Felt[])values.Clone();
                var scratch = new Felt[n + 3];
                Felt.BatchInverse(withScratch, scratch);
                Assert.Equal(expected, withScratch);
            }
        }
    }

    [Fact]
    public void BatchInverse_rejects_short_scratch()
    {
        var values = new Felt[4];
        Assert.Throws<ArgumentException>(() => Felt.BatchInverse(values, new Felt[3]));
    }

    // ---- exponentiation -------------------------------------------------------------------------

    [Property]
    public void Pow_ulong_matches_ModPow(Felt a, ulong e) =>
        Assert.Equal(BigInteger.ModPow(Big(a), e, P), Big(a.Pow(e)));

    [Property(MaxTest = 1000)]
    public void Pow_felt_matches_ModPow(Felt a, Felt e) =>
        Assert.Equal(BigInteger.ModPow(Big(a), Big(e), P), Big(a.Pow(e)));

    [Property(MaxTest = 500)]
    public void Pow_limbs_matches_ModPow_for_exponents_wider_than_P(Felt a, AnyUInt256 e)
    {
        var (l0, l1, l2, l3) = Limbs(e.Value);
        Assert.Equal(BigInteger.ModPow(Big(a), e.Value, P), Big(a.Pow([l0, l1, l2, l3])));
    }

    [Fact]
    public void Pow_edge_exponents()
    {
        var a = ToFelt(Edges[^4]);
        Assert.Equal(Felt.One, a.Pow(0UL));
        Assert.Equal(Felt.One, Felt.Zero.Pow(0UL));
        Assert.Equal(Felt.One, Felt.Zero.Pow(Felt.Zero));
        Assert.Equal(Felt.Zero, Felt.Zero.Pow(5UL));
        Assert.Equal(a, a.Pow(1UL));
        Assert.Equal(a.Square(), a.Pow(2UL));
        Assert.Equal(Felt.One, a.Pow(Felt.MaxValue)); // Fermat: a^(P-1) = 1
        Assert.Equal(a.Inverse(), a.Pow(Felt.MaxValue - Felt.One)); // a^(P-2) = 1/a
        Assert.Equal(Felt.One, a.Pow(ReadOnlySpan<ulong>.Empty));
        Assert.Equal(BigInteger.ModPow(Big(a), ulong.MaxValue, P), Big(a.Pow(ulong.MaxValue)));
    }

    // ---- square roots ---------------------------------------------------------------------------

    private static bool EulerIsResidue(BigInteger x) => x.IsZero || BigInteger.ModPow(x, (P - 1) / 2, P).IsOne;

    [Property(MaxTest = 3000)]
    public void Lazy_reduction_primitives_agree_with_BigInteger(Felt a, Felt b, Felt c)
    {
        // (a + b + c) + 2a  and  (a + b + c) + 2P − 2b  and  (a + b) + 2P − 2c, all below 8P, reduced once.
        var t = Felt.AddUnreduced(Felt.AddUnreduced(a, b), c);
        Assert.Equal((Big(a) * 3 + Big(b) + Big(c)) % P, Big(Felt.ReduceBelow8P(Felt.AddUnreduced(t, Felt.AddUnreduced(a, a)))));
        Assert.Equal(((Big(a) + Big(c) - Big(b)) % P + P) % P, Big(Felt.ReduceBelow8P(Felt.SubTwiceUnreduced(t, b))));
        Assert.Equal(((Big(a) + Big(b) - 2 * Big(c)) % P + 2 * P) % P, Big(Felt.ReduceBelow8P(Felt.SubTwiceUnreduced(Felt.AddUnreduced(a, b), c))));
    }

    [Property(MaxTest = 3000)]
    public void Legendre_symbol_agrees_with_Euler_criterion(Felt a)
    {
        var e = BigInteger.ModPow(Big(a), (P - 1) / 2, P);
        int expected = e.IsZero ? 0 : e.IsOne ? 1 : -1;
        Assert.Equal(expected, a.LegendreSymbol());
    }

    [Property(MaxTest = 1000)]
    public void TrySqrt_agrees_with_Euler_criterion(Felt a)
    {
        bool residue = EulerIsResidue(Big(a));
        Assert.Equal(residue, a.IsQuadraticResidue());
        bool ok = a.TrySqrt(out var root);
        Assert.Equal(residue, ok);
        if (ok)
        {
            Assert.Equal(Big(a), Mod(Big(root) * Big(root)));
            Assert.True(Big(root) <= P - Big(root) || root.IsZero, "the smaller of the two roots is returned");
        }
    }

    [Property(MaxTest = 1000)]
    public void Squares_have_roots_and_three_times_squares_do_not(Felt x)
    {
        var square = x.Square();
        Assert.True(square.IsQuadraticResidue());
        Assert.True(square.TrySqrt(out var root));
        Assert.True(root == x || root == -x);
        Assert.Equal(BigInteger.Min(Big(x), Mod(-Big(x))), Big(root));

        if (x.IsZero) return;
        // 3 generates the multiplicative group, so it is not a square, and neither is 3·x².
        var nonResidue = Felt.FromUInt64(3) * square;
        Assert.False(EulerIsResidue(Big(nonResidue)));
        Assert.False(nonResidue.IsQuadraticResidue());
        Assert.False(nonResidue.TrySqrt(out _));
    }

    [Fact]
    public void TrySqrt_edge_values()
    {
        Assert.True(Felt.Zero.TrySqrt(out var r0));
        Assert.Equal(Felt.Zero, r0);
        Assert.True(Felt.One.TrySqrt(out var r1));
        Assert.Equal(Felt.One, r1);
        Assert.True(Felt.FromUInt64(4).TrySqrt(out var r4));
        Assert.Equal(Felt.Two, r4);
        Assert.False(Felt.FromUInt64(3).TrySqrt(out _));
        // P ≡ 1 (mod 4), so −1 is a square.
        Assert.True(Felt.MaxValue.TrySqrt(out var ri));
        Assert.Equal(Felt.MaxValue, ri.Square());
        foreach (var x in Edges)
        {
            var a = ToFelt(x);
            Assert.Equal(EulerIsResidue(x), a.TrySqrt(out var r));
            if (EulerIsResidue(x)) Assert.Equal(a, r.Square());
        }
    }

    // ---- order and equality ---------------------------------------------------------------------

    [Property]
    public void CompareTo_is_integer_order(Felt a, Felt b)
    {
        int expected = Big(a).CompareTo(Big(b));
        Assert.Equal(expected, Math.Sign(a.CompareTo(b)));
        Assert.Equal(-expected, Math.Sign(b.CompareTo(a)));
        Assert.Equal(expected < 0, a < b);
        Assert.Equal(expected > 0, a > b);
        Assert.Equal(expected <= 0, a <= b);
        Assert.Equal(expected >= 0, a >= b);
        Assert.Equal(expected == 0, a == b);
        Assert.Equal(expected != 0, a != b);
        Assert.Equal(expected == 0, a.Equals(b));
        Assert.Equal(expected == 0, a.Equals((object)b));
        if (expected == 0) Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(0, a.CompareTo(a));
    }

    [Fact]
    public void Sorting_felts_sorts_their_integers()
    {
        var values = Values(99, 2000).ToList();
        var felts = values.Select(ToFelt).ToList();
        felts.Sort();
        values.Sort();
        Assert.Equal(values, felts.Select(Big));
        Assert.False(Felt.One.Equals("0x1"));
    }
}
