using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.State.Tests;

public sealed class AtomicityTests
{
    [Fact]
    public void AFailingDiffChangesNothing()
    {
        var generator = new DiffGenerator(5);
        using var store = StateHarness.NewMemoryStore();
        var state = new WorldState(store);
        var model = new StateModel();
        for (ulong block = 0; block < 5; block++)
        {
            var diff = generator.Next();
            model.Apply(diff);
            state.Apply(block, diff);
        }

        var before = StateHarness.Dump(store);
        var roots = state.GetRoots();

        // Valid writes to several contracts, then an invalid storage key (≥ 2^251) in the largest address:
        // the storage tries of the smaller addresses are updated into the batch before it fails.
        var badKey = generator.RandomKey();
        var bad = generator.Next();
        foreach (var address in generator.Addresses)
        {
            bad.SetStorage(new ContractAddress(address), new StorageKey(7UL), 42UL);
        }

        bad.SetStorage(new ContractAddress(generator.Addresses.Max()), new StorageKey(DiffGenerator.TwoPow251), 1UL);
        Assert.ThrowsAny<ArgumentException>(() => state.Apply(5, bad));
        AssertUnchanged();

        // An invalid address fails at the contracts trie, after every storage trie was updated.
        var badAddress = generator.Next().SetStorage(new ContractAddress(Felt.MaxValue), new StorageKey(1UL), 1UL);
        Assert.ThrowsAny<ArgumentException>(() => state.Apply(5, badAddress));
        AssertUnchanged();

        // An invalid class hash fails at the classes trie, the last update.
        var badClass = generator.Next().DeclareClass(new ClassHash(DiffGenerator.TwoPow251), new CompiledClassHash(1UL));
        Assert.ThrowsAny<ArgumentException>(() => state.Apply(5, badClass));
        AssertUnchanged();

        // The state still works, and a reopened state sees the same.
        var good = generator.Next();
        model.Apply(good);
        Assert.Equal(model.ComputeRoots(), state.Apply(5, good));
        Assert.Equal(model.ComputeRoots(), new WorldState(store).GetRoots());
        StateHarness.AssertReads(new WorldState(store), model, generator, null);

        void AssertUnchanged()
        {
            Assert.Equal(before, StateHarness.Dump(store));
            Assert.Equal(4UL, state.LatestBlock);
            Assert.Equal(roots, state.GetRoots());
            Assert.Equal(roots, new WorldState(store).GetRoots());
        }
    }
}
