using System.Text.Json;
using Cairn.Crypto.Hashing;
using Cairn.Primitives;
using Cairn.Primitives.Ids;
using Cairn.Testing;

namespace Cairn.State.Tests;

public sealed class VectorTests
{
    private static readonly Lazy<JsonElement> Vectors = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(ScureOracle.VectorsDir, "primitives.json"))).RootElement);

    private static Felt F(JsonElement e, string name) => Felt.Parse(e.GetProperty(name).GetString()!);

    [Fact]
    public void ContractStateLeafVectors()
    {
        var cases = Vectors.Value.GetProperty("state_leaves").GetProperty("contract_state_leaf").GetProperty("cases");
        Assert.True(cases.GetArrayLength() >= 4);
        foreach (var c in cases.EnumerateArray())
        {
            Assert.Equal(F(c, "hash"), StateCommitment.ContractStateHash(F(c, "class_hash"), F(c, "storage_root"), F(c, "nonce")));
            Assert.Equal(F(c, "hash"), new ContractState(F(c, "class_hash"), F(c, "nonce"), new Trie.TrieRoot(1, F(c, "storage_root"))).Leaf);
        }
    }

    [Fact]
    public void ClassLeafVectors()
    {
        foreach (var c in Vectors.Value.GetProperty("state_leaves").GetProperty("class_leaf").GetProperty("cases").EnumerateArray())
        {
            Assert.Equal(F(c, "hash"), StateCommitment.ClassLeaf(F(c, "compiled_class_hash")));
        }
    }

    [Fact]
    public void StorageLeafIsTheRawValue()
    {
        // A storage trie with a single leaf has root = edge(leaf, key, 251) = pedersen(leaf, key) + 251.
        foreach (var c in Vectors.Value.GetProperty("state_leaves").GetProperty("storage_leaf").GetProperty("cases").EnumerateArray())
        {
            using var store = StateHarness.NewMemoryStore();
            var state = new WorldState(store);
            var key = (Felt)0x1234UL;
            state.Apply(0, new StateDiff().SetStorage(new ContractAddress(5UL), new StorageKey(key), F(c, "value")));
            var root = state.GetContractState(new ContractAddress(5UL)).StorageRoot.Hash;
            Assert.Equal(F(c, "value"), F(c, "hash"));
            Assert.Equal(Pedersen.Hash(F(c, "hash"), key) + (Felt)251UL, root);
        }
    }

    [Fact]
    public void DeleteLeafRegressionThroughTwoBlocksGivesTheVectorStorageRoot()
    {
        var vector = Vectors.Value.GetProperty("trie_roots_251")[0];
        Assert.Equal("delete_leaf_regression", vector.GetProperty("name").GetString());
        var address = new ContractAddress(0x1UL); // the block-hash system contract: class hash 0, nonce 0
        var block0 = new StateDiff();
        foreach (var leaf in vector.GetProperty("final_leaves").EnumerateArray())
        {
            block0.SetStorage(address, new StorageKey(F(leaf, "key")), F(leaf, "value"));
        }

        block0.SetStorage(address, new StorageKey(0x5UL), 0x22bUL);
        using var store = StateHarness.NewMemoryStore();
        var state = new WorldState(store);
        state.Apply(0, block0);
        var roots = state.Apply(1, new StateDiff().SetStorage(address, new StorageKey(0x5UL), Felt.Zero));

        var storageRoot = F(vector, "root");
        Assert.Equal(storageRoot, state.GetContractState(address).StorageRoot.Hash);

        // The system contract's leaf is present although its class hash and nonce are 0 (spec §7.3).
        var leaf0x1 = StateCommitment.ContractStateHash(Felt.Zero, storageRoot, Felt.Zero);
        var contractsRoot = Pedersen.Hash(leaf0x1, 0x1UL) + (Felt)251UL;
        Assert.Equal(contractsRoot, roots.ContractsRoot);
        Assert.Equal(Felt.Zero, roots.ClassesRoot);
        Assert.Equal(
            Poseidon.HashMany([Felt.FromShortString("STARKNET_STATE_V0"), contractsRoot, Felt.Zero]),
            roots.GlobalRoot);
    }

    [Fact]
    public void EmptyStateHasRootZeroAndAContractLeavesWhenAllZero()
    {
        using var store = StateHarness.NewMemoryStore();
        var state = new WorldState(store);
        Assert.Equal(default, state.GetRoots());
        Assert.Equal(default, state.Apply(0, new StateDiff()));
        var address = new ContractAddress(0x2UL);
        Assert.NotEqual(Felt.Zero, state.Apply(1, new StateDiff().SetStorage(address, new StorageKey(0UL), 0x80UL)).GlobalRoot);
        Assert.Equal(default, state.Apply(2, new StateDiff().SetStorage(address, new StorageKey(0UL), Felt.Zero)));
        Assert.Equal((Felt)0x80UL, state.GetStorage(address, new StorageKey(0UL), 1));
    }

    [Fact]
    public void ClassLeafHashesAndOnlyClassesGiveAPoseidonGlobalRoot()
    {
        using var store = StateHarness.NewMemoryStore();
        var state = new WorldState(store);
        var classHash = (Felt)0x99UL;
        var roots = state.Apply(0, new StateDiff().DeclareClass(new ClassHash(classHash), new CompiledClassHash(0xacdcUL)));
        var leaf = Felt.Parse("0x49ed9a06987e7e55770d6c4d7d16b819ad984bf4aed552042847380cc31210d");
        var classesRoot = Poseidon.Hash(leaf, classHash) + (Felt)251UL;
        Assert.Equal(classesRoot, roots.ClassesRoot);
        Assert.Equal(Poseidon.HashMany([Felt.FromShortString("STARKNET_STATE_V0"), Felt.Zero, classesRoot]), roots.GlobalRoot);
    }
}
