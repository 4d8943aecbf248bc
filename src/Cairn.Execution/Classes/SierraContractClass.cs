using System.Text.Json;
using Cairn.Execution.Json;
using Cairn.Primitives;

namespace Cairn.Execution.Classes;

/// <summary>
/// A Sierra contract class: the RPC <c>CONTRACT_CLASS</c> (abi a string) or a compiler artifact
/// (Scarb <c>*.contract_class.json</c>, abi a JSON array, which is formatted by <see cref="AbiFormatter"/>).
/// </summary>
public sealed class SierraContractClass
{
    public required ReadOnlyMemory<Felt> SierraProgram { get; init; }

    /// <summary>The class version string, "0.1.0" for every class the OS accepts today.</summary>
    public required string ContractClassVersion { get; init; }

    public required IReadOnlyList<SierraEntryPoint> External { get; init; }

    public required IReadOnlyList<SierraEntryPoint> L1Handler { get; init; }

    public required IReadOnlyList<SierraEntryPoint> Constructor { get; init; }

    /// <summary>The ABI string exactly as it is hashed (and served back by getClass); "" when absent.</summary>
    public string Abi { get; init; } = "";

    public static SierraContractClass Parse(ReadOnlySpan<byte> utf8Json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(utf8Json.ToArray(), new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            throw new JsonInputException("", $"not valid JSON: {e.Message}", e);
        }
        using (doc) return Parse(doc.RootElement, "");
    }

    public static SierraContractClass Parse(string json) => Parse(System.Text.Encoding.UTF8.GetBytes(json));

    /// <summary>Reads a class from an element; <paramref name="path"/> prefixes the field names in errors.</summary>
    public static SierraContractClass Parse(JsonElement element, string path)
    {
        var f = JsonFields.Of(element, path);
        var program = f.Felts("sierra_program");
        var version = f.String("contract_class_version");
        if (!Felt.TryFromShortString("CONTRACT_CLASS_V" + version, out _, out var versionError))
            throw new JsonInputException(f.Child("contract_class_version"), $"'{version}' cannot be a class version: {versionError}");
        var eps = f.Object("entry_points_by_type");
        string abi = "";
        if (f.Has("abi"))
        {
            var a = f.Required("abi");
            abi = a.ValueKind switch
            {
                JsonValueKind.String => a.GetString()!,
                JsonValueKind.Array => AbiFormatter.Format(a),
                _ => throw new JsonInputException(f.Child("abi"), $"expected a string (RPC) or an array (compiler artifact), got {JsonFields.Describe(a)}"),
            };
        }
        return new SierraContractClass
        {
            SierraProgram = program,
            ContractClassVersion = version,
            External = EntryPoints(eps, "EXTERNAL"),
            L1Handler = EntryPoints(eps, "L1_HANDLER"),
            Constructor = EntryPoints(eps, "CONSTRUCTOR"),
            Abi = abi,
        };
    }

    private static SierraEntryPoint[] EntryPoints(JsonFields eps, string name)
    {
        var list = eps.Required(name);
        string path = eps.Child(name);
        if (list.ValueKind != JsonValueKind.Array) throw new JsonInputException(path, $"expected an array of entry points, got {JsonFields.Describe(list)}");
        var result = new SierraEntryPoint[list.GetArrayLength()];
        int i = 0;
        foreach (var item in list.EnumerateArray())
        {
            var ep = JsonFields.Of(item, $"{path}[{i}]");
            var idx = ep.Required("function_idx");
            if (idx.ValueKind != JsonValueKind.Number || !idx.TryGetUInt64(out var functionIdx))
                throw new JsonInputException(ep.Child("function_idx"), $"expected a non-negative integer, got {JsonFields.Describe(idx)}");
            result[i] = new SierraEntryPoint(ep.Felt("selector"), functionIdx);
            i++;
        }
        return result;
    }
}
