using System.Text.Json;
using Cairn.Primitives;
using Cairn.Primitives.Ids;
using Cairn.Testing;

namespace Cairn.State.Tests;

public sealed class SystemContractsTests
{
    private static (StateDiff WithoutAliases, Dictionary<StorageKey, Felt> Aliases) LoadFixture()
    {
        var path = Path.Combine(ScureOracle.VectorsDir, "pathfinder", "sepolia_integration_63881.state_update.json");
        var diffJson = JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("state_diff");
        var diff = new StateDiff();
        var aliases = new Dictionary<StorageKey, Felt>();
        foreach (var contract in diffJson.GetProperty("storage_diffs").EnumerateObject())
        {
            var address = ContractAddress.Parse(contract.Name);
            foreach (var write in contract.Value.EnumerateArray())
            {
                var key = StorageKey.Parse(write.GetProperty("key").GetString());
                var value = Felt.Parse(write.GetProperty("value").GetString());
                if (address == SystemContracts.AliasContract)
                {
                    aliases[key] = value;
                }
                else
                {
                    diff.SetStorage(address, key, value);
                }
            }
        }

        foreach (var nonce in diffJson.GetProperty("nonces").EnumerateObject())
        {
            diff.SetNonce(ContractAddress.Parse(nonce.Name), Nonce.Parse(nonce.Value.GetString()));
        }

        Assert.Equal(0, diffJson.GetProperty("deployed_contracts").GetArrayLength());
        Assert.Equal(0, diffJson.GetProperty("replaced_classes").GetArrayLength());
        return (diff, aliases);
    }

    [Theory]
    [InlineData(0x0UL)]
    [InlineData(0x80UL)]
    public void AliasAllocationMatchesSepoliaIntegrationBlock63881(ulong counterBefore)
    {
        var (diff, expected) = LoadFixture();
        Assert.Equal(8, expected.Count);
        SystemContracts.AllocateAliases(diff, key => key.Value.IsZero ? counterBefore : Felt.Zero);
        Assert.Equal(expected.OrderBy(kv => kv.Key), diff.StorageDiffs[SystemContracts.AliasContract].OrderBy(kv => kv.Key));
    }

    [Fact]
    public void BlockHashWriteMatchesSepoliaIntegrationBlock63881()
    {
        var (fixture, _) = LoadFixture();
        var expected = Assert.Single(fixture.StorageDiffs[SystemContracts.BlockHashContract]);
        var diff = new StateDiff();
        Assert.True(SystemContracts.AddBlockHashWrite(diff, 63881, n => n == 63871 ? expected.Value : Felt.Zero));
        Assert.Equal(expected, Assert.Single(diff.StorageDiffs[SystemContracts.BlockHashContract]));
        Assert.False(SystemContracts.AddBlockHashWrite(new StateDiff(), 9, _ => Felt.One));
    }

    [Fact]
    public void AliasesPersistAcrossBlocksThroughWorldState()
    {
        using var store = StateHarness.NewMemoryStore();
        var state = new WorldState(store);
        var user = new ContractAddress(0x1000UL);

        var block0 = new StateDiff().SetStorage(user, new StorageKey(0x5UL), 1UL).SetStorage(user, new StorageKey(0x90UL), 2UL);
        SystemContracts.AllocateAliases(block0, state);
        state.Apply(0, block0);
        Assert.Equal((Felt)0x80UL, state.GetStorage(SystemContracts.AliasContract, new StorageKey(0x90UL)));
        Assert.Equal((Felt)0x81UL, state.GetStorage(SystemContracts.AliasContract, new StorageKey(0x1000UL)));
        Assert.Equal((Felt)0x82UL, state.GetStorage(SystemContracts.AliasContract, SystemContracts.AliasCounterKey));
        Assert.Equal(Felt.Zero, state.GetStorage(SystemContracts.AliasContract, new StorageKey(0x5UL)));

        // Already-aliased keys and addresses are skipped; nothing new means no counter write.
        var block1 = new StateDiff().SetStorage(user, new StorageKey(0x90UL), 3UL);
        SystemContracts.AllocateAliases(block1, state);
        Assert.False(block1.StorageDiffs.ContainsKey(SystemContracts.AliasContract));

        var block2 = new StateDiff().SetStorage(user, new StorageKey(0xA0UL), 3UL);
        SystemContracts.AllocateAliases(block2, state);
        Assert.Equal((Felt)0x82UL, block2.StorageDiffs[SystemContracts.AliasContract][new StorageKey(0xA0UL)]);
        Assert.Equal((Felt)0x83UL, block2.StorageDiffs[SystemContracts.AliasContract][SystemContracts.AliasCounterKey]);
    }
}
