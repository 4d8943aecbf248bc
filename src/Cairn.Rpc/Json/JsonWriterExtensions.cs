using System.Globalization;
using System.Text.Json;
using Cairn.Primitives;

namespace Cairn.Rpc.Json;

/// <summary>
/// The RPC number formats (spec §1.3) on a <see cref="Utf8JsonWriter"/>, without allocating: felts as lower-case 0x hex
/// without leading zeros, u64/u128 the same, block numbers and counts as JSON integers.
/// </summary>
public static class JsonWriterExtensions
{
    public static void WriteFeltValue(this Utf8JsonWriter w, Felt value)
    {
        Span<char> buf = stackalloc char[66];
        if (!value.TryFormatHex(buf, out var n)) throw new InvalidOperationException("felt hex does not fit 66 chars");
        w.WriteStringValue(buf[..n]);
    }

    public static void WriteFelt(this Utf8JsonWriter w, string name, Felt value)
    {
        w.WritePropertyName(name);
        w.WriteFeltValue(value);
    }

    public static void WriteFelts(this Utf8JsonWriter w, string name, ReadOnlySpan<Felt> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteFeltValue(v);
        w.WriteEndArray();
    }

    public static void WriteFelts(this Utf8JsonWriter w, string name, IReadOnlyList<Felt> values)
    {
        w.WriteStartArray(name);
        for (var i = 0; i < values.Count; i++) w.WriteFeltValue(values[i]);
        w.WriteEndArray();
    }

    public static void WriteHexValue(this Utf8JsonWriter w, UInt128 value)
    {
        Span<char> buf = stackalloc char[34];
        buf[0] = '0';
        buf[1] = 'x';
        if (!value.TryFormat(buf[2..], out var n, "x", CultureInfo.InvariantCulture)) throw new InvalidOperationException("u128 hex does not fit");
        w.WriteStringValue(buf[..(n + 2)]);
    }

    /// <summary>A u64/u128 as 0x hex without leading zeros.</summary>
    public static void WriteHex(this Utf8JsonWriter w, string name, UInt128 value)
    {
        w.WritePropertyName(name);
        w.WriteHexValue(value);
    }
}
