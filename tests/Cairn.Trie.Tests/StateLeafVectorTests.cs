using System.Text.Json;
using Cairn.Primitives;
using Cairn.Testing;

namespace Cairn.Trie.Tests;

/// <summary>
/// The leaf formulas of the state tries (state_leaves in primitives.json), computed with the trie node hashes:
/// what Cairn.State will put into tries built here.
/// </summary>
public sealed class StateLeafVectorTests
{
    private static JsonElement Group() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(ScureOracle.VectorsDir, "primitives.json"))).RootElement.GetProperty("state_leaves");

    private static Felt F(JsonElement e, string name) => Felt.Parse(e.GetProperty(name).GetString());

    [Fact]
    public void Contract_state_leaves_match()
    {
        var cases = Group().GetProperty("contract_state_leaf").GetProperty("cases");
        Assert.Equal(4, cases.GetArrayLength());
        foreach (var c in cases.EnumerateArray())
        {
            var inner = PedersenTrieHash.Hash(PedersenTrieHash.Hash(F(c, "class_hash"), F(c, "storage_root")), F(c, "nonce"));
            Assert.Equal(F(c, "hash"), PedersenTrieHash.Hash(inner, Felt.Zero));
        }
    }

    [Fact]
    public void Class_and_storage_leaves_match()
    {
        var group = Group();
        foreach (var c in group.GetProperty("class_leaf").GetProperty("cases").EnumerateArray())
        {
            Assert.Equal(F(c, "hash"), PoseidonTrieHash.Hash(Felt.FromShortString("CONTRACT_CLASS_LEAF_V0"), F(c, "compiled_class_hash")));
        }

        foreach (var c in group.GetProperty("storage_leaf").GetProperty("cases").EnumerateArray())
        {
            Assert.Equal(F(c, "hash"), F(c, "value"));
        }
    }
}
