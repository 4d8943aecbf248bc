using System.Numerics;
using System.Text;
using System.Text.Json;
using Cairn.Cairo.Programs;
using Cairn.Crypto.Hashing;
using Cairn.Execution.Classes;
using Cairn.Execution.Json;
using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Execution.Genesis;

/// <summary>
/// What a genesis holds beside the system contracts: how many funded accounts (keys derived from
/// <see cref="Seed"/>) with what balance, extra classes and extra contracts with initial storage.
/// <see cref="Load"/> reads it from a JSON file:
/// <code>
/// { "seed": 42, "accounts": 10, "initial_balance": "1000000000000000000000",
///   "classes": [ { "casm": "token.compiled_contract_class.json", "sierra": "token.contract_class.json" } ],
///   "contracts": [ { "address": "0x123", "class_hash": "0x…", "storage": { "0x1": "0x2" } } ] }
/// </code>
/// Paths are relative to the file. A class without "sierra" gets the class hash of its CASM's Sierra view
/// (<see cref="SystemClasses"/>) with an empty ABI.
/// </summary>
public sealed record GenesisOptions
{
    public Felt Seed { get; init; }

    public int Accounts { get; init; } = 10;

    /// <summary>STRK (fri) per account: 1000 STRK by default.</summary>
    public BigInteger InitialBalance { get; init; } = BigInteger.Pow(10, 21);

    public IReadOnlyList<DeclaredClass> Classes { get; init; } = [];

    public IReadOnlyList<GenesisContract> Contracts { get; init; } = [];

    /// <summary>Reads a genesis file; a bad file is a <see cref="JsonInputException"/> naming the field.</summary>
    public static GenesisOptions Load(string path, GenesisOptions defaults)
    {
        string dir = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            throw new JsonInputException("", $"cannot read genesis file {path}: {e.Message}", e);
        }
        using (doc)
        {
            var root = doc.RootElement;
            var options = defaults;
            if (root.TryGetProperty("seed", out var seed)) options = options with { Seed = ParseFelt(seed, "seed") };
            if (root.TryGetProperty("accounts", out var n))
            {
                if (n.ValueKind != JsonValueKind.Number || !n.TryGetInt32(out int count) || count < 0 || count > 1000) throw new JsonInputException("accounts", "must be an integer in [0, 1000]");
                options = options with { Accounts = count };
            }
            if (root.TryGetProperty("initial_balance", out var bal)) options = options with { InitialBalance = ParseFelt(bal, "initial_balance").ToBigInteger() };
            var classes = new List<DeclaredClass>(options.Classes);
            if (root.TryGetProperty("classes", out var cs))
            {
                int i = 0;
                foreach (var c in cs.EnumerateArray())
                {
                    string where = $"classes[{i++}]";
                    if (!c.TryGetProperty("casm", out var casmPath) || casmPath.GetString() is not { } cp) throw new JsonInputException(where + ".casm", "missing path");
                    string casmJson = File.ReadAllText(Path.Combine(dir, cp));
                    var casm = CasmContractClass.Parse(casmJson);
                    if (c.TryGetProperty("sierra", out var sierraPath) && sierraPath.GetString() is { } sp)
                    {
                        string sierraJson = File.ReadAllText(Path.Combine(dir, sp));
                        var sierra = SierraContractClass.Parse(Encoding.UTF8.GetBytes(sierraJson));
                        classes.Add(new DeclaredClass(SierraClassHash.Compute(sierra), new CompiledClassHash(CompiledClassHasher.ComputeBlake(casm)), casm, casmJson, sierraJson));
                    }
                    else
                    {
                        classes.Add(SystemClasses.MakeWithoutAbi(casm));
                    }
                }
            }
            var contracts = new List<GenesisContract>(options.Contracts);
            if (root.TryGetProperty("contracts", out var ks))
            {
                int i = 0;
                foreach (var k in ks.EnumerateArray())
                {
                    string where = $"contracts[{i++}]";
                    var address = new ContractAddress(ParseFelt(k.GetProperty("address"), where + ".address"));
                    var classHash = new ClassHash(ParseFelt(k.GetProperty("class_hash"), where + ".class_hash"));
                    var storage = new Dictionary<StorageKey, Felt>();
                    if (k.TryGetProperty("storage", out var st))
                    {
                        foreach (var p in st.EnumerateObject())
                        {
                            if (!Felt.TryParse(p.Name, out var key, out var err)) throw new JsonInputException(where + ".storage", err);
                            storage[new StorageKey(key)] = ParseFelt(p.Value, $"{where}.storage.{p.Name}");
                        }
                    }
                    contracts.Add(new GenesisContract(address, classHash, storage));
                }
            }
            return options with { Classes = classes, Contracts = contracts };
        }
    }

    private static Felt ParseFelt(JsonElement e, string where)
    {
        string text = e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText();
        if (!Felt.TryParse(text, out var f, out var error)) throw new JsonInputException(where, error);
        return f;
    }
}
