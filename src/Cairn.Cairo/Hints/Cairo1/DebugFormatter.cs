using System.Globalization;
using System.Text;
using Cairn.Primitives;

namespace Cairn.Cairo.Hints.Cairo1;

/// <summary>
/// Formats felts as the reference runner's <c>DebugPrint</c> does (casm_run <c>format_for_debug</c>):
/// serialized ByteArrays (after <see cref="ByteArrayMagic"/>) as text, other felts as
/// <c>[DEBUG]\t0x… ('short string')</c> lines; a lone string is printed without a newline.
/// </summary>
public static class DebugFormatter
{
    /// <summary><c>core::byte_array::BYTE_ARRAY_MAGIC</c>.</summary>
    public static readonly Felt ByteArrayMagic = Felt.Parse("0x46a6158a16a947e5916b2a2ca68501a45e93d7110e81aa2d6438b1c57c879a3");

    private const int BytesInWord = 31;

    public static string Format(IReadOnlyList<Felt> felts)
    {
        var items = new List<(string Text, bool IsString)>();
        int i = 0;
        while (i < felts.Count)
        {
            Felt first = felts[i++];
            if (first == ByteArrayMagic && TryFormatString(felts, ref i, out var text))
            {
                items.Add((text, true));
                continue;
            }
            items.Add((FormatShortString(first), false));
        }
        if (items.Count == 1 && items[0].IsString) return items[0].Text;
        var sb = new StringBuilder();
        foreach (var (text, isString) in items)
        {
            sb.Append(isString ? text + "\n" : "[DEBUG]\t" + text + "\n");
        }
        return sb.ToString();
    }

    private static bool TryFormatString(IReadOnlyList<Felt> felts, ref int index, out string text)
    {
        text = string.Empty;
        int i = index;
        if (i >= felts.Count || !felts[i].TryToUInt64(out ulong nFull) || nFull > (ulong)felts.Count) return false;
        i++;
        var sb = new StringBuilder();
        for (ulong w = 0; w < nFull; w++)
        {
            if (i >= felts.Count) return false;
            var s = ShortStringEx(felts[i++], BytesInWord);
            if (s is null) return false;
            sb.Append(s);
        }
        if (i + 1 >= felts.Count) return false;
        Felt pending = felts[i++];
        if (!felts[i++].TryToUInt64(out ulong pendingLen) || pendingLen > int.MaxValue) return false;
        var p = ShortStringEx(pending, (int)pendingLen);
        if (p is null) return false;
        sb.Append(p);
        index = i;
        text = sb.ToString();
        return true;
    }

    /// <summary><c>0x…</c>, followed by <c> ('text')</c> when the felt is a printable short string.</summary>
    public static string FormatShortString(Felt value)
    {
        string hex = "0x" + value.ToBigInteger().ToString("x", CultureInfo.InvariantCulture).TrimStart('0');
        if (hex == "0x") hex = "0x0";
        var s = ShortString(value);
        return s is null ? hex : $"{hex} ('{s}')";
    }

    private static byte[] MinimalBytes(Felt value)
    {
        var big = value.ToBigInteger();
        return big.IsZero ? [0] : big.ToByteArray(isUnsigned: true, isBigEndian: true);
    }

    private static bool IsPrintable(byte b) => (b >= 0x21 && b <= 0x7e) || b == (byte)' ' || b == (byte)'\t' || b == (byte)'\n' || b == 0x0c || b == (byte)'\r';

    private static string? ShortString(Felt value)
    {
        var sb = new StringBuilder();
        bool end = false;
        foreach (byte b in MinimalBytes(value))
        {
            if (b == 0) end = true;
            else if (end) return null;
            else if (IsPrintable(b)) sb.Append((char)b);
            else return null;
        }
        return sb.ToString();
    }

    private static string? ShortStringEx(Felt value, int length)
    {
        if (length == 0) return value.IsZero ? string.Empty : null;
        if (length > BytesInWord) return null;
        var bytes = value.IsZero ? [] : value.ToBigInteger().ToByteArray(isUnsigned: true, isBigEndian: true);
        if (bytes.Length > length) return null;
        var sb = new StringBuilder();
        for (int k = bytes.Length; k < length; k++) sb.Append("\\0");
        foreach (byte b in bytes)
        {
            if (b == 0) sb.Append("\\0");
            else if (IsPrintable(b)) sb.Append((char)b);
            else sb.Append(CultureInfo.InvariantCulture, $"\\x{b:x2}");
        }
        return sb.ToString();
    }

}
