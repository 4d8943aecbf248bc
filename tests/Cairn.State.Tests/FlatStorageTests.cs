using Cairn.Primitives;
using Cairn.Primitives.Ids;
using Cairn.Storage;

namespace Cairn.State.Tests;

/// <summary>
/// The flat per-slot storage log (<c>'s'</c> entries of the data column) against the storage tries it shortcuts,
/// and stores written before the log existed, which must keep reading through the tries.
/// </summary>
public sealed class FlatStorageTests
{
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void TheFlatLogAgreesWithTheStorageTriesAtEveryBlock(int seed)
    {
        const int Blocks = 20;
        var generator = new DiffGenerator(seed);
        using var store = StateHarness.NewMemoryStore();
        var state = new WorldState(store);
        Assert.True(state.HasFlatStorage);
        for (ulong block = 0; block < Blocks; block++)
        {
            state.Apply(block, generator.Next());
        }

        for (ulong block = 0; block < Blocks; block++)
        {
            foreach (var address in generator.Addresses)
            {
                var root = state.GetContractState(new ContractAddress(address), block).StorageRoot;
                foreach (var key in generator.Keys)
                {
                    Assert.Equal(state.StorageTrie.Get(root, key), state.GetStorage(new ContractAddress(address), new StorageKey(key), block));
                }
            }
        }

        AssertLatestTableMatchesTheLog(store, state, generator);
    }

    [Fact]
    public void AStoreWithoutTheFlatLogReadsThroughTheTries()
    {
        var generator = new DiffGenerator(21);
        using var store = StateHarness.NewMemoryStore();
        var state = new WorldState(store);
        var model = new StateModel();
        var history = new List<StateModel>();
        for (ulong block = 0; block < 10; block++)
        {
            var diff = generator.Next();
            model.Apply(diff);
            state.Apply(block, diff);
            history.Add(model.Clone());
        }

        // Make it look like a store written before the flat log: no marker, no 's', 'l' or 'w' entries.
        var data = store.GetColumn(WorldState.DataColumnName);
        using (var batch = store.CreateBatch())
        {
            foreach (var (key, _) in store.GetAll(data))
            {
                if (key[0] is (byte)'s' or (byte)'w' or (byte)'f' or (byte)'l')
                {
                    batch.Delete(data, key);
                }
            }

            store.Write(batch);
        }

        var legacy = new WorldState(store);
        Assert.False(legacy.HasFlatStorage);
        for (var block = 0; block < 10; block++)
        {
            StateHarness.AssertReads(legacy, history[block], generator, (ulong)block);
        }

        // It stays on the tries as it grows, and after a reopen.
        for (ulong block = 10; block < 14; block++)
        {
            var diff = generator.Next();
            model.Apply(diff);
            legacy.Apply(block, diff);
        }

        Assert.DoesNotContain(store.GetAll(data), kv => kv.Key[0] is (byte)'s' or (byte)'w' or (byte)'f' or (byte)'l');
        var reopened = new WorldState(store);
        Assert.False(reopened.HasFlatStorage);
        StateHarness.AssertReads(reopened, model, generator, null);
    }

    [Fact]
    public void RevertsDeleteTheLogOfRevertedBlocksAndPruningDropsOldRevertLists()
    {
        var generator = new DiffGenerator(31);
        using var store = StateHarness.NewMemoryStore();
        var state = new WorldState(store);
        var model = new StateModel();
        var history = new List<StateModel>();
        for (ulong block = 0; block < 12; block++)
        {
            var diff = generator.Next();
            model.Apply(diff);
            state.Apply(block, diff);
            history.Add(model.Clone());
        }

        var data = store.GetColumn(WorldState.DataColumnName);
        state.RevertTo(6);
        foreach (var (key, _) in store.GetAll(data))
        {
            if (key[0] is (byte)'s')
            {
                Assert.True(~System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(key.AsSpan(65)) <= 6);
            }
        }

        Assert.Null(store.Get(data, StateKeys.StorageWritesKey(7)));
        AssertLatestTableMatchesTheLog(store, state, generator);
        StateHarness.AssertReads(state, history[6], generator, null);

        state.Prune(4);
        for (ulong block = 0; block < 4; block++)
        {
            Assert.Null(store.Get(data, StateKeys.StorageWritesKey(block)));
        }

        Assert.NotNull(store.Get(data, StateKeys.StorageWritesKey(5)));
        state.RevertTo(4);
        StateHarness.AssertReads(state, history[4], generator, null);
    }

    [Fact]
    public async Task ReadsOfTheHeadBlockRacingCommitsSeeOneBlockOrTheOther()
    {
        var generator = new DiffGenerator(41, addressCount: 2, keyCount: 3);
        using var store = StateHarness.NewMemoryStore();
        var state = new WorldState(store);
        var models = new List<StateModel>();
        var model = new StateModel();
        var diffs = new List<StateDiff>();
        for (var i = 0; i < 200; i++)
        {
            var diff = generator.Next();
            model.Apply(diff);
            diffs.Add(diff);
            models.Add(model.Clone());
        }

        state.Apply(0, diffs[0]);
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            var errors = 0;
            while (!stop.IsCancellationRequested)
            {
                var block = state.LatestBlock!.Value;
                foreach (var address in generator.Addresses)
                {
                    models[(int)block].Contracts.TryGetValue(address, out var contract);
                    foreach (var key in generator.Keys)
                    {
                        var expected = contract is not null && contract.Storage.TryGetValue(key, out var v) ? v : Felt.Zero;
                        if (state.GetStorage(new ContractAddress(address), new StorageKey(key), block) != expected)
                        {
                            errors++;
                        }
                    }
                }
            }

            return errors;
        });
        for (var block = 1; block < diffs.Count; block++)
        {
            state.Apply((ulong)block, diffs[block]);
        }

        stop.Cancel();
        Assert.Equal(0, await reader);
    }

    /// <summary>Every 'l' entry is the newest 's' entry of its slot, and no slot with a non-zero value lacks one.</summary>
    private static void AssertLatestTableMatchesTheLog(MemoryStore store, WorldState state, DiffGenerator generator)
    {
        var data = store.GetColumn(WorldState.DataColumnName);
        foreach (var address in generator.Addresses)
        {
            foreach (var key in generator.Keys)
            {
                var latest = store.Get(data, StateKeys.LatestStorageKey(address, key));
                var root = state.GetContractState(new ContractAddress(address)).StorageRoot;
                var expected = state.StorageTrie.Get(root, key);
                if (expected.IsZero)
                {
                    Assert.Null(latest);
                }
                else
                {
                    Assert.Equal(expected, Felt.FromBytesBE(latest));
                }
            }
        }
    }
}
