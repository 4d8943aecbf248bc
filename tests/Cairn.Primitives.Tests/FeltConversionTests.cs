using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cairn.Testing;
using FsCheck.Xunit;
using static Cairn.Primitives.Tests.FeltGen;

namespace Cairn.Primitives.Tests;

/// <summary>Text, byte, limb, BigInteger, u256 and short-string conversions.</summary>
[Properties(Arbitrary = [typeof(FeltArbitraries)], MaxTest = 3000, QuietOnSuccess = true)]
public partial class FeltConversionTests
{
    [GeneratedRegex("^0x(0|[1-9a-f][0-9a-f]{0,62})$")]
    private static partial Regex CanonicalFelt();

    // ---- hex and decimal text ---------------------------------------------------------------------

    [Property]
    public void ToString_is_canonical_lowercase_hex(Felt a)
    {
        var s = a.ToString();
        Assert.Equal(CanonicalHex(Big(a)), s);
        Assert.Matches(CanonicalFelt(), s);
        Assert.Equal(s, a.ToHexString());
        Assert.Equal(s, a.ToString(null, CultureInfo.InvariantCulture));
        Assert.Equal(s, a.ToString("x", CultureInfo.InvariantCulture));
        Assert.Equal(s, $"{a}");
    }

    [Property]
    public void Hex_round_trips_in_any_case_and_padding(Felt a)
    {
        var s = a.ToString();
        string digits = s[2..];
        Assert.Equal(a, Felt.Parse(s));
        Assert.Equal(a, Felt.Parse("0X" + digits.ToUpperInvariant()));
        Assert.Equal(a, Felt.Parse("0x" + digits.PadLeft(64, '0')));
        Assert.Equal(a, Felt.Parse("0x" + digits.PadLeft(80, '0')));
        Assert.Equal(a, Felt.Parse("0x00" + digits));
        Assert.True(Felt.TryParse(s, out var parsed));
        Assert.Equal(a, parsed);
        Assert.True(Felt.TryParse(s.AsSpan(), out var parsed2, out var error));
        Assert.Null(error);
        Assert.Equal(a, parsed2);
    }

    [Property]
    public void Padded_hex_has_64_digits(Felt a)
    {
        var s = a.ToPaddedHex();
        Assert.Equal(66, s.Length);
        Assert.Equal("0x" + Convert.ToHexStringLower(BytesBE(Big(a))), s);
        Assert.Equal(s, a.ToString("x64", CultureInfo.InvariantCulture));
        Assert.Equal(a, Felt.Parse(s));
    }

    [Property]
    public void Decimal_round_trips(Felt a)
    {
        string dec = Big(a).ToString(CultureInfo.InvariantCulture);
        Assert.Equal(dec, a.ToDecimalString());
        Assert.Equal(dec, a.ToString("d", CultureInfo.InvariantCulture));
        Assert.Equal(a, Felt.Parse(dec));
        Assert.Equal(a, Felt.Parse("000" + dec));
    }

    [Property]
    public void TryFormat_writes_canonical_hex_or_reports_a_short_buffer(Felt a)
    {
        var s = a.ToString();
        Span<char> big = stackalloc char[80];
        Assert.True(a.TryFormat(big, out int n, default, null));
        Assert.Equal(s, big[..n].ToString());
        Span<char> exact = stackalloc char[s.Length];
        Assert.True(a.TryFormatHex(exact, out n));
        Assert.Equal(s, exact.ToString());
        Span<char> shortBuf = stackalloc char[s.Length - 1];
        Assert.False(a.TryFormatHex(shortBuf, out _));
        Assert.True(a.TryFormat(big, out n, "d", null));
        Assert.Equal(a.ToDecimalString(), big[..n].ToString());
    }

    [Fact]
    public void Zero_and_small_values_format_without_leading_zeros()
    {
        Assert.Equal("0x0", Felt.Zero.ToString());
        Assert.Equal("0x1", Felt.One.ToString());
        Assert.Equal("0xf", Felt.FromUInt64(15).ToString());
        Assert.Equal("0x10", Felt.FromUInt64(16).ToString());
        Assert.Equal("0x100", Felt.FromUInt64(256).ToString());
        Assert.Equal("0x800000000000011000000000000000000000000000000000000000000000000", Felt.MaxValue.ToString());
        Assert.Equal("0", Felt.Zero.ToDecimalString());
        Assert.Equal("0x" + new string('0', 64), Felt.Zero.ToPaddedHex());
        Assert.Equal(Felt.Zero, Felt.Parse("0x0"));
        Assert.Equal(Felt.Zero, Felt.Parse("0x000"));
        Assert.Equal(Felt.Zero, Felt.Parse("0"));
        Assert.Equal(Felt.Zero, Felt.Parse("00"));
        Assert.Throws<FormatException>(() => Felt.One.ToString("q", CultureInfo.InvariantCulture));
    }

    public static TheoryData<string> BadTexts()
    {
        var p = P;
        return new TheoryData<string>
        {
            "", " ", "0x", "0X", "0xg1", "0x1g", "12a", "a", "x1", "-1", "+1", "0x-1", "1.5", "1e3", "0b101",
            "0x 1", "1 2", "٣", // Arabic-Indic digit three
            CanonicalHex(p), "0X" + p.ToString("X", CultureInfo.InvariantCulture),
            CanonicalHex(p + 1), CanonicalHex(Two256 - 1), "0x1" + new string('0', 64),
            p.ToString(CultureInfo.InvariantCulture), (p + 1).ToString(CultureInfo.InvariantCulture),
            (Two256 * 10).ToString(CultureInfo.InvariantCulture), "1" + new string('0', 80),
        };
    }

    [Theory]
    [MemberData(nameof(BadTexts))]
    public void Bad_text_is_rejected(string text)
    {
        Assert.False(Felt.TryParse(text, out _));
        Assert.False(Felt.TryParse(text, out var value, out var error));
        Assert.Equal(Felt.Zero, value);
        Assert.False(string.IsNullOrWhiteSpace(error));
        var e = Assert.Throws<FormatException>(() => Felt.Parse(text));
        Assert.Equal(error, e.Message);
    }

    [Property(MaxTest = 1000)]
    public void Values_at_or_above_P_are_rejected(NonFelt v)
    {
        Assert.False(Felt.TryParse(CanonicalHex(v.Value), out _));
        Assert.False(Felt.TryParse(v.Value.ToString(CultureInfo.InvariantCulture), out _));
        var (l0, l1, l2, l3) = Limbs(v.Value);
        Assert.False(Felt.TryFromLimbs(l0, l1, l2, l3, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => Felt.FromLimbs(l0, l1, l2, l3));
        Assert.False(Felt.TryFromBytesBE(BytesBE(v.Value), out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => Felt.FromBytesBE(BytesBE(v.Value)));
        var le = BytesBE(v.Value);
        Array.Reverse(le);
        Assert.False(Felt.TryFromBytesLE(le, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => Felt.FromBigInteger(v.Value));
        Assert.False(Felt.TryFromU256((UInt128)(v.Value & (Two128 - 1)), (UInt128)(v.Value >> 128), out _));
    }

    // ---- bytes ------------------------------------------------------------------------------

    [Property]
    public void Bytes_round_trip_big_and_little_endian(Felt a)
    {
        var be = BytesBE(Big(a));
        Assert.Equal(be, a.ToBytesBE());
        var le = be.Reverse().ToArray();
        Assert.Equal(le, a.ToBytesLE());
        Span<byte> buf = stackalloc byte[32];
        a.WriteBytesBE(buf);
        Assert.Equal(be, buf.ToArray());
        a.WriteBytesLE(buf);
        Assert.Equal(le, buf.ToArray());

        Assert.True(Felt.TryFromBytesBE(be, out var fromBe));
        Assert.Equal(a, fromBe);
        Assert.Equal(a, Felt.FromBytesBE(be));
        Assert.True(Felt.TryFromBytesLE(le, out var fromLe));
        Assert.Equal(a, fromLe);
        Assert.Equal(a, Felt.FromBytesLE(le));

        // Shorter encodings (leading zero bytes dropped, and the empty span for zero) are accepted.
        int skip = 0;
        while (skip < 32 && be[skip] == 0) skip++;
        Assert.Equal(a, Felt.FromBytesBE(be.AsSpan(skip)));
        Assert.Equal(a, Felt.FromBytesLE(le.AsSpan(0, 32 - skip)));
    }

    [Fact]
    public void More_than_32_bytes_are_rejected_even_when_small()
    {
        var b33 = new byte[33];
        b33[32] = 1;
        Assert.False(Felt.TryFromBytesBE(b33, out _));
        Assert.False(Felt.TryFromBytesLE(b33, out _));
        Assert.Throws<ArgumentException>(() => Felt.FromBytesBE(b33));
        Assert.Throws<ArgumentException>(() => Felt.FromBytesLE(b33));
        Assert.Throws<ArgumentException>(() => Felt.FromBytesBEReduced(b33));
        Assert.Throws<ArgumentException>(() => Felt.FromBytesBEReduced(new byte[31]));
        Assert.Equal(Felt.Zero, Felt.FromBytesBE([]));
        Assert.Equal(Felt.One, Felt.FromBytesBE([1]));
        Assert.Equal(Felt.FromUInt64(0x0102), Felt.FromBytesBE([1, 2]));
        Assert.Equal(Felt.FromUInt64(0x0201), Felt.FromBytesLE([1, 2]));
    }

    [Property]
    public void FromBytesBEReduced_is_mod_P(AnyUInt256 v) =>
        Assert.Equal(v.Value % P, Big(Felt.FromBytesBEReduced(BytesBE(v.Value))));

    [Property]
    public void FromLimbsReduced_is_mod_P(AnyUInt256 v)
    {
        var (l0, l1, l2, l3) = Limbs(v.Value);
        Assert.Equal(v.Value % P, Big(Felt.FromLimbsReduced(l0, l1, l2, l3)));
    }

    [Fact]
    public void Reduction_of_all_ones_and_boundaries()
    {
        Assert.Equal((Two256 - 1) % P, Big(Felt.FromLimbsReduced(ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue)));
        Assert.Equal((Two256 - 1) % P, Big(Felt.FromBytesBEReduced(Enumerable.Repeat((byte)0xff, 32).ToArray())));
        foreach (var v in new[] { P, P + 1, 2 * P - 1, 2 * P, 31 * P, 31 * P + 12345, Two256 - P, Two256 - 2, Two256 - 1 })
        {
            var (l0, l1, l2, l3) = Limbs(v);
            Assert.Equal(v % P, Big(Felt.FromLimbsReduced(l0, l1, l2, l3)));
            Assert.Equal(v % P, Big(Felt.FromBytesBEReduced(BytesBE(v))));
        }
    }

    // ---- limbs, BigInteger, u256, u64 ---------------------------------------------------------------

    [Property]
    public void Limbs_round_trip(Felt a)
    {
        a.ToLimbs(out var l0, out var l1, out var l2, out var l3);
        Assert.True(Felt.TryFromLimbs(l0, l1, l2, l3, out var back));
        Assert.Equal(a, back);
        Assert.Equal(a, Felt.FromLimbsReduced(l0, l1, l2, l3));
    }

    [Property]
    public void BigInteger_round_trips(Felt a)
    {
        var v = Big(a);
        Assert.Equal(v, a.ToBigInteger());
        Assert.Equal(v, (BigInteger)a);
        Assert.Equal(a, Felt.FromBigInteger(v));
        Assert.Equal(a, Felt.FromBigIntegerReduced(v));
        Assert.Equal(a, Felt.FromBigIntegerReduced(v + P));
        Assert.Equal(a, Felt.FromBigIntegerReduced(v - P));
        Assert.Equal(a, Felt.FromBigIntegerReduced(v + (P * P * 12345)));
        Assert.Equal(-a, Felt.FromBigIntegerReduced(-v));
    }

    [Fact]
    public void FromBigInteger_rejects_negative_values()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Felt.FromBigInteger(BigInteger.MinusOne));
        Assert.Throws<ArgumentOutOfRangeException>(() => Felt.FromBigInteger(P));
        Assert.Equal(Felt.MaxValue, Felt.FromBigIntegerReduced(BigInteger.MinusOne));
        Assert.Equal(Felt.Zero, Felt.FromBigIntegerReduced(-P));
    }

    [Property]
    public void SplitU256_and_TryFromU256_round_trip(Felt a)
    {
        var v = Big(a);
        a.SplitU256(out var low, out var high);
        Assert.Equal(v & (Two128 - 1), (BigInteger)low);
        Assert.Equal(v >> 128, (BigInteger)high);
        Assert.True(Felt.TryFromU256(low, high, out var back));
        Assert.Equal(a, back);
    }

    [Fact]
    public void TryFromU256_boundaries()
    {
        Assert.False(Felt.TryFromU256(UInt128.MaxValue, UInt128.MaxValue, out _));
        Assert.False(Felt.TryFromU256(1, (UInt128)(P >> 128), out _)); // exactly P
        Assert.True(Felt.TryFromU256(0, (UInt128)(P >> 128), out var pm1)); // P − 1
        Assert.Equal(Felt.MaxValue, pm1);
        Assert.True(Felt.TryFromU256(UInt128.MaxValue, 0, out var low));
        Assert.Equal(Two128 - 1, Big(low));
    }

    [Property]
    public void UInt64_conversions(Felt a, ulong u)
    {
        var v = Big(a);
        bool fits = v <= ulong.MaxValue;
        Assert.Equal(fits, a.TryToUInt64(out var got));
        if (fits)
        {
            Assert.Equal((ulong)v, got);
            Assert.Equal((ulong)v, a.ToUInt64());
        }
        else
        {
            Assert.Throws<OverflowException>(() => a.ToUInt64());
        }
        Assert.Equal(u, Felt.FromUInt64(u).ToUInt64());
        Assert.Equal(new BigInteger(u), Big(Felt.FromUInt64(u)));
    }

    [Property]
    public void BitLength_matches_BigInteger(Felt a)
    {
        var v = Big(a);
        Assert.Equal(v.IsZero ? 0 : (int)v.GetBitLength(), a.BitLength);
    }

    [Fact]
    public void BitLength_edges()
    {
        Assert.Equal(0, Felt.Zero.BitLength);
        Assert.Equal(1, Felt.One.BitLength);
        Assert.Equal(252, Felt.MaxValue.BitLength);
        Assert.Equal(252, ToFelt(BigInteger.Pow(2, 251)).BitLength);
        Assert.Equal(251, ToFelt(BigInteger.Pow(2, 251) - 1).BitLength);
        Assert.Equal(193, ToFelt(BigInteger.Pow(2, 192)).BitLength);
        Assert.Equal(129, ToFelt(Two128).BitLength);
        Assert.Equal(65, ToFelt(Two64).BitLength);
        Assert.Equal(64, ToFelt(BigInteger.Pow(2, 63)).BitLength);
    }

    // ---- short strings -----------------------------------------------------------------------

    private static JsonElement Primitives()
    {
        var path = Path.Combine(ScureOracle.VectorsDir, "primitives.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.Clone();
    }

    [Fact]
    public void Field_vectors_from_primitives_json()
    {
        var field = Primitives().GetProperty("field");
        var pText = field.GetProperty("P").GetString()!;
        Assert.Equal(P, BigInteger.Parse("0" + pText[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        Assert.False(Felt.TryParse(pText, out _));
        Assert.Equal(pText, Felt.MaxValue.ToString()[..^1] + "1"); // P − 1 ends in 0, P in 1

        var bound = field.GetProperty("l2_address_upper_bound").GetString()!;
        var boundFelt = Felt.Parse(bound);
        Assert.Equal(BigInteger.Pow(2, 251) - 256, Big(boundFelt));
        Assert.Equal(bound, boundFelt.ToString());
    }

    [Fact]
    public void Short_string_vectors_from_primitives_json()
    {
        var cases = Primitives().GetProperty("short_strings").GetProperty("cases");
        Assert.True(cases.GetArrayLength() >= 4);
        foreach (var c in cases.EnumerateArray())
        {
            var ascii = c.GetProperty("ascii").GetString()!;
            var felt = c.GetProperty("felt").GetString()!;
            var f = Felt.FromShortString(ascii);
            Assert.Equal(felt, f.ToString());
            Assert.Equal(Felt.Parse(felt), f);
            Assert.True(f.TryToShortString(out var back));
            Assert.Equal(ascii, back);
        }
    }

    [Theory]
    [InlineData("invoke", "0x696e766f6b65")]
    [InlineData("declare", "0x6465636c617265")]
    [InlineData("deploy_account", "0x6465706c6f795f6163636f756e74")]
    [InlineData("l1_handler", "0x6c315f68616e646c6572")]
    [InlineData("L1_GAS", "0x4c315f474153")]
    [InlineData("L2_GAS", "0x4c325f474153")]
    [InlineData("L1_DATA", "0x4c315f44415441")]
    [InlineData("STARKNET_CONTRACT_ADDRESS", "0x535441524b4e45545f434f4e54524143545f41444452455353")]
    [InlineData("CONTRACT_CLASS_V0.1.0", "0x434f4e54524143545f434c4153535f56302e312e30")]
    [InlineData("COMPILED_CLASS_V1", "0x434f4d50494c45445f434c4153535f5631")]
    [InlineData("CONTRACT_CLASS_LEAF_V0", "0x434f4e54524143545f434c4153535f4c4541465f5630")]
    [InlineData("STARKNET_STATE_V0", "0x535441524b4e45545f53544154455f5630")]
    [InlineData("STARKNET_BLOCK_HASH1", "0x535441524b4e45545f424c4f434b5f4841534831")]
    [InlineData("STARKNET_GAS_PRICES0", "0x535441524b4e45545f4741535f50524943455330")]
    public void Short_string_constants_from_the_spec(string ascii, string felt)
    {
        Assert.Equal(felt, Felt.FromShortString(ascii).ToString());
        Assert.True(Felt.Parse(felt).TryToShortString(out var back));
        Assert.Equal(ascii, back);
    }

    [Fact]
    public void Short_string_limits()
    {
        Assert.Equal(Felt.Zero, Felt.FromShortString(""));
        Assert.True(Felt.Zero.TryToShortString(out var empty));
        Assert.Equal("", empty);

        var s31 = new string('~', 31);
        var f31 = Felt.FromShortString(s31);
        Assert.Equal(new BigInteger(Encoding.ASCII.GetBytes(s31), isUnsigned: true, isBigEndian: true), Big(f31));
        Assert.True(f31.TryToShortString(out var back31));
        Assert.Equal(s31, back31);

        foreach (var bad in new[] { new string('a', 32), new string('a', 40), "é", "naïve", "日本", "abc\u0080", "\uFFFF" })
        {
            Assert.False(Felt.TryFromShortString(bad, out _, out var error));
            Assert.False(string.IsNullOrEmpty(error));
            Assert.Throws<FormatException>(() => Felt.FromShortString(bad));
        }
        // Not printable ASCII: no short string.
        Assert.False(Felt.FromUInt64(0x41_01).TryToShortString(out _));
        Assert.False(Felt.MaxValue.TryToShortString(out _));
    }

    [Fact]
    public void Random_printable_short_strings_round_trip()
    {
        var rng = new Random(31);
        for (int i = 0; i < 3000; i++)
        {
            int len = rng.Next(1, 32);
            var chars = new char[len];
            for (int j = 0; j < len; j++) chars[j] = (char)rng.Next(0x20, 0x7f);
            var s = new string(chars);
            var f = Felt.FromShortString(s);
            Assert.Equal(new BigInteger(Encoding.ASCII.GetBytes(s), isUnsigned: true, isBigEndian: true), Big(f));
            Assert.True(f.TryToShortString(out var back));
            Assert.Equal(s, back);
        }
    }
}
