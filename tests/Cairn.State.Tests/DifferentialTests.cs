using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.State.Tests;

public sealed class DifferentialTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RandomBlocksMatchTheModelAtEveryBlock(int seed)
    {
        const int Blocks = 25;
        var generator = new DiffGenerator(seed);
        using var store = StateHarness.NewMemoryStore();
        var state = new WorldState(store);
        var model = new StateModel();
        var history = new List<StateModel>();
        var roots = new List<StateRoots>();

        for (ulong block = 0; block < Blocks; block++)
        {
            var diff = generator.Next();
            model.Apply(diff);
            var actual = state.Apply(block, diff);
            var expected = model.ComputeRoots();
            Assert.Equal(expected, actual);
            Assert.Equal(expected, state.GetRoots());
            history.Add(model.Clone());
            roots.Add(expected);
        }

        Assert.Equal((ulong)(Blocks - 1), state.LatestBlock);
        for (var block = 0; block < Blocks; block++)
        {
            StateHarness.AssertReads(state, history[block], generator, (ulong)block);
            Assert.Equal(roots[block], state.GetRoots((ulong)block));
        }

        StateHarness.AssertReads(state, model, generator, null);

        // Revert the newest blocks, then build a different future on the kept block.
        const int Kept = 14;
        state.RevertTo(Kept);
        Assert.Equal((ulong)Kept, state.LatestBlock);
        Assert.Equal(roots[Kept], state.GetRoots());
        StateHarness.AssertReads(state, history[Kept], generator, null);
        Assert.Throws<ArgumentOutOfRangeException>(() => state.GetRoots(Kept + 1));

        model = history[Kept].Clone();
        for (ulong block = Kept + 1; block < Kept + 8; block++)
        {
            var diff = generator.Next();
            model.Apply(diff);
            Assert.Equal(model.ComputeRoots(), state.Apply(block, diff));
            history[(int)block] = model.Clone();
        }

        for (var block = 0; block < Kept + 8; block++)
        {
            StateHarness.AssertReads(state, history[block], generator, (ulong)block);
        }

        // Reverting everything leaves an empty store.
        state.RevertTo(null);
        Assert.Null(state.LatestBlock);
        Assert.Equal(default, state.GetRoots());
        var left = StateHarness.Dump(store);
        Assert.Equal([(WorldState.NodesColumnName, "6D")], left.Select(e => (e.Column, e.Key)).ToList());
    }

    [Fact]
    public void PruningKeepsRecentBlocksAndRootsReadable()
    {
        var generator = new DiffGenerator(7);
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

        var nodesBefore = state.Nodes.CountNodes();
        Assert.True(state.Prune(8) > 0);
        Assert.True(state.Nodes.CountNodes() < nodesBefore);
        for (var block = 8; block < 12; block++)
        {
            StateHarness.AssertReads(state, history[block], generator, (ulong)block);
        }

        Assert.Throws<InvalidOperationException>(() => state.GetStorage(new ContractAddress(generator.Addresses[0]), new StorageKey(Felt.Zero), 3));
        Assert.Throws<InvalidOperationException>(() => state.RevertTo(5));
        Assert.Equal(history[3].ComputeRoots(), state.GetRoots(3));

        var next = generator.Next();
        model.Apply(next);
        Assert.Equal(model.ComputeRoots(), state.Apply(12, next));
    }

    [Fact]
    public void KeepBlocksPrunesAsBlocksAreApplied()
    {
        var generator = new DiffGenerator(11);
        using var store = StateHarness.NewMemoryStore();
        using var reference = StateHarness.NewMemoryStore();
        var state = new WorldState(store) { KeepBlocks = 3 };
        var unpruned = new WorldState(reference);
        var model = new StateModel();
        var history = new List<StateModel>();
        for (ulong block = 0; block < 10; block++)
        {
            var diff = generator.Next();
            model.Apply(diff);
            history.Add(model.Clone());
            Assert.Equal(unpruned.Apply(block, diff), state.Apply(block, diff));
            Assert.Equal(block + 1 > 3 ? block + 1 - 3 : 0, state.PrunedBelow);
        }

        Assert.True(state.Nodes.CountNodes() < unpruned.Nodes.CountNodes());
        for (var block = 7; block < 10; block++)
        {
            StateHarness.AssertReads(state, history[block], generator, (ulong)block);
        }

        Assert.Throws<InvalidOperationException>(() => state.GetStorage(new ContractAddress(generator.Addresses[0]), new StorageKey(Felt.Zero), 6));
    }

    [Fact]
    public void BlocksMustBeAppliedInOrder()
    {
        using var store = StateHarness.NewMemoryStore();
        var state = new WorldState(store);
        Assert.Throws<InvalidOperationException>(() => state.Apply(1, new StateDiff()));
        state.Apply(0, new StateDiff());
        Assert.Throws<InvalidOperationException>(() => state.Apply(0, new StateDiff()));
        Assert.Throws<InvalidOperationException>(() => state.Apply(2, new StateDiff()));
        state.Apply(1, new StateDiff());
        Assert.Equal(1UL, state.LatestBlock);
    }
}
