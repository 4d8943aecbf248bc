using Cairn.Crypto.Hashing;
using Cairn.Execution.Hashing;
using Cairn.Execution.Transactions;
using Cairn.Primitives;

namespace Cairn.Execution.Tests;

/// <summary>Hashing a transaction allocates nothing once warm (the gateway and the block builder hash every transaction).</summary>
public sealed class AllocationTests
{
    private static long Allocated(Action action)
    {
        for (int i = 0; i < 3; i++) action();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++) action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void TransactionHashesDoNotAllocate()
    {
        var bounds = new ResourceBoundsMapping(new(1, 2), new(3, 4), new ResourceBounds(5, 6));
        Felt chain = Felt.FromShortString("SN_MAIN");
        Felt[] data = [1, 2, 3, 4, 5];
        var invoke = new InvokeTransactionV3 { SenderAddress = 7, Nonce = 1, ResourceBounds = bounds, Calldata = data, ProofFacts = data, Tip = 9 };
        var declare = new DeclareTransactionV3 { SenderAddress = 7, Nonce = 1, ResourceBounds = bounds, ClassHash = 8, CompiledClassHash = 9 };
        var deploy = new DeployAccountTransactionV3 { ClassHash = 8, ContractAddressSalt = 3, ConstructorCalldata = data, Nonce = 0, ResourceBounds = bounds };
        var l1 = new L1HandlerTransaction { ContractAddress = 1, EntryPointSelector = 2, Calldata = data, Nonce = 3 };
        Felt sink = default;
        Assert.Equal(0, Allocated(() => sink += TransactionHasher.Compute(invoke, chain).Value));
        Assert.Equal(0, Allocated(() => sink += TransactionHasher.Compute(declare, chain).Value));
        Assert.Equal(0, Allocated(() => sink += TransactionHasher.Compute(deploy, chain).Value));
        Assert.Equal(0, Allocated(() => sink += TransactionHasher.Compute(l1, chain).Value));
        Assert.Equal(0, Allocated(() => sink += ContractAddressCalculator.Compute(1, 2, data, 0).Value));
        Assert.NotEqual(Felt.Zero, sink);
    }
}
