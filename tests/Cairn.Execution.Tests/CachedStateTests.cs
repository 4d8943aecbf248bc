using Cairn.Cairo.Programs;
using Cairn.Execution.State;
using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Execution.Tests;

public sealed class CachedStateTests
{
    private sealed class CountingReader : IStateReader
    {
        public int Reads;
        public readonly InMemoryStateReader Inner = new();

        public Felt GetStorage(ContractAddress address, StorageKey key)
        {
            Reads++;
            return Inner.GetStorage(address, key);
        }

        public Nonce GetNonce(ContractAddress address)
        {
            Reads++;
            return Inner.GetNonce(address);
        }

        public ClassHash GetClassHashAt(ContractAddress address)
        {
            Reads++;
            return Inner.GetClassHashAt(address);
        }

        public CompiledClassHash? GetCompiledClassHash(ClassHash classHash)
        {
            Reads++;
            return Inner.GetCompiledClassHash(classHash);
        }

        public CasmContractClass? GetCompiledClass(ClassHash classHash)
        {
            Reads++;
            return Inner.GetCompiledClass(classHash);
        }
    }

    private static readonly ContractAddress A = new(Felt.FromUInt64(0xa));
    private static readonly StorageKey K = new(Felt.FromUInt64(7));

    [Fact]
    public void Cached_reads_reach_the_base_once_and_writes_still_win()
    {
        var reader = new CountingReader();
        reader.Inner.Storage[(A, K)] = Felt.FromUInt64(5);
        var state = new CachedState(reader, cacheReads: true);
        for (int i = 0; i < 3; i++) Assert.Equal(Felt.FromUInt64(5), state.GetStorage(A, K));
        for (int i = 0; i < 3; i++) state.GetNonce(A);
        Assert.Equal(2, reader.Reads);
        state.SetStorage(A, K, Felt.FromUInt64(9));
        Assert.Equal(Felt.FromUInt64(9), state.GetStorage(A, K));
        int cp = state.Checkpoint();
        state.SetStorage(A, K, Felt.FromUInt64(10));
        state.Rollback(cp);
        Assert.Equal(Felt.FromUInt64(9), state.GetStorage(A, K));

        var plain = new CachedState(reader);
        plain.GetStorage(A, K);
        plain.GetStorage(A, K);
        Assert.Equal(4, reader.Reads);
    }

    [Fact]
    public void A_snapshot_keeps_its_view_while_the_original_changes()
    {
        var reader = new CountingReader();
        var state = new CachedState(reader, cacheReads: true);
        state.SetStorage(A, K, Felt.One);
        state.SetNonce(A, new Nonce(Felt.FromUInt64(3)));
        var snapshot = state.Snapshot();
        state.SetStorage(A, K, Felt.FromUInt64(2));
        Assert.Equal(Felt.One, snapshot.GetStorage(A, K));
        Assert.Equal(Felt.FromUInt64(3), snapshot.GetNonce(A).Value);
        snapshot.SetStorage(A, K, Felt.FromUInt64(4));
        Assert.Equal(Felt.FromUInt64(2), state.GetStorage(A, K));
        Assert.Single(state.ToStateDiff().Nonces);
    }
}
