using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;

namespace Cairn.Primitives;

public readonly partial struct Felt : ISpanFormattable
{
    /// <summary>The field prime P.</summary>
    public static readonly BigInteger Modulus = (BigInteger.One << 251) + 17 * (BigInteger.One << 192) + 1;

    // ---- bytes ---------------------------------------------------------------------------

    /// <summary>
    /// Reads a big-endian integer of at most 32 bytes. Returns false when longer than 32 bytes or ≥ P.
    /// </summary>
    public static bool TryFromBytesBE(ReadOnlySpan<byte> bytes, out Felt value)
    {
        value = default;
        if (bytes.Length > 32) return false;
        Span<byte> buf = stackalloc byte[32];
        buf.Clear();
        bytes.CopyTo(buf[(32 - bytes.Length)..]);
        ulong l3 = BinaryPrimitives.ReadUInt64BigEndian(buf);
        ulong l2 = BinaryPrimitives.ReadUInt64BigEndian(buf[8..]);
        ulong l1 = BinaryPrimitives.ReadUInt64BigEndian(buf[16..]);
        ulong l0 = BinaryPrimitives.ReadUInt64BigEndian(buf[24..]);
        return TryFromLimbs(l0, l1, l2, l3, out value);
    }

    /// <summary>Reads a big-endian integer of at most 32 bytes; throws when it is not a felt.</summary>
    public static Felt FromBytesBE(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > 32) throw new ArgumentException($"a felt has at most 32 bytes, got {bytes.Length}", nameof(bytes));
        if (!TryFromBytesBE(bytes, out var f)) ThrowNotInField();
        return f;
    }

    /// <summary>Reads a 32-byte big-endian integer and reduces it modulo P.</summary>
    public static Felt FromBytesBEReduced(ReadOnlySpan<byte> bytes32)
    {
        if (bytes32.Length != 32) throw new ArgumentException("expected 32 bytes", nameof(bytes32));
        return FromLimbsReduced(
            BinaryPrimitives.ReadUInt64BigEndian(bytes32[24..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes32[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes32[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes32));
    }

    /// <summary>Reads a little-endian integer of at most 32 bytes. Returns false when ≥ P.</summary>
    public static bool TryFromBytesLE(ReadOnlySpan<byte> bytes, out Felt value)
    {
        value = default;
        if (bytes.Length > 32) return false;
        Span<byte> buf = stackalloc byte[32];
        buf.Clear();
        bytes.CopyTo(buf);
        return TryFromLimbs(
            BinaryPrimitives.ReadUInt64LittleEndian(buf),
            BinaryPrimitives.ReadUInt64LittleEndian(buf[8..]),
            BinaryPrimitives.ReadUInt64LittleEndian(buf[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(buf[24..]), out value);
    }

    public static Felt FromBytesLE(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > 32) throw new ArgumentException($"a felt has at most 32 bytes, got {bytes.Length}", nameof(bytes));
        if (!TryFromBytesLE(bytes, out var f)) ThrowNotInField();
        return f;
    }

    /// <summary>Writes the canonical value as 32 big-endian bytes.</summary>
    public void WriteBytesBE(Span<byte> destination)
    {
        ToLimbs(out var l0, out var l1, out var l2, out var l3);
        BinaryPrimitives.WriteUInt64BigEndian(destination, l3);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], l2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], l1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], l0);
    }

    /// <summary>Writes the canonical value as 32 little-endian bytes.</summary>
    public void WriteBytesLE(Span<byte> destination)
    {
        ToLimbs(out var l0, out var l1, out var l2, out var l3);
        BinaryPrimitives.WriteUInt64LittleEndian(destination, l0);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], l1);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], l2);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[24..], l3);
    }

    public byte[] ToBytesBE()
    {
        var b = new byte[32];
        WriteBytesBE(b);
        return b;
    }

    public byte[] ToBytesLE()
    {
        var b = new byte[32];
        WriteBytesLE(b);
        return b;
    }

    // ---- BigInteger -----------------------------------------------------------------------

    public BigInteger ToBigInteger()
    {
        Span<byte> b = stackalloc byte[32];
        WriteBytesLE(b);
        return new BigInteger(b, isUnsigned: true, isBigEndian: false);
    }

    /// <summary>Converts an integer in [0, P); throws otherwise.</summary>
    public static Felt FromBigInteger(BigInteger value)
    {
        if (value.Sign < 0 || value >= Modulus) ThrowNotInField();
        Span<byte> b = stackalloc byte[32];
        b.Clear();
        value.TryWriteBytes(b, out _, isUnsigned: true, isBigEndian: false);
        return FromBytesLE(b);
    }

    /// <summary>Converts any integer, reducing it modulo P (negative values wrap).</summary>
    public static Felt FromBigIntegerReduced(BigInteger value)
    {
        var r = BigInteger.Remainder(value, Modulus);
        if (r.Sign < 0) r += Modulus;
        return FromBigInteger(r);
    }

    public static explicit operator BigInteger(Felt f) => f.ToBigInteger();

    // ---- small integers --------------------------------------------------------------------

    /// <summary>True when the value fits in 64 bits.</summary>
    public bool TryToUInt64(out ulong value)
    {
        ToLimbs(out var l0, out var l1, out var l2, out var l3);
        value = l0;
        return (l1 | l2 | l3) == 0;
    }

    public ulong ToUInt64()
    {
        if (!TryToUInt64(out var v)) throw new OverflowException("felt does not fit in 64 bits");
        return v;
    }

    /// <summary>Number of significant bits of the canonical integer (0 for zero).</summary>
    public int BitLength
    {
        get
        {
            ToLimbs(out var l0, out var l1, out var l2, out var l3);
            if (l3 != 0) return 256 - BitOperations.LeadingZeroCount(l3);
            if (l2 != 0) return 192 - BitOperations.LeadingZeroCount(l2);
            if (l1 != 0) return 128 - BitOperations.LeadingZeroCount(l1);
            return 64 - BitOperations.LeadingZeroCount(l0);
        }
    }

    // ---- u256 ---------------------------------------------------------------------------

    /// <summary>Splits the canonical integer into its low and high 128-bit halves (Cairo's u256).</summary>
    public void SplitU256(out UInt128 low, out UInt128 high)
    {
        ToLimbs(out var l0, out var l1, out var l2, out var l3);
        low = new UInt128(l1, l0);
        high = new UInt128(l3, l2);
    }

    /// <summary>Joins a u256 (low, high). Returns false when the value is ≥ P.</summary>
    public static bool TryFromU256(UInt128 low, UInt128 high, out Felt value) =>
        TryFromLimbs((ulong)low, (ulong)(low >> 64), (ulong)high, (ulong)(high >> 64), out value);

    public static Felt FromUInt128(UInt128 value) => FromCanonicalUnchecked((ulong)value, (ulong)(value >> 64), 0, 0);

    // ---- text ---------------------------------------------------------------------------

    /// <summary>Canonical lowercase 0x hex without leading zeros ("0x0" for zero).</summary>
    public override string ToString() => ToHexString();

    public string ToString(string? format, IFormatProvider? formatProvider) => format switch
    {
        null or "" or "x" => ToHexString(),
        "d" or "D" => ToDecimalString(),
        "X64" or "x64" => ToPaddedHex(),
        _ => throw new FormatException($"unknown felt format '{format}'"),
    };

    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        if (format.Length == 0 || format is "x")
        {
            return TryFormatHex(destination, out charsWritten);
        }
        var s = ToString(format.ToString(), provider);
        charsWritten = 0;
        if (s.Length > destination.Length) return false;
        s.CopyTo(destination);
        charsWritten = s.Length;
        return true;
    }

    /// <summary>Writes canonical 0x hex into <paramref name="destination"/> (at most 66 chars).</summary>
    public bool TryFormatHex(Span<char> destination, out int charsWritten)
    {
        Span<byte> be = stackalloc byte[32];
        WriteBytesBE(be);
        int first = 0;
        while (first < 32 && be[first] == 0) first++;
        charsWritten = 0;
        if (first == 32)
        {
            if (destination.Length < 3) return false;
            destination[0] = '0'; destination[1] = 'x'; destination[2] = '0';
            charsWritten = 3;
            return true;
        }
        bool skipNibble = be[first] < 0x10;
        int len = 2 + (32 - first) * 2 - (skipNibble ? 1 : 0);
        if (destination.Length < len) return false;
        destination[0] = '0'; destination[1] = 'x';
        int pos = 2;
        for (int i = first; i < 32; i++)
        {
            if (!(i == first && skipNibble)) destination[pos++] = HexDigit(be[i] >> 4);
            destination[pos++] = HexDigit(be[i] & 0xF);
        }
        charsWritten = pos;
        return true;
    }

    private static char HexDigit(int v) => (char)(v < 10 ? '0' + v : 'a' + v - 10);

    public string ToHexString()
    {
        Span<char> buf = stackalloc char[66];
        TryFormatHex(buf, out int n);
        return new string(buf[..n]);
    }

    /// <summary>0x followed by exactly 64 lowercase hex digits.</summary>
    public string ToPaddedHex()
    {
        Span<byte> be = stackalloc byte[32];
        WriteBytesBE(be);
        return "0x" + Convert.ToHexStringLower(be);
    }

    public string ToDecimalString() => ToBigInteger().ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses "0x"-prefixed hex (any case, leading zeros allowed) or a decimal integer.
    /// Fails on anything else or on a value ≥ P.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Felt value) => TryParse(text, out value, out _);

    /// <summary>As <see cref="TryParse(ReadOnlySpan{char}, out Felt)"/>, with the reason for a failure.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Felt value, [NotNullWhen(false)] out string? error)
    {
        value = default;
        text = text.Trim();
        if (text.Length == 0)
        {
            error = "empty value";
            return false;
        }
        if (text.Length >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
        {
            return TryParseHexDigits(text[2..], out value, out error);
        }
        foreach (char ch in text)
        {
            if (ch < '0' || ch > '9')
            {
                error = $"'{text.ToString()}' is not a number (expected decimal or 0x-prefixed hex)";
                return false;
            }
        }
        // At most 77 decimal digits can be below P (P has 76).
        var trimmed = text.TrimStart('0');
        if (trimmed.Length > 76)
        {
            error = $"{text.ToString()} is not below the field prime P";
            return false;
        }
        var bi = trimmed.Length == 0 ? BigInteger.Zero : BigInteger.Parse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture);
        if (bi >= Modulus)
        {
            error = $"{text.ToString()} is not below the field prime P";
            return false;
        }
        value = FromBigInteger(bi);
        error = null;
        return true;
    }

    private static bool TryParseHexDigits(ReadOnlySpan<char> digits, out Felt value, [NotNullWhen(false)] out string? error)
    {
        value = default;
        if (digits.Length == 0)
        {
            error = "'0x' has no digits";
            return false;
        }
        var d = digits.TrimStart('0');
        if (d.Length > 64)
        {
            error = $"0x{digits.ToString()} is longer than 256 bits";
            return false;
        }
        ulong l0 = 0, l1 = 0, l2 = 0, l3 = 0;
        foreach (char ch in d)
        {
            int v = ch switch
            {
                >= '0' and <= '9' => ch - '0',
                >= 'a' and <= 'f' => ch - 'a' + 10,
                >= 'A' and <= 'F' => ch - 'A' + 10,
                _ => -1,
            };
            if (v < 0)
            {
                error = $"'0x{digits.ToString()}' is not valid hex";
                return false;
            }
            l3 = (l3 << 4) | (l2 >> 60);
            l2 = (l2 << 4) | (l1 >> 60);
            l1 = (l1 << 4) | (l0 >> 60);
            l0 = (l0 << 4) | (uint)v;
        }
        if (!TryFromLimbs(l0, l1, l2, l3, out value))
        {
            error = $"0x{digits.ToString()} is not below the field prime P";
            return false;
        }
        error = null;
        return true;
    }

    /// <summary>Parses hex or decimal; throws <see cref="FormatException"/> with the reason.</summary>
    public static Felt Parse(ReadOnlySpan<char> text)
    {
        if (!TryParse(text, out var f, out var error)) throw new FormatException(error);
        return f;
    }

    // ---- short strings ------------------------------------------------------------------

    /// <summary>Cairo short string: at most 31 ASCII characters read as a big-endian integer.</summary>
    public static bool TryFromShortString(ReadOnlySpan<char> text, out Felt value, [NotNullWhen(false)] out string? error)
    {
        value = default;
        if (text.Length > 31)
        {
            error = $"a short string has at most 31 characters, got {text.Length}";
            return false;
        }
        Span<byte> bytes = stackalloc byte[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] > 0x7F)
            {
                error = "a short string must be ASCII";
                return false;
            }
            bytes[i] = (byte)text[i];
        }
        value = FromBytesBE(bytes);
        error = null;
        return true;
    }

    public static Felt FromShortString(ReadOnlySpan<char> text)
    {
        if (!TryFromShortString(text, out var f, out var error)) throw new FormatException(error);
        return f;
    }

    /// <summary>
    /// Decodes the value as a short string when its bytes (leading zero bytes dropped) are all
    /// printable ASCII. Zero decodes as the empty string.
    /// </summary>
    public bool TryToShortString([NotNullWhen(true)] out string? text)
    {
        Span<byte> be = stackalloc byte[32];
        WriteBytesBE(be);
        int first = 0;
        while (first < 32 && be[first] == 0) first++;
        text = null;
        if (first == 0) return false; // 32 significant bytes cannot be a short string
        var chars = new char[32 - first];
        for (int i = first; i < 32; i++)
        {
            byte b = be[i];
            if (b < 0x20 || b > 0x7E) return false;
            chars[i - first] = (char)b;
        }
        text = new string(chars);
        return true;
    }
}
