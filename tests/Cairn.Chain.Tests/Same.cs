using Cairn.Chain.Commitments;
using Cairn.Execution.Hashing;
using Cairn.Execution.Transactions;

namespace Cairn.Chain.Tests;

/// <summary>Content comparisons of chain values (records compare lists and memories by reference).</summary>
internal static class Same
{
    public static void Transaction(Transaction expected, Transaction actual)
    {
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(expected.IsQuery, actual.IsQuery);
        Assert.Equal(expected.Signature.ToArray(), actual.Signature.ToArray());
        Assert.Equal(TransactionHasher.Compute(expected, RandomBlocks.ChainId), TransactionHasher.Compute(actual, RandomBlocks.ChainId));
        if (expected is TransactionV3 e3 && actual is TransactionV3 a3)
        {
            Assert.Equal(e3.ResourceBounds, a3.ResourceBounds);
            Assert.Equal(e3.Tip, a3.Tip);
            Assert.Equal(e3.NonceDataAvailabilityMode, a3.NonceDataAvailabilityMode);
            Assert.Equal(e3.FeeDataAvailabilityMode, a3.FeeDataAvailabilityMode);
        }
    }

    public static void Receipt(Receipt expected, Receipt actual) =>
        Assert.True(expected.ContentEquals(actual), $"receipt {expected.TransactionHash} differs after the round trip");

    public static void StateUpdate(StateUpdate expected, StateUpdate actual)
    {
        Assert.Equal(expected.BlockHash, actual.BlockHash);
        Assert.Equal(expected.OldRoot, actual.OldRoot);
        Assert.Equal(expected.NewRoot, actual.NewRoot);
        Assert.Equal(BlockCommitmentCalculator.StateDiffCommitment(expected.StateDiff), BlockCommitmentCalculator.StateDiffCommitment(actual.StateDiff));
        var (e, a) = (expected.StateDiff.Diff, actual.StateDiff.Diff);
        Assert.Equal(e.DeployedContracts.OrderBy(kv => kv.Key), a.DeployedContracts.OrderBy(kv => kv.Key));
        Assert.Equal(e.ReplacedClasses.OrderBy(kv => kv.Key), a.ReplacedClasses.OrderBy(kv => kv.Key));
        Assert.Equal(e.DeclaredClasses.OrderBy(kv => kv.Key), a.DeclaredClasses.OrderBy(kv => kv.Key));
        Assert.Equal(e.Nonces.OrderBy(kv => kv.Key), a.Nonces.OrderBy(kv => kv.Key));
        Assert.Equal(expected.StateDiff.MigratedCompiledClasses.OrderBy(kv => kv.Key), actual.StateDiff.MigratedCompiledClasses.OrderBy(kv => kv.Key));
        Assert.Equal(expected.StateDiff.DeprecatedDeclaredClasses.Order(), actual.StateDiff.DeprecatedDeclaredClasses.Order());
    }

    public static void Block(Block expected, Block actual)
    {
        Assert.Equal(expected.Header, actual.Header);
        Assert.Equal(expected.Transactions.Count, actual.Transactions.Count);
        for (var i = 0; i < expected.Transactions.Count; i++) Transaction(expected.Transactions[i], actual.Transactions[i]);
        Assert.Equal(expected.Receipts.Count, actual.Receipts.Count);
        for (var i = 0; i < expected.Receipts.Count; i++) Receipt(expected.Receipts[i], actual.Receipts[i]);
        StateUpdate(expected.StateUpdate, actual.StateUpdate);
    }
}
