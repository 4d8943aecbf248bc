using System.Numerics;
using System.Text.Json;
using Cairn.Crypto.Curve;
using Cairn.Crypto.Hashing;
using Cairn.Primitives;
using Cairn.Testing;

namespace Cairn.Crypto.Tests.Hashing;

/// <summary><see cref="Pedersen.HashMany"/> (lockstep affine additions) against <see cref="Pedersen.Hash"/>.</summary>
public class PedersenBatchTests
{
    private static readonly BigInteger Two248 = BigInteger.One << 248;

    private static Felt[] HashOneByOne(Felt[] a, Felt[] b)
    {
        var expected = new Felt[a.Length];
        for (int i = 0; i < a.Length; i++) expected[i] = Pedersen.Hash(a[i], b[i]);
        return expected;
    }

    private static void AssertSame(Felt[] expected, ReadOnlySpan<Felt> actual, Felt[] a, Felt[] b)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(expected[i] == actual[i], $"pair {i}: pedersen({a[i]}, {b[i]}) = {expected[i]}, batch gave {actual[i]}");
        }
    }

    /// <summary>Random felts plus 0, 1, P − 1, values near 2^251 and 2^248 and every high nibble.</summary>
    private static List<Felt> Inputs(RandomFelts rnd, int random)
    {
        var values = new List<Felt>(RandomFelts.Edges);
        var p = RandomFelts.P;
        foreach (var delta in new BigInteger[] { -2, -1, 0, 1, 2 })
        {
            values.Add(Felt.FromBigInteger((BigInteger.One << 251) + delta));
            values.Add(Felt.FromBigInteger(Two248 + delta));
            values.Add(Felt.FromBigInteger(p - 1 + (delta < 0 ? delta : 0)));
        }
        for (int nibble = 0; nibble < 8; nibble++)
        {
            var high = new BigInteger(nibble) * Two248;
            values.Add(Felt.FromBigIntegerReduced(high));
            values.Add(Felt.FromBigIntegerReduced(high + Two248 - 1));
            values.Add(Felt.FromBigIntegerReduced(high + rnd.Next().ToBigInteger() % Two248));
        }
        for (int i = 0; i < random; i++) values.Add(rnd.NextMixed());
        return values;
    }

    [Fact]
    public void Matches_single_hash_on_random_and_edge_pairs()
    {
        var rnd = new RandomFelts(401);
        var values = Inputs(rnd, 200);
        var a = new List<Felt>();
        var b = new List<Felt>();
        // Every pair of the edge values, then random pairings of all values.
        foreach (var x in values.Take(60))
        {
            foreach (var y in values.Take(60))
            {
                a.Add(x);
                b.Add(y);
            }
        }
        for (int i = 0; i < 2000; i++)
        {
            a.Add(values[rnd.NextInt(values.Count)]);
            b.Add(rnd.NextMixed());
        }

        Felt[] aa = [.. a], bb = [.. b];
        var result = new Felt[aa.Length];
        Pedersen.HashMany(aa, bb, result);
        AssertSame(HashOneByOne(aa, bb), result, aa, bb);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(PedersenBatch.MinBatch - 1)]
    [InlineData(PedersenBatch.MinBatch)]
    [InlineData(PedersenBatch.MinBatch + 1)]
    [InlineData(32)]
    [InlineData(PedersenBatch.MaxChunk)]
    [InlineData(PedersenBatch.MaxChunk + 1)]
    [InlineData(3 * PedersenBatch.MaxChunk - 5)]
    public void Every_batch_size_matches(int n)
    {
        var rnd = new RandomFelts(500 + n);
        var a = new Felt[n];
        var b = new Felt[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = rnd.NextMixed();
            b[i] = rnd.NextMixed();
        }

        // Guard cells past the end must stay untouched.
        var result = new Felt[n + 2];
        result[n] = 7;
        result[n + 1] = 9;
        Pedersen.HashMany(a, b, result.AsSpan(0, n));
        AssertSame(HashOneByOne(a, b), result.AsSpan(0, n), a, b);
        Assert.Equal((Felt)7, result[n]);
        Assert.Equal((Felt)9, result[n + 1]);
    }

    [Fact]
    public void Published_pairs_match_in_a_batch()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(ScureOracle.VectorsDir, "primitives.json")));
        var a = new List<Felt>();
        var b = new List<Felt>();
        var expected = new List<Felt>();
        // Repeat the vectors so the batch is well past the one-by-one threshold.
        while (a.Count < 4 * PedersenBatch.MinBatch)
        {
            foreach (var c in doc.RootElement.GetProperty("pedersen").GetProperty("pairs").EnumerateArray())
            {
                a.Add(Felt.Parse(c.GetProperty("a").GetString()));
                b.Add(Felt.Parse(c.GetProperty("b").GetString()));
                expected.Add(Felt.Parse(c.GetProperty("hash").GetString()));
            }
        }

        var result = new Felt[a.Count];
        Pedersen.HashMany([.. a], [.. b], result);
        AssertSame([.. expected], result, [.. a], [.. b]);
    }

    [Fact]
    public void Result_may_be_an_input()
    {
        var rnd = new RandomFelts(402);
        var a = new Felt[40];
        var b = new Felt[40];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = rnd.Next();
            b[i] = rnd.Next();
        }

        var expected = HashOneByOne(a, b);
        var inPlaceA = (Felt[])a.Clone();
        Pedersen.HashMany(inPlaceA, b, inPlaceA);
        AssertSame(expected, inPlaceA, a, b);
        var inPlaceB = (Felt[])b.Clone();
        Pedersen.HashMany(a, inPlaceB, inPlaceB);
        AssertSame(expected, inPlaceB, a, b);
    }

    [Fact]
    public void Mismatched_lengths_throw()
    {
        var three = new Felt[3];
        var two = new Felt[2];
        Assert.Throws<ArgumentException>(() => Pedersen.HashMany(three, two, three));
        Assert.Throws<ArgumentException>(() => Pedersen.HashMany(three, three, two));
    }

    /// <summary>
    /// Tables over the generator: shift G, P0 = P2 = G, P1 = P3 = 2^248·G, 4-bit windows, so hash(a, b) is
    /// x((1 + a + b)·G) and small inputs make the accumulator meet its addend (doublings, sums at infinity).
    /// </summary>
    private static readonly Lazy<PedersenTables> GeneratorTables = new(() =>
    {
        var g = StarkCurve.Generator;
        var high = StarkCurve.MultiplyGenerator(Felt.FromBigInteger(Two248)).ToAffine();
        return new PedersenTables(g, g, high, g, high, 4);
    });

    private static Felt Expected(Felt a, Felt b)
    {
        var k = (1 + a.ToBigInteger() + b.ToBigInteger()) % StarkCurve.OrderInteger;
        return StarkCurve.MultiplyGenerator(Felt.FromBigInteger(k)).ToAffine().X;
    }

    [Fact]
    public void Exceptional_additions_fall_back_to_the_exact_single_hash()
    {
        var t = GeneratorTables.Value;
        var rnd = new RandomFelts(403);
        var a = new List<Felt>();
        var b = new List<Felt>();
        // a = 1, b = 0: G + G at the first addition (a doubling); a = 15: G + (−G) (digit −1, infinity mid-way);
        // a = 15, b = 16: 16·G + 16·G in b's windows; then many small pairs, and random ones between them.
        (ulong A, ulong B)[] fixedPairs = [(1, 0), (15, 0), (15, 16), (0, 1), (0, 15), (31, 32), (2, 3), (255, 256)];
        foreach (var (x, y) in fixedPairs)
        {
            a.Add(x);
            b.Add(y);
        }
        for (int i = 0; i < 300; i++)
        {
            bool small = i % 3 != 0;
            a.Add(small ? (Felt)(ulong)rnd.NextInt(600) : rnd.Next());
            b.Add(small ? (Felt)(ulong)rnd.NextInt(600) : rnd.Next());
        }

        Felt[] aa = [.. a], bb = [.. b];
        var result = new Felt[aa.Length];
        PedersenBatch.HashMany(t, aa, bb, result);
        for (int i = 0; i < aa.Length; i++)
        {
            var expected = Expected(aa[i], bb[i]);
            Assert.True(expected == t.Hash(aa[i], bb[i]), $"single hash of ({aa[i]}, {bb[i]})");
            Assert.True(expected == result[i], $"batch hash of ({aa[i]}, {bb[i]}): {result[i]} instead of {expected}");
        }
    }

    [Fact]
    public void A_sum_at_infinity_throws_like_the_single_hash()
    {
        var t = GeneratorTables.Value;
        var nMinusTwo = StarkCurve.Order - Felt.Two; // 1 + (N − 2) + 1 = N: the sum is infinity
        var a = new Felt[2 * PedersenBatch.MinBatch];
        var b = new Felt[a.Length];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = (ulong)(i + 5);
            b[i] = (ulong)(i * 7);
        }

        a[3] = nMinusTwo;
        b[3] = Felt.One;
        Assert.Throws<InvalidOperationException>(() => t.Hash(nMinusTwo, Felt.One));
        Assert.Throws<InvalidOperationException>(() => PedersenBatch.HashMany(t, a, b, new Felt[a.Length]));
    }

    [Fact]
    public void Batches_do_not_allocate_once_warm()
    {
        var rnd = new RandomFelts(404);
        var a = new Felt[64];
        var b = new Felt[64];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = rnd.Next();
            b[i] = rnd.Next();
        }

        var result = new Felt[64];
        for (int i = 0; i < 3; i++) Pedersen.HashMany(a, b, result);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++) Pedersen.HashMany(a, b, result);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
