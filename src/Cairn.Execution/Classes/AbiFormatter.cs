using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Cairn.Execution.Classes;

/// <summary>
/// Turns a compiler-artifact ABI (a JSON array) into the string clients declare and hash (starknet.md §6.1):
/// one line, <c>", "</c> after commas and <c>": "</c> after colons outside strings, key order preserved,
/// non-ASCII characters not escaped (Python <c>json.dumps(abi, separators=(", ", ": "), ensure_ascii=False)</c>,
/// starknet.js <c>formatSpaces(stringify(abi))</c>).
/// </summary>
public static class AbiFormatter
{
    public static string Format(JsonElement abi)
    {
        var sb = new StringBuilder();
        Write(sb, abi);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JsonElement v)
    {
        switch (v.ValueKind)
        {
            case JsonValueKind.Object:
                sb.Append('{');
                bool firstProperty = true;
                foreach (var p in v.EnumerateObject())
                {
                    if (!firstProperty) sb.Append(", ");
                    firstProperty = false;
                    WriteString(sb, p.Name);
                    sb.Append(": ");
                    Write(sb, p.Value);
                }
                sb.Append('}');
                break;
            case JsonValueKind.Array:
                sb.Append('[');
                bool firstItem = true;
                foreach (var item in v.EnumerateArray())
                {
                    if (!firstItem) sb.Append(", ");
                    firstItem = false;
                    Write(sb, item);
                }
                sb.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(sb, v.GetString()!);
                break;
            case JsonValueKind.Number:
                sb.Append(v.GetRawText());
                break;
            case JsonValueKind.True:
                sb.Append("true");
                break;
            case JsonValueKind.False:
                sb.Append("false");
                break;
            default:
                sb.Append("null");
                break;
        }
    }

    /// <summary>A JSON string literal escaped as JSON.stringify / json.dumps(ensure_ascii=False) do.</summary>
    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
