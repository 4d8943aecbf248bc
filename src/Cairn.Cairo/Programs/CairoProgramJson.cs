using System.Globalization;
using System.Text.Json;
using Cairn.Primitives;

namespace Cairn.Cairo.Programs;

/// <summary>Reads the fields of a compiled-program JSON document (cairo-vm.md §6.1).</summary>
internal static class CairoProgramJson
{
    public static CairoProgram Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new ProgramLoadException("malformed program JSON: the top level must be an object");

        if (root.TryGetProperty("prime", out var prime))
        {
            string p = prime.GetString() ?? string.Empty;
            string digits = p.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? p[2..] : p;
            if (!string.Equals(digits.TrimStart('0'), CairoProgram.PrimeHex, StringComparison.OrdinalIgnoreCase))
            {
                throw new ProgramLoadException($"Unexpected prime for loaded program: {p}");
            }
        }

        if (!root.TryGetProperty("data", out var dataEl) || dataEl.ValueKind != JsonValueKind.Array)
        {
            throw new ProgramLoadException("malformed program JSON: missing array 'data'");
        }
        var data = new Felt[dataEl.GetArrayLength()];
        int i = 0;
        foreach (var w in dataEl.EnumerateArray())
        {
            string s = w.GetString() ?? string.Empty;
            if (!Felt.TryParse(s, out data[i], out var err)) throw new ProgramLoadException($"malformed program JSON: data[{i}] = '{s}': {err}");
            i++;
        }

        var builtins = new List<string>();
        if (root.TryGetProperty("builtins", out var b) && b.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in b.EnumerateArray()) builtins.Add(name.GetString() ?? throw new ProgramLoadException("malformed program JSON: builtin names must be strings"));
        }

        string mainScope = root.TryGetProperty("main_scope", out var ms) && ms.ValueKind == JsonValueKind.String ? ms.GetString()! : "__main__";

        return new CairoProgram(data, builtins, ReadHints(root, data.Length), ReadIdentifiers(root), ReadReferences(root), mainScope);
    }

    private static Dictionary<int, IReadOnlyList<HintDefinition>> ReadHints(JsonElement root, int dataLength)
    {
        var hints = new Dictionary<int, IReadOnlyList<HintDefinition>>();
        if (!root.TryGetProperty("hints", out var h) || h.ValueKind != JsonValueKind.Object) return hints;
        foreach (var entry in h.EnumerateObject())
        {
            if (!int.TryParse(entry.Name, NumberStyles.None, CultureInfo.InvariantCulture, out int pc) || pc >= dataLength)
            {
                throw new ProgramLoadException($"malformed program JSON: hint pc '{entry.Name}' is not a pc of the program");
            }
            var list = new List<HintDefinition>();
            foreach (var hint in entry.Value.EnumerateArray())
            {
                string code = hint.GetProperty("code").GetString() ?? string.Empty;
                var scopes = new List<string>();
                if (hint.TryGetProperty("accessible_scopes", out var sc))
                {
                    foreach (var s in sc.EnumerateArray()) scopes.Add(s.GetString() ?? string.Empty);
                }
                var apTracking = default(ApTracking);
                var refIds = new Dictionary<string, int>();
                if (hint.TryGetProperty("flow_tracking_data", out var ftd) && ftd.ValueKind == JsonValueKind.Object)
                {
                    if (ftd.TryGetProperty("ap_tracking", out var at)) apTracking = ReadApTracking(at);
                    if (ftd.TryGetProperty("reference_ids", out var ri))
                    {
                        foreach (var r in ri.EnumerateObject()) refIds[r.Name] = r.Value.GetInt32();
                    }
                }
                list.Add(new HintDefinition(pc, code, scopes, apTracking, refIds));
            }
            hints[pc] = list;
        }
        return hints;
    }

    private static Dictionary<string, ProgramIdentifier> ReadIdentifiers(JsonElement root)
    {
        var ids = new Dictionary<string, ProgramIdentifier>(StringComparer.Ordinal);
        if (!root.TryGetProperty("identifiers", out var idEl) || idEl.ValueKind != JsonValueKind.Object) return ids;
        foreach (var p in idEl.EnumerateObject())
        {
            var v = p.Value;
            string type = v.TryGetProperty("type", out var t) ? t.GetString() ?? string.Empty : string.Empty;
            int? pc = v.TryGetProperty("pc", out var pcEl) && pcEl.ValueKind == JsonValueKind.Number ? pcEl.GetInt32() : null;
            Felt? value = null;
            if (v.TryGetProperty("value", out var valEl) && valEl.ValueKind is JsonValueKind.Number or JsonValueKind.String)
            {
                value = ParseSignedFelt(valEl.ValueKind == JsonValueKind.Number ? valEl.GetRawText() : valEl.GetString() ?? "0");
            }
            string? dest = v.TryGetProperty("destination", out var d) ? d.GetString() : null;
            Dictionary<string, StructMember>? members = null;
            if (v.TryGetProperty("members", out var mEl) && mEl.ValueKind == JsonValueKind.Object)
            {
                members = new Dictionary<string, StructMember>(StringComparer.Ordinal);
                foreach (var m in mEl.EnumerateObject())
                {
                    string mType = m.Value.TryGetProperty("cairo_type", out var mt) ? mt.GetString() ?? string.Empty : string.Empty;
                    int mOff = m.Value.TryGetProperty("offset", out var mo) && mo.ValueKind == JsonValueKind.Number ? mo.GetInt32() : 0;
                    members[m.Name] = new StructMember(mType, mOff);
                }
            }
            int? size = v.TryGetProperty("size", out var sizeEl) && sizeEl.ValueKind == JsonValueKind.Number ? sizeEl.GetInt32() : null;
            string? cairoType = v.TryGetProperty("cairo_type", out var ctEl) && ctEl.ValueKind == JsonValueKind.String ? ctEl.GetString() : null;
            ids[p.Name] = new ProgramIdentifier(p.Name, type, pc, value, dest) { Members = members, Size = size, CairoType = cairoType };
        }
        return ids;
    }

    private static List<ProgramReference> ReadReferences(JsonElement root)
    {
        var refs = new List<ProgramReference>();
        if (!root.TryGetProperty("reference_manager", out var rm) || !rm.TryGetProperty("references", out var arr)) return refs;
        foreach (var r in arr.EnumerateArray())
        {
            refs.Add(new ProgramReference(
                r.TryGetProperty("pc", out var pc) ? pc.GetInt32() : 0,
                r.TryGetProperty("value", out var val) ? val.GetString() ?? string.Empty : string.Empty,
                r.TryGetProperty("ap_tracking_data", out var at) ? ReadApTracking(at) : default));
        }
        return refs;
    }

    private static ApTracking ReadApTracking(JsonElement at) =>
        new(at.TryGetProperty("group", out var g) ? g.GetInt32() : 0, at.TryGetProperty("offset", out var o) ? o.GetInt32() : 0);

    /// <summary>Constants may be negative or at least P in the JSON; reduce them mod P.</summary>
    private static Felt ParseSignedFelt(string text)
    {
        var bi = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || text.StartsWith("-0x", StringComparison.OrdinalIgnoreCase)
            ? ParseHex(text)
            : System.Numerics.BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return Felt.FromBigIntegerReduced(bi);
    }

    private static System.Numerics.BigInteger ParseHex(string text)
    {
        bool neg = text[0] == '-';
        var digits = text[(neg ? 3 : 2)..];
        var v = System.Numerics.BigInteger.Parse("0" + digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        return neg ? -v : v;
    }
}
