namespace Cairn.Testing;

/// <summary>
/// Real compiled Starknet contract classes for tests: the artifacts of the pinned npm package
/// <c>@hyperlane-xyz/starknet-core</c> (installed in <c>tests/oracle</c>; Cairo 2.10.1, Sierra and
/// CASM). Each artifact is an ES module <c>export const NAME = {…};</c>; this returns the JSON.
/// </summary>
public static class ContractFixtures
{
    /// <summary>The artifacts folder.</summary>
    public static string ArtifactsDir =>
        Path.Combine(ScureOracle.OracleDir, "node_modules", "@hyperlane-xyz", "starknet-core", "dist", "artifacts");

    /// <summary>The CASM class (<c>compiled_contract_class</c>) of <paramref name="name"/>, e.g. "contracts_Ether".</summary>
    public static string CasmJson(string name) => Extract(name + ".compiled_contract_class.js");

    /// <summary>The Sierra class (<c>contract_class</c>) of <paramref name="name"/>.</summary>
    public static string SierraJson(string name) => Extract(name + ".contract_class.js");

    /// <summary>Names of every contract that has a CASM artifact.</summary>
    public static IReadOnlyList<string> Names() =>
        Directory.GetFiles(ArtifactsDir, "*.compiled_contract_class.js")
            .Select(f => Path.GetFileName(f)[..^".compiled_contract_class.js".Length])
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string Extract(string file)
    {
        string path = Path.Combine(ArtifactsDir, file);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"contract fixture {path} is missing: run 'npm ci' in tests/oracle (./test.sh does)", path);
        }
        string text = File.ReadAllText(path);
        int start = text.IndexOf('{');
        int end = text.LastIndexOf('}');
        if (start < 0 || end < start) throw new InvalidDataException($"{path} holds no JSON object");
        return text[start..(end + 1)];
    }
}
