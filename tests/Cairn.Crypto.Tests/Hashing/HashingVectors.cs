using System.Text.Json;
using Cairn.Primitives;
using Cairn.Testing;

namespace Cairn.Crypto.Tests.Hashing;

/// <summary>
/// Loads shared/vectors/primitives.json (beside the repository root, which is found by walking up
/// from the test binaries to the directory holding Cairn.slnx) and a few helpers for the hash tests.
/// </summary>
internal static class HashingVectors
{
    /// <summary>Seed of every random differential test, so that failures reproduce.</summary>
    public const int Seed = 0x5EED_CA1;

    private static readonly Lazy<JsonDocument> Primitives = new(() =>
        JsonDocument.Parse(File.ReadAllText(PrimitivesPath)));

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string PrimitivesPath =>
        Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "vectors", "primitives.json"));

    public static JsonElement Group(string name) => Primitives.Value.RootElement.GetProperty(name);

    /// <summary>The expected felt of a case: its <c>field</c> (hex) or <c>field_dec</c> (decimal) entry.</summary>
    public static Felt Expected(JsonElement testCase, string field)
    {
        if (testCase.TryGetProperty(field, out var hex)) return Felt.Parse(hex.GetString()!);
        return Felt.Parse(testCase.GetProperty(field + "_dec").GetString()!);
    }

    public static byte[] FromHex(string hex) => Convert.FromHexString(hex.StartsWith("0x", StringComparison.Ordinal) ? hex[2..] : hex);

    public static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    // The same root as the oracle's, so CAIRN_REPO_ROOT serves builds whose output lives outside the checkout.
    private static string FindRepoRoot() => ScureOracle.RepoRoot;
}
