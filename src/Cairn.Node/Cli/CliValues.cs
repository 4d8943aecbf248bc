using System.Globalization;
using Cairn.Primitives;

namespace Cairn.Node.Cli;

/// <summary>Parsing of command-line values: felts, byte strings, counts.</summary>
public static class CliValues
{
    /// <summary>
    /// A felt from decimal, 0x hex, or a short string in single quotes ('SN_MAIN').
    /// </summary>
    public static Felt ParseFelt(string text, string what = "value")
    {
        var t = text.Trim();
        if (t.Length >= 2 && t[0] == '\'' && t[^1] == '\'')
        {
            if (!Felt.TryFromShortString(t.AsSpan(1, t.Length - 2), out var s, out var serr))
                throw new CliInputException($"{what} {text}: {serr}");
            return s;
        }
        if (!Felt.TryParse(t, out var f, out var error))
            throw new CliInputException($"{what}: {error}");
        return f;
    }

    /// <summary>Bytes from hex, with or without 0x; an odd number of digits gets a leading zero.</summary>
    public static byte[] ParseHexBytes(string text, string what = "bytes")
    {
        var t = text.Trim();
        if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) t = t[2..];
        if ((t.Length & 1) != 0) t = "0" + t;
        try
        {
            return Convert.FromHexString(t);
        }
        catch (FormatException)
        {
            throw new CliInputException($"{what}: '{text}' is not hex");
        }
    }

    public static string FormatBytes(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexStringLower(bytes);

    /// <summary>One line describing a felt: hex, decimal, and the short string when printable.</summary>
    public static string Describe(Felt f)
    {
        var line = f.ToHexString() + " " + f.ToDecimalString();
        if (!f.IsZero && f.TryToShortString(out var s)) line += " '" + s + "'";
        return line;
    }

    public static string Format(bool b) => b ? "true" : "false";

    public static int ParseCount(string text, string what)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            throw new CliInputException($"{what}: '{text}' is not a non-negative integer");
        return n;
    }
}
