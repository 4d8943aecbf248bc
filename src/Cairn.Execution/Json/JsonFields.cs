using System.Globalization;
using System.Text.Json;
using Cairn.Primitives;

namespace Cairn.Execution.Json;

/// <summary>Typed access to fields of a JSON object, failing with <see cref="JsonInputException"/> naming the field.</summary>
internal readonly struct JsonFields(JsonElement obj, string path)
{
    public JsonElement Element => obj;

    public string Path => path;

    public static JsonFields Of(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new JsonInputException(path, $"expected a JSON object, got {Describe(element)}");
        return new JsonFields(element, path);
    }

    public string Child(string name) => path.Length == 0 ? name : path + "." + name;

    public bool Has(string name) => obj.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

    public JsonElement Required(string name)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            throw new JsonInputException(Child(name), "missing required field");
        return v;
    }

    public JsonFields Object(string name) => Of(Required(name), Child(name));

    public string String(string name)
    {
        var v = Required(name);
        if (v.ValueKind != JsonValueKind.String) throw new JsonInputException(Child(name), $"expected a string, got {Describe(v)}");
        return v.GetString()!;
    }

    public string? OptionalString(string name) => Has(name) ? String(name) : null;

    public Felt Felt(string name) => ParseFelt(Required(name), Child(name));

    public Felt OptionalFelt(string name) => Has(name) ? Felt(name) : Primitives.Felt.Zero;

    public Felt[] Felts(string name) => ParseFelts(Required(name), Child(name));

    public Felt[] OptionalFelts(string name) => Has(name) ? Felts(name) : [];

    public ulong U64(string name)
    {
        var v = Required(name);
        var n = ParseUnsigned(v, Child(name));
        if (n > ulong.MaxValue) throw new JsonInputException(Child(name), $"{Text(v)} is wider than 64 bits (u64)");
        return (ulong)n;
    }

    public UInt128 U128(string name)
    {
        var v = Required(name);
        var n = ParseUnsigned(v, Child(name));
        if (n > UInt128.MaxValue) throw new JsonInputException(Child(name), $"{Text(v)} is wider than 128 bits (u128)");
        return (UInt128)n;
    }

    /// <summary>A felt: a JSON string of 0x-hex (the RPC FELT format; leading zeros and upper case accepted).</summary>
    public static Felt ParseFelt(JsonElement v, string path)
    {
        if (v.ValueKind != JsonValueKind.String)
            throw new JsonInputException(path, $"expected a 0x-hex felt string, got {Describe(v)}");
        var s = v.GetString()!;
        if (!s.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            throw new JsonInputException(path, $"'{Short(s)}' is not 0x-prefixed hex");
        if (!Primitives.Felt.TryParse(s, out var f, out var error)) throw new JsonInputException(path, error);
        return f;
    }

    public static Felt[] ParseFelts(JsonElement v, string path)
    {
        if (v.ValueKind != JsonValueKind.Array) throw new JsonInputException(path, $"expected an array of felts, got {Describe(v)}");
        var result = new Felt[v.GetArrayLength()];
        int i = 0;
        foreach (var item in v.EnumerateArray())
        {
            result[i] = ParseFelt(item, $"{path}[{i}]");
            i++;
        }
        return result;
    }

    /// <summary>A non-negative integer below 2^256 from a 0x-hex string (or a JSON integer).</summary>
    private static System.Numerics.BigInteger ParseUnsigned(JsonElement v, string path)
    {
        if (v.ValueKind == JsonValueKind.Number)
        {
            if (v.TryGetUInt64(out var u)) return u;
            throw new JsonInputException(path, $"{v.GetRawText()} is not a non-negative integer");
        }
        if (v.ValueKind != JsonValueKind.String) throw new JsonInputException(path, $"expected a 0x-hex string, got {Describe(v)}");
        var s = v.GetString()!;
        if (!s.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || s.Length == 2)
            throw new JsonInputException(path, $"'{Short(s)}' is not 0x-prefixed hex");
        var digits = s.AsSpan(2).TrimStart('0');
        if (digits.Length > 64) throw new JsonInputException(path, $"'{Short(s)}' is wider than 256 bits");
        foreach (char ch in digits)
        {
            if (!char.IsAsciiHexDigit(ch)) throw new JsonInputException(path, $"'{Short(s)}' is not valid hex");
        }
        return digits.Length == 0 ? System.Numerics.BigInteger.Zero
            : System.Numerics.BigInteger.Parse("0" + digits.ToString(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }

    private static string Text(JsonElement v) => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText();

    public static string Describe(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{Short(v.GetString()!)}\"",
        JsonValueKind.Number => $"the number {v.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => v.GetRawText(),
        JsonValueKind.Null => "null",
        _ => v.ValueKind.ToString(),
    };

    private static string Short(string s) => s.Length <= 80 ? s : s[..80] + "…";
}
