using System.Text;
using System.Text.Json;
using Cairn.Cairo.Programs;
using Cairn.Crypto.Hashing;
using Cairn.Execution.Classes;
using Cairn.Execution.SystemContracts;
using SystemContracts = Cairn.Execution.SystemContracts;
using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Execution.Genesis;

/// <summary>
/// Cairn's system classes (account, STRK token, universal deployer) as declared classes. They are CASM
/// written with the CASM builder, so they have no Sierra program; their Sierra view — what
/// <c>starknet_getClass</c> serves and what the class hash is computed from — is a class whose
/// <c>sierra_program</c> is a 6-felt version header (Sierra 1.7.0, Cairo 2.10.1: the ABI generation the
/// interface follows) followed by the CASM bytecode, so the class hash commits to the code; its entry
/// points are the CASM's selectors; its ABI is a hand-written Cairo 2 ABI of the interface (<see cref="Erc20Token.Abi"/>, <see cref="SystemContracts.UniversalDeployer.Abi"/>, and <c>Genesis/Abi/account.abi.json</c>).
/// </summary>
public static class SystemClasses
{
    private static readonly Lazy<DeclaredClass> s_account = new(() => Make(SystemContracts.Account.Contract.Class, ReadResource("account.abi.json")));
    private static readonly Lazy<DeclaredClass> s_erc20 = new(() => Make(Erc20Token.Contract.Class, Erc20Token.Abi));
    private static readonly Lazy<DeclaredClass> s_udc = new(() => Make(SystemContracts.UniversalDeployer.Contract.Class, SystemContracts.UniversalDeployer.Abi));

    public static DeclaredClass Account => s_account.Value;

    public static DeclaredClass Erc20 => s_erc20.Value;

    public static DeclaredClass UniversalDeployer => s_udc.Value;

    /// <summary>A CASM class with a Sierra view as described above.</summary>
    public static DeclaredClass Make(CasmContractClass casm, string abiJson)
    {
        string abi = Minify(abiJson);
        var sierraJson = SierraViewJson(casm, abi);
        var sierra = SierraContractClass.Parse(Encoding.UTF8.GetBytes(sierraJson));
        return new DeclaredClass(SierraClassHash.Compute(sierra), new CompiledClassHash(CompiledClassHasher.ComputeBlake(casm)), casm, casm.ToJson(), sierraJson);
    }

    /// <summary>A CASM-only class (a genesis file without its Sierra): the Sierra view with an empty ABI.</summary>
    public static DeclaredClass MakeWithoutAbi(CasmContractClass casm) => Make(casm, "[]");

    private static string SierraViewJson(CasmContractClass casm, string abi)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            w.WriteStartArray("sierra_program");
            foreach (var v in new ulong[] { 1, 7, 0, 2, 10, 1 }) w.WriteStringValue(Felt.FromUInt64(v).ToHexString());
            foreach (var word in casm.Bytecode) w.WriteStringValue(word.ToHexString());
            w.WriteEndArray();
            w.WriteString("contract_class_version", "0.1.0");
            w.WriteStartObject("entry_points_by_type");
            Write(w, "EXTERNAL", casm.External);
            Write(w, "L1_HANDLER", casm.L1Handler);
            Write(w, "CONSTRUCTOR", casm.Constructor);
            w.WriteEndObject();
            w.WriteString("abi", abi);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    private static void Write(Utf8JsonWriter w, string key, IReadOnlyList<CasmEntryPoint> eps)
    {
        w.WriteStartArray(key);
        for (int i = 0; i < eps.Count; i++)
        {
            w.WriteStartObject();
            w.WriteString("selector", eps[i].Selector.ToHexString());
            w.WriteNumber("function_idx", i);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static string Minify(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(doc.RootElement);
    }

    private static string ReadResource(string name)
    {
        var asm = typeof(SystemClasses).Assembly;
        string resource = asm.GetManifestResourceNames().Single(n => n.EndsWith(name, StringComparison.Ordinal));
        using var stream = asm.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    internal static Felt Selector(string name) => StarknetKeccak.Selector(name);
}
