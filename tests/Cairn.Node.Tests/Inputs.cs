using System.Globalization;
using System.Numerics;
using System.Text;

namespace Cairn.Node.Tests;

/// <summary>Constants of the Stark field and curve, computed independently of the code under test.</summary>
public static class Stark
{
    public static readonly BigInteger P = (BigInteger.One << 251) + 17 * (BigInteger.One << 192) + 1;

    public static readonly BigInteger N = BigInteger.Parse(
        "0800000000000010ffffffffffffffffb781126dcae7b2321e66a241adc64d2f", NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    public static readonly BigInteger Two251 = BigInteger.One << 251;

    public static readonly BigInteger Beta = BigInteger.Parse(
        "06f21413efbe40de150e596d72f7a8c5609ad26c15c915c1f4cdfcb99cee9e89", NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    /// <summary>x of the generator: the public key of private key 1.</summary>
    public const string GeneratorX = "0x1ef15c18599971b7beced415a40f0c7deacfd9b0d1819e03d723d8bc943cfca";

    public static bool IsOnCurveX(BigInteger x)
    {
        var rhs = ((BigInteger.ModPow(x, 3, P) + x + Beta) % P + P) % P;
        return rhs.IsZero || BigInteger.ModPow(rhs, (P - 1) / 2, P).IsOne;
    }

    /// <summary>The smallest x ≥ 2 that is not the x of a curve point.</summary>
    public static readonly BigInteger NotOnCurveX = FirstNotOnCurve();

    private static BigInteger FirstNotOnCurve()
    {
        for (BigInteger x = 2; ; x++)
        {
            if (!IsOnCurveX(x)) return x;
        }
    }

    /// <summary>Canonical lowercase 0x hex without leading zeros.</summary>
    public static string Hex(BigInteger v)
    {
        if (v.IsZero) return "0x0";
        var s = v.ToString("x", CultureInfo.InvariantCulture).TrimStart('0');
        return "0x" + s;
    }

    public static string Dec(BigInteger v) => v.ToString(CultureInfo.InvariantCulture);

    public static BigInteger FromShortString(string s)
    {
        BigInteger v = 0;
        foreach (char c in s) v = v * 256 + c;
        return v;
    }

    /// <summary>What `cairn felt` prints: hex, decimal, and the short string when the bytes are printable ASCII.</summary>
    public static string Describe(BigInteger v)
    {
        var line = Hex(v) + " " + Dec(v);
        if (v.IsZero) return line;
        var bytes = v.ToByteArray(isUnsigned: true, isBigEndian: true);
        if (bytes.Length > 31) return line;
        if (bytes.Any(b => b < 0x20 || b > 0x7E)) return line;
        return line + " '" + Encoding.ASCII.GetString(bytes) + "'";
    }
}

/// <summary>Seeded random values and renderings of them in every accepted input format.</summary>
public sealed class Inputs(int seed)
{
    private readonly Random _random = new(seed);

    public static readonly BigInteger[] Edges =
    [
        0, 1, 2, Stark.P - 1, Stark.P - 2, Stark.Two251, Stark.Two251 - 1,
        (BigInteger.One << 248) - 1, BigInteger.One << 248, (BigInteger.One << 248) + 1, BigInteger.One << 249,
        BigInteger.One << 63, (BigInteger.One << 63) - 1, BigInteger.One << 64, BigInteger.One << 192,
        Stark.P - (BigInteger.One << 248),
    ];

    public int NextInt(int max) => _random.Next(max);

    public BigInteger Below(BigInteger bound)
    {
        int bytes = bound.GetByteCount(isUnsigned: true);
        var buf = new byte[bytes];
        while (true)
        {
            _random.NextBytes(buf);
            var v = new BigInteger(buf, isUnsigned: true, isBigEndian: true);
            v >>= (bytes * 8) - (int)bound.GetBitLength();
            if (v < bound) return v;
        }
    }

    /// <summary>A uniform felt, sometimes small or an edge value.</summary>
    public BigInteger Felt()
    {
        return _random.Next(10) switch
        {
            0 => Edges[_random.Next(Edges.Length)],
            1 => (ulong)_random.NextInt64(),
            _ => Below(Stark.P),
        };
    }

    public BigInteger[] Felts(int min, int max)
    {
        var xs = new BigInteger[_random.Next(min, max + 1)];
        for (int i = 0; i < xs.Length; i++) xs[i] = Felt();
        return xs;
    }

    /// <summary>A private key in [1, N).</summary>
    public BigInteger PrivateKey() => _random.Next(20) == 0 ? (_random.Next(2) == 0 ? 1 : Stark.N - 1) : 1 + Below(Stark.N - 1);

    /// <summary>A message hash below 2^251.</summary>
    public BigInteger Hash251() => _random.Next(20) == 0 ? (_random.Next(2) == 0 ? 0 : Stark.Two251 - 1) : Below(Stark.Two251);

    private const string ShortChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-:!";

    public string ShortString(int maxLength = 31)
    {
        var chars = new char[_random.Next(1, maxLength + 1)];
        for (int i = 0; i < chars.Length; i++) chars[i] = ShortChars[_random.Next(ShortChars.Length)];
        return new string(chars);
    }

    /// <summary>The value in a random accepted format: decimal, hex, upper-case hex with leading zeros, padded hex.</summary>
    public string Render(BigInteger v)
    {
        switch (_random.Next(5))
        {
            case 0:
                return Stark.Dec(v);
            case 1:
                return "0" + new string('0', _random.Next(3)) + Stark.Dec(v);
            case 2:
                return "0X" + new string('0', _random.Next(1, 4)) + v.ToString("X", CultureInfo.InvariantCulture);
            case 3:
                return "0x" + v.ToString("x64", CultureInfo.InvariantCulture)[^64..];
            default:
                return Stark.Hex(v);
        }
    }

    /// <summary>A felt and how it is written: usually <see cref="Render"/>ed, sometimes as a 'short string'.</summary>
    public (BigInteger Value, string Text) FeltInput()
    {
        if (_random.Next(8) == 0)
        {
            var s = ShortString();
            return (Stark.FromShortString(s), "'" + s + "'");
        }
        var v = Felt();
        return (v, Render(v));
    }

    public byte[] Bytes(int maxLength)
    {
        var b = new byte[_random.Next(maxLength + 1)];
        _random.NextBytes(b);
        return b;
    }

    /// <summary>Hex of bytes with or without 0x, in either case.</summary>
    public string RenderBytes(byte[] bytes)
    {
        var hex = Convert.ToHexString(bytes);
        if (_random.Next(2) == 0) hex = hex.ToLowerInvariant();
        return _random.Next(3) switch
        {
            0 => hex,
            1 => "0X" + hex,
            _ => "0x" + hex,
        };
    }
}
