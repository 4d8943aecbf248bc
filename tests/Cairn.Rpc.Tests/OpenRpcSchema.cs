using System.Text.Json;
using System.Text.RegularExpressions;
using Cairn.Testing;

namespace Cairn.Rpc.Tests;

/// <summary>
/// A small JSON-schema checker over the OpenRPC documents in <c>../shared/spec/rpc/api</c>: <c>$ref</c> (within a
/// document and across to the read API), type, properties, required, items, oneOf (exactly one), anyOf, allOf,
/// not, enum, pattern, minimum, additionalProperties: false, and the <c>{"schema": …}</c> wrappers the spec uses.
/// </summary>
/// <remarks>
/// oneOf is checked as "at least one branch": the spec's branches overlap (a sealed BLOCK_WITH_TXS also satisfies
/// PRE_CONFIRMED_BLOCK_WITH_TXS, which does not forbid extra members), so exactly-one would reject valid answers.
/// The tests assert which variant was written (e.g. block_hash present or not) separately.
/// </remarks>
public sealed class OpenRpcSchema
{
    private static readonly Lazy<OpenRpcSchema> Shared = new(() => new OpenRpcSchema());

    private readonly Dictionary<string, JsonElement> _docs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Regex> _patterns = new(StringComparer.Ordinal);

    private OpenRpcSchema()
    {
        var dir = Path.Combine(ScureOracle.RepoRoot, "..", "shared", "spec", "rpc", "api");
        foreach (var file in Directory.GetFiles(dir, "*.json"))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            _docs[Path.GetFileName(file)] = doc.RootElement.Clone();
        }
    }

    public static OpenRpcSchema Instance => Shared.Value;

    private readonly record struct Node(string Doc, JsonElement Schema);

    /// <summary>The document that defines <paramref name="method"/>, and the method object.</summary>
    public (string Doc, JsonElement Method) FindMethod(string method)
    {
        foreach (var (name, root) in _docs)
        {
            if (!root.TryGetProperty("methods", out var methods)) continue;
            foreach (var m in methods.EnumerateArray())
            {
                if (m.GetProperty("name").GetString() == method) return (name, m);
            }
        }
        throw new ArgumentException($"no method {method} in the spec");
    }

    /// <summary>Validates <paramref name="result"/> against the method's result schema; returns the errors (none: valid).</summary>
    public List<string> ValidateResult(string method, JsonElement result)
    {
        var (doc, m) = FindMethod(method);
        var errors = new List<string>();
        Check(new Node(doc, m.GetProperty("result").GetProperty("schema")), result, "result", errors);
        return errors;
    }

    /// <summary>Validates against a named schema of a document (e.g. "starknet_api_openrpc.json", "BROADCASTED_TXN").</summary>
    public List<string> ValidateSchema(string doc, string schema, JsonElement value)
    {
        var errors = new List<string>();
        Check(new Node(doc, _docs[doc].GetProperty("components").GetProperty("schemas").GetProperty(schema)), value, schema, errors);
        return errors;
    }

    /// <summary>Validates against a schema element of a document (e.g. a notification's <c>result</c> param schema).</summary>
    public List<string> ValidateSchemaElement(string doc, JsonElement schema, JsonElement value)
    {
        var errors = new List<string>();
        Check(new Node(doc, schema), value, "result", errors);
        return errors;
    }

    public void AssertResult(string method, JsonElement result)
    {
        var errors = ValidateResult(method, result);
        Assert.True(errors.Count == 0, $"{method} result does not match the spec:\n{string.Join("\n", errors.Take(20))}\n{result}");
    }

    private Node Resolve(Node n)
    {
        var s = n.Schema;
        for (var guard = 0; guard < 64; guard++)
        {
            if (s.ValueKind != JsonValueKind.Object) return new Node(n.Doc, s);
            if (s.TryGetProperty("$ref", out var r))
            {
                var text = r.GetString()!;
                var hash = text.IndexOf('#');
                var doc = hash > 0 ? Path.GetFileName(text[..hash]) : n.Doc;
                var target = _docs[doc];
                foreach (var part in text[(hash + 1)..].Split('/', StringSplitOptions.RemoveEmptyEntries)) target = target.GetProperty(part);
                n = new Node(doc, target);
                s = target;
                continue;
            }
            if (s.TryGetProperty("schema", out var inner) && !s.TryGetProperty("type", out _) && !s.TryGetProperty("properties", out _))
            {
                s = inner;
                n = new Node(n.Doc, inner);
                continue;
            }
            return n;
        }
        throw new InvalidOperationException("$ref loop");
    }

    private bool Check(Node node, JsonElement v, string path, List<string>? errors)
    {
        var n = Resolve(node);
        var s = n.Schema;
        if (s.ValueKind != JsonValueKind.Object) return true;
        var ok = true;

        void Fail(string message)
        {
            ok = false;
            errors?.Add($"{path}: {message}");
        }

        if (s.TryGetProperty("type", out var type))
        {
            var t = type.GetString();
            var matches = t switch
            {
                "object" => v.ValueKind == JsonValueKind.Object,
                "array" => v.ValueKind == JsonValueKind.Array,
                "string" => v.ValueKind == JsonValueKind.String,
                "integer" => v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out _),
                "number" => v.ValueKind == JsonValueKind.Number,
                "boolean" => v.ValueKind is JsonValueKind.True or JsonValueKind.False,
                "null" => v.ValueKind == JsonValueKind.Null,
                _ => true,
            };
            if (!matches)
            {
                Fail($"expected {t}, got {v.ValueKind}");
                return false;
            }
        }
        if (s.TryGetProperty("enum", out var en) && !en.EnumerateArray().Any(e => JsonElement.DeepEquals(e, v)))
            Fail($"{v} is not one of {en}");
        if (s.TryGetProperty("pattern", out var pattern) && v.ValueKind == JsonValueKind.String)
        {
            var p = pattern.GetString()!;
            if (!_patterns.TryGetValue(p, out var regex)) _patterns[p] = regex = new Regex(p, RegexOptions.CultureInvariant);
            if (!regex.IsMatch(v.GetString()!)) Fail($"'{v.GetString()}' does not match {p}");
        }
        if (s.TryGetProperty("minimum", out var min) && v.ValueKind == JsonValueKind.Number && v.GetDouble() < min.GetDouble())
            Fail($"{v} is below {min}");
        if (v.ValueKind == JsonValueKind.Object)
        {
            if (s.TryGetProperty("required", out var req))
            {
                var names = req.ValueKind == JsonValueKind.Array ? req.EnumerateArray().Select(x => x.GetString()!) : [req.GetString()!];
                foreach (var name in names)
                {
                    if (!v.TryGetProperty(name, out _)) Fail($"missing required '{name}'");
                }
            }
            if (s.TryGetProperty("properties", out var props))
            {
                foreach (var p in props.EnumerateObject())
                {
                    if (v.TryGetProperty(p.Name, out var pv) && !Check(new Node(n.Doc, p.Value), pv, $"{path}.{p.Name}", errors)) ok = false;
                }
                if (s.TryGetProperty("additionalProperties", out var ap) && ap.ValueKind == JsonValueKind.False)
                {
                    foreach (var p in v.EnumerateObject())
                    {
                        if (!props.TryGetProperty(p.Name, out _)) Fail($"unexpected property '{p.Name}'");
                    }
                }
            }
        }
        if (v.ValueKind == JsonValueKind.Array && s.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in v.EnumerateArray())
            {
                if (!Check(new Node(n.Doc, items), item, $"{path}[{i}]", errors)) ok = false;
                i++;
            }
        }
        if (s.TryGetProperty("allOf", out var allOf))
        {
            foreach (var sub in allOf.EnumerateArray())
            {
                if (!Check(new Node(n.Doc, sub), v, path, errors)) ok = false;
            }
        }
        if (s.TryGetProperty("anyOf", out var anyOf) && !anyOf.EnumerateArray().Any(sub => Check(new Node(n.Doc, sub), v, path, null)))
            Fail("matches none of anyOf");
        if (s.TryGetProperty("oneOf", out var oneOf))
        {
            var count = oneOf.EnumerateArray().Count(sub => Check(new Node(n.Doc, sub), v, path, null));
            if (count == 0)
            {
                Fail("matches none of oneOf");
                if (count == 0 && errors is not null)
                {
                    // Name the closest branch's errors to make a failure readable.
                    var best = oneOf.EnumerateArray().Select(sub =>
                    {
                        var e = new List<string>();
                        Check(new Node(n.Doc, sub), v, path, e);
                        return e;
                    }).OrderBy(e => e.Count).First();
                    errors.AddRange(best.Select(e => "  (closest) " + e));
                }
            }
        }
        if (s.TryGetProperty("not", out var not) && Check(new Node(n.Doc, not), v, path, null)) Fail("matches a 'not' schema");
        return ok;
    }
}
