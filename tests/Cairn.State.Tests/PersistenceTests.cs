using Cairn.Storage;

namespace Cairn.State.Tests;

public sealed class PersistenceTests
{
    [Fact]
    public void RocksDbStateSurvivesReopening()
    {
        using var temp = new TempDirectory();
        var options = new RocksDbStoreOptions { SyncWrites = false, BlockCacheBytes = 8 << 20 };
        var generator = new DiffGenerator(11);
        var model = new StateModel();
        var history = new List<StateModel>();
        StateRoots last;
        using (var store = RocksDbStore.Open(temp.Path, WorldState.ColumnNames, options))
        {
            var state = new WorldState(store);
            for (ulong block = 0; block < 8; block++)
            {
                var diff = generator.Next();
                model.Apply(diff);
                state.Apply(block, diff);
                history.Add(model.Clone());
            }

            last = state.GetRoots();
        }

        using (var store = RocksDbStore.Open(temp.Path, WorldState.ColumnNames, options))
        {
            var state = new WorldState(store);
            Assert.Equal(7UL, state.LatestBlock);
            Assert.Equal(last, state.GetRoots());
            Assert.Equal(model.ComputeRoots(), last);
            for (var block = 0; block < 8; block++)
            {
                StateHarness.AssertReads(state, history[block], generator, (ulong)block);
            }

            // Node ids continue after the reopened counter: new blocks apply and old roots stay intact.
            for (ulong block = 8; block < 11; block++)
            {
                var diff = generator.Next();
                model.Apply(diff);
                Assert.Equal(model.ComputeRoots(), state.Apply(block, diff));
                history.Add(model.Clone());
            }

            state.RevertTo(9);
        }

        using (var store = RocksDbStore.Open(temp.Path, WorldState.ColumnNames, options))
        {
            var state = new WorldState(store);
            Assert.Equal(9UL, state.LatestBlock);
            for (var block = 0; block <= 9; block++)
            {
                StateHarness.AssertReads(state, history[block], generator, (ulong)block);
                Assert.Equal(history[block].ComputeRoots(), state.GetRoots((ulong)block));
            }
        }
    }
}
