using Cairn.Primitives;
using Cairn.Primitives.Ids;
using Cairn.Storage;

namespace Cairn.State.Tests;

internal static class StateHarness
{
    public static MemoryStore NewMemoryStore() => new(WorldState.ColumnNames);

    /// <summary>Asserts that every read at <paramref name="block"/> equals <paramref name="model"/>.</summary>
    public static void AssertReads(WorldState state, StateModel model, DiffGenerator generator, ulong? block)
    {
        foreach (var address in generator.Addresses)
        {
            model.Contracts.TryGetValue(address, out var contract);
            var contractAddress = new ContractAddress(address);
            Assert.Equal(contract?.ClassHash ?? Felt.Zero, state.GetClassHashAt(contractAddress, block).Value);
            Assert.Equal(contract?.Nonce ?? Felt.Zero, state.GetNonce(contractAddress, block).Value);
            foreach (var key in generator.Keys)
            {
                var expected = contract is not null && contract.Storage.TryGetValue(key, out var v) ? v : Felt.Zero;
                Assert.Equal(expected, state.GetStorage(contractAddress, new StorageKey(key), block));
            }
        }

        foreach (var classHash in generator.ClassHashes)
        {
            var expected = model.Classes.TryGetValue(classHash, out var compiled) ? new CompiledClassHash(compiled) : (CompiledClassHash?)null;
            Assert.Equal(expected, state.GetCompiledClassHash(new ClassHash(classHash), block));
        }
    }

    /// <summary>A copy of every pair in every column, to check that nothing changed.</summary>
    public static List<(string Column, string Key, string Value)> Dump(IKeyValueStore store) =>
        [.. store.Columns.SelectMany(c => store.GetAll(c).Select(kv => (c.Name, Convert.ToHexString(kv.Key), Convert.ToHexString(kv.Value))))];
}
