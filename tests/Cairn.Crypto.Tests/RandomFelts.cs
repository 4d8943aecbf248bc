using System.Numerics;
using Cairn.Primitives;

namespace Cairn.Crypto.Tests;

/// <summary>Seeded random felts and the edge values every differential test includes.</summary>
public sealed class RandomFelts(int seed)
{
    private readonly Random _random = new(seed);

    public static readonly BigInteger P = (BigInteger.One << 251) + 17 * (BigInteger.One << 192) + 1;

    public static readonly Felt[] Edges =
    [
        Felt.Zero, Felt.One, Felt.Two, Felt.MaxValue, Felt.MaxValue - Felt.One,
        Felt.FromBigInteger(BigInteger.One << 251), Felt.FromBigInteger((BigInteger.One << 251) - 1),
        Felt.FromBigInteger((BigInteger.One << 248) - 1), Felt.FromBigInteger(BigInteger.One << 248),
        Felt.FromBigInteger((BigInteger.One << 248) + 1), Felt.FromBigInteger(BigInteger.One << 249),
        Felt.FromBigInteger(BigInteger.One << 63), Felt.FromBigInteger((BigInteger.One << 63) - 1),
        Felt.FromBigInteger(BigInteger.One << 64), Felt.FromBigInteger(BigInteger.One << 192),
        Felt.FromBigInteger(P - (BigInteger.One << 248)),
    ];

    /// <summary>A uniform felt in [0, P).</summary>
    public Felt Next()
    {
        Span<byte> b = stackalloc byte[32];
        while (true)
        {
            _random.NextBytes(b);
            b[0] &= 0x0F;
            if (Felt.TryFromBytesBE(b, out var f)) return f;
        }
    }

    /// <summary>Mostly uniform felts, sometimes small or an edge value.</summary>
    public Felt NextMixed()
    {
        int kind = _random.Next(10);
        if (kind == 0) return Edges[_random.Next(Edges.Length)];
        if (kind == 1) return Felt.FromUInt64((ulong)_random.NextInt64());
        return Next();
    }

    /// <summary>A felt below 2^251 (message hashes, r).</summary>
    public Felt NextBelow251()
    {
        Span<byte> b = stackalloc byte[32];
        _random.NextBytes(b);
        b[0] &= 0x07;
        return Felt.FromBytesBE(b);
    }

    public int NextInt(int max) => _random.Next(max);
}
