using System.Numerics;
using Cairn.Primitives;
using FsCheck;
using FsCheck.Fluent;

namespace Cairn.Primitives.Tests;

/// <summary>
/// Reference values and random felts for the property tests. Everything here is computed with
/// <see cref="BigInteger"/> and never with Felt's own arithmetic.
/// </summary>
public static class FeltGen
{
    /// <summary>P = 2^251 + 17·2^192 + 1, computed independently of <see cref="Felt.Modulus"/>.</summary>
    public static readonly BigInteger P = BigInteger.Pow(2, 251) + 17 * BigInteger.Pow(2, 192) + 1;

    public static readonly BigInteger Two64 = BigInteger.One << 64;
    public static readonly BigInteger Two128 = BigInteger.One << 128;
    public static readonly BigInteger Two256 = BigInteger.One << 256;
    public static readonly BigInteger Mask64 = Two64 - 1;

    /// <summary>The values most likely to break carries, reductions and formatting.</summary>
    public static readonly BigInteger[] Edges = BuildEdges();

    private static BigInteger[] BuildEdges()
    {
        var b = new List<BigInteger>
        {
            0, 1, 2, 3, 16, 255, 256,
            P - 1, P - 2, P - 3, (P - 1) / 2, (P + 1) / 2,
            BigInteger.Pow(2, 251), BigInteger.Pow(2, 251) - 1, BigInteger.Pow(2, 251) + 1,
            BigInteger.Pow(2, 250), BigInteger.Pow(2, 251) - 256,
            BigInteger.Pow(2, 192), BigInteger.Pow(2, 192) - 1, BigInteger.Pow(2, 192) + 1,
            17 * BigInteger.Pow(2, 192), P - BigInteger.Pow(2, 192), P - Two64, P - Two128,
            Two128, Two128 - 1, Two128 + 1,
            Two64, Two64 - 1, Two64 + 1,
            BigInteger.Pow(2, 63), BigInteger.Pow(2, 63) - 1, BigInteger.Pow(2, 32), uint.MaxValue,
            // every limb set, as high as a felt allows: limb 3 = 0x0800000000000010, limbs 0..2 all ones
            FromLimbs(ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, 0x0800000000000010UL),
            FromLimbs(ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, 0x07ffffffffffffffUL),
            FromLimbs(ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, 1),
            FromLimbs(ulong.MaxValue, ulong.MaxValue, 0, 0x0800000000000010UL),
            FromLimbs(1, 0, 0, 0x0800000000000010UL),
            FromLimbs(0, 0, 0, 0x0800000000000011UL), // = P − 1
            FromLimbs(0x8000000000000000UL, 0x8000000000000000UL, 0x8000000000000000UL, 0x0400000000000000UL),
            FromLimbs(0x5555555555555555UL, 0xaaaaaaaaaaaaaaaaUL, 0x5555555555555555UL, 0x0555555555555555UL),
            // Montgomery constants: R = 2^256 mod P, R^2, R^-1
            Two256 % P, Two256 * Two256 % P, BigInteger.ModPow(Two256 % P, P - 2, P),
        };
        return [.. b.Distinct()];
    }

    public static BigInteger FromLimbs(ulong l0, ulong l1, ulong l2, ulong l3) =>
        new BigInteger(l0) | (new BigInteger(l1) << 64) | (new BigInteger(l2) << 128) | (new BigInteger(l3) << 192);

    public static (ulong L0, ulong L1, ulong L2, ulong L3) Limbs(BigInteger v) =>
        ((ulong)(v & Mask64), (ulong)((v >> 64) & Mask64), (ulong)((v >> 128) & Mask64), (ulong)((v >> 192) & Mask64));

    /// <summary>A felt from an integer in [0, P), through its limbs (not through FromBigInteger).</summary>
    public static Felt ToFelt(BigInteger v)
    {
        if (v.Sign < 0 || v >= P) throw new ArgumentOutOfRangeException(nameof(v));
        var (l0, l1, l2, l3) = Limbs(v);
        return Felt.FromLimbs(l0, l1, l2, l3);
    }

    /// <summary>The canonical integer of a felt, through its limbs (not through ToBigInteger).</summary>
    public static BigInteger Big(Felt f)
    {
        f.ToLimbs(out var l0, out var l1, out var l2, out var l3);
        return FromLimbs(l0, l1, l2, l3);
    }

    public static BigInteger Mod(BigInteger v)
    {
        var r = BigInteger.Remainder(v, P);
        return r.Sign < 0 ? r + P : r;
    }

    public static BigInteger RandomBits(Random rng, int bits)
    {
        if (bits <= 0) return BigInteger.Zero;
        var bytes = new byte[(bits + 7) / 8];
        rng.NextBytes(bytes);
        var v = new BigInteger(bytes, isUnsigned: true, isBigEndian: false);
        return v & ((BigInteger.One << bits) - 1);
    }

    private static ulong RandomLimb(Random rng) => rng.Next(8) switch
    {
        0 => 0,
        1 => ulong.MaxValue,
        2 => 1,
        3 => 0x8000000000000000UL,
        4 => (ulong)rng.NextInt64() >> rng.Next(64),
        _ => (ulong)rng.NextInt64() ^ ((ulong)rng.Next() << 40),
    };

    /// <summary>A value in [0, P): edges, edges ± small, uniform, short, or structured limbs.</summary>
    public static BigInteger RandomValue(Random rng)
    {
        int kind = rng.Next(100);
        if (kind < 12) return Edges[rng.Next(Edges.Length)];
        if (kind < 22) return Mod(Edges[rng.Next(Edges.Length)] + rng.Next(-1000, 1001));
        if (kind < 62) return RandomBits(rng, 256) % P;
        if (kind < 80) return RandomBits(rng, rng.Next(0, 253)) % P;
        if (kind < 92) return FromLimbs(RandomLimb(rng), RandomLimb(rng), RandomLimb(rng), RandomLimb(rng)) % P;
        return rng.Next(2) == 0 ? rng.Next(0, 100_000) : P - 1 - rng.Next(0, 100_000);
    }

    /// <summary>A value in [P, 2^256): not a felt.</summary>
    public static BigInteger RandomNonFelt(Random rng) => rng.Next(4) switch
    {
        0 => P + rng.Next(0, 1000),
        1 => Two256 - 1 - rng.Next(0, 1000),
        _ => P + RandomBits(rng, 256) % (Two256 - P),
    };

    /// <summary>Deterministic random values for loop-style tests.</summary>
    public static IEnumerable<BigInteger> Values(int seed, int count)
    {
        var rng = new Random(seed);
        foreach (var e in Edges) yield return e;
        for (int i = 0; i < count; i++) yield return RandomValue(rng);
    }

    public static string CanonicalHex(BigInteger v) =>
        v.IsZero ? "0x0" : "0x" + v.ToString("x", System.Globalization.CultureInfo.InvariantCulture).TrimStart('0');

    public static byte[] BytesBE(BigInteger v, int length = 32)
    {
        var raw = v.ToByteArray(isUnsigned: true, isBigEndian: true);
        if (v.IsZero) raw = [];
        if (raw.Length > length) throw new ArgumentOutOfRangeException(nameof(v));
        var b = new byte[length];
        raw.CopyTo(b, length - raw.Length);
        return b;
    }
}

/// <summary>FsCheck generators: felts built from <see cref="FeltGen.RandomValue"/>, and non-felt integers.</summary>
public static class FeltArbitraries
{
    private static Gen<int> Seeds => Gen.Choose(0, int.MaxValue - 1);

    public static Arbitrary<Felt> Felts() =>
        Seeds.Select(s => FeltGen.ToFelt(FeltGen.RandomValue(new Random(s)))).ToArbitrary();

    public static Arbitrary<NonFelt> NonFelts() =>
        Seeds.Select(s => new NonFelt(FeltGen.RandomNonFelt(new Random(s)))).ToArbitrary();

    public static Arbitrary<AnyUInt256> AnyUInt256s() =>
        Seeds.Select(s =>
        {
            var rng = new Random(s);
            var v = rng.Next(3) switch
            {
                0 => FeltGen.RandomNonFelt(rng),
                1 => FeltGen.RandomValue(rng),
                _ => FeltGen.RandomBits(rng, 256),
            };
            return new AnyUInt256(v);
        }).ToArbitrary();

    public static Arbitrary<ulong> UInt64s() =>
        Seeds.Select(s =>
        {
            var rng = new Random(s);
            return rng.Next(6) switch
            {
                0 => (ulong)rng.Next(0, 4),
                1 => ulong.MaxValue - (ulong)rng.Next(0, 4),
                2 => (ulong)rng.Next(),
                _ => (ulong)rng.NextInt64() ^ ((ulong)rng.Next(2) << 63),
            };
        }).ToArbitrary();
}

/// <summary>An integer in [P, 2^256).</summary>
public readonly record struct NonFelt(BigInteger Value);

/// <summary>Any integer in [0, 2^256).</summary>
public readonly record struct AnyUInt256(BigInteger Value);
