using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Rpc.Server;

/// <summary>Reads request parameters in the RPC formats; every failure is an <see cref="RpcParamException"/> naming the parameter.</summary>
public static class ParamReader
{
    public static Felt Felt(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.String) throw new RpcParamException($"{path}: expected a 0x-hex felt string, got {Describe(e)}");
        var s = e.GetString()!;
        if (!s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) throw new RpcParamException($"{path}: '{Short(s)}' is not 0x-prefixed hex");
        if (!Primitives.Felt.TryParse(s, out var f, out var error)) throw new RpcParamException($"{path}: {error}");
        return f;
    }

    public static Felt[] Felts(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Array) throw new RpcParamException($"{path}: expected an array of felts, got {Describe(e)}");
        var result = new Felt[e.GetArrayLength()];
        var i = 0;
        foreach (var item in e.EnumerateArray())
        {
            result[i] = Felt(item, $"{path}[{i}]");
            i++;
        }
        return result;
    }

    public static ContractAddress Address(JsonElement e, string path) => new(Felt(e, path));

    public static ContractAddress[] Addresses(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.String) return [Address(e, path)];
        return Array.ConvertAll(Felts(e, path), f => new ContractAddress(f));
    }

    public static ulong UInt64(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.Number && e.TryGetUInt64(out var n)) return n;
        if (e.ValueKind == JsonValueKind.String)
        {
            var s = e.GetString()!;
            if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && s.Length > 2 &&
                ulong.TryParse(s.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out n)) return n;
        }
        throw new RpcParamException($"{path}: expected a non-negative integer, got {Describe(e)}");
    }

    public static int Int32(JsonElement e, string path)
    {
        var n = UInt64(e, path);
        if (n > int.MaxValue) throw new RpcParamException($"{path}: {n} is too large");
        return (int)n;
    }

    /// <summary>A non-negative integer below 2^256: a JSON integer, 0x hex or a decimal string.</summary>
    public static BigInteger UInt256(JsonElement e, string path)
    {
        BigInteger v = BigInteger.Zero;
        if (e.ValueKind == JsonValueKind.Number)
        {
            if (!BigInteger.TryParse(e.GetRawText(), NumberStyles.None, CultureInfo.InvariantCulture, out v))
                throw new RpcParamException($"{path}: {e.GetRawText()} is not a non-negative integer");
        }
        else if (e.ValueKind == JsonValueKind.String)
        {
            var s = e.GetString()!;
            var ok = s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                ? s.Length > 2 && BigInteger.TryParse("0" + s[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out v)
                : BigInteger.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out v);
            if (!ok) throw new RpcParamException($"{path}: '{Short(s)}' is not a number");
        }
        else throw new RpcParamException($"{path}: expected a number, got {Describe(e)}");
        if (v.Sign < 0 || v >= BigInteger.One << 256) throw new RpcParamException($"{path}: out of range (0 to 2^256 - 1)");
        return v;
    }

    public static string String(JsonElement e, string path) =>
        e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new RpcParamException($"{path}: expected a string, got {Describe(e)}");

    /// <summary>RPC <c>BLOCK_ID</c>: <c>{"block_number": n}</c>, <c>{"block_hash": h}</c> or a tag.</summary>
    public static BlockId BlockId(JsonElement e, string path)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                return e.GetString() switch
                {
                    "latest" => Rpc.BlockId.Latest,
                    "pre_confirmed" => Rpc.BlockId.PreConfirmed,
                    "l1_accepted" => Rpc.BlockId.L1Accepted,
                    var s => throw new RpcParamException($"{path}: '{Short(s!)}' is not a block tag (latest, pre_confirmed, l1_accepted)"),
                };
            case JsonValueKind.Object:
                var hasNumber = e.TryGetProperty("block_number", out var number);
                var hasHash = e.TryGetProperty("block_hash", out var hash);
                if (hasNumber == hasHash) throw new RpcParamException($"{path}: expected exactly one of block_number and block_hash");
                if (hasNumber)
                {
                    if (number.ValueKind != JsonValueKind.Number || !number.TryGetUInt64(out var n))
                        throw new RpcParamException($"{path}.block_number: expected a non-negative integer, got {Describe(number)}");
                    return Rpc.BlockId.ByNumber(n);
                }
                return Rpc.BlockId.ByHash(Felt(hash, path + ".block_hash"));
            default:
                throw new RpcParamException($"{path}: expected a block id ({{\"block_number\": n}}, {{\"block_hash\": h}} or a tag), got {Describe(e)}");
        }
    }

    /// <summary>An array of enum strings, each one of <paramref name="allowed"/>.</summary>
    public static string[] Strings(JsonElement e, string path, params string[] allowed)
    {
        if (e.ValueKind != JsonValueKind.Array) throw new RpcParamException($"{path}: expected an array, got {Describe(e)}");
        var result = new string[e.GetArrayLength()];
        var i = 0;
        foreach (var item in e.EnumerateArray())
        {
            var s = String(item, $"{path}[{i}]");
            if (allowed.Length > 0 && Array.IndexOf(allowed, s) < 0)
                throw new RpcParamException($"{path}[{i}]: '{Short(s)}' is not one of {string.Join(", ", allowed)}");
            result[i++] = s;
        }
        return result;
    }

    /// <summary>RPC <c>EVENT_KEYS</c>: per position, the accepted values.</summary>
    public static IReadOnlyList<IReadOnlyList<Felt>> Keys(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Array) throw new RpcParamException($"{path}: expected an array of arrays of felts, got {Describe(e)}");
        var result = new List<IReadOnlyList<Felt>>();
        var i = 0;
        foreach (var item in e.EnumerateArray()) result.Add(Felts(item, $"{path}[{i++}]"));
        return result;
    }

    public static string Describe(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string '{Short(v.GetString()!)}'",
        JsonValueKind.Number => $"the number {v.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => v.GetRawText(),
        _ => "null",
    };

    private static string Short(string s) => s.Length <= 80 ? s : s[..77] + "...";
}
