using Cairn.Chain.Commitments;
using Cairn.Execution.Transactions;
using Cairn.Primitives;

namespace Cairn.Chain;

/// <summary>Turns an executed block (context, transactions, receipts, state diff, roots) into a <see cref="Block"/> with its commitments and hash.</summary>
public static class BlockSealer
{
    /// <summary>
    /// Computes the commitments and the block hash and assembles the block. <paramref name="oldRoot"/> is the state
    /// root before the block (the parent's), <paramref name="newRoot"/> the root after it.
    /// </summary>
    public static Block Seal(
        BlockContext context, IReadOnlyList<Transaction> transactions, IReadOnlyList<Receipt> receipts, BlockStateDiff stateDiff,
        Felt oldRoot, Felt newRoot)
    {
        ArgumentNullException.ThrowIfNull(context);
        var commitments = BlockCommitmentCalculator.Compute(transactions, receipts, stateDiff, context.StarknetVersion);
        return Seal(context, commitments, transactions, receipts, stateDiff, oldRoot, newRoot);
    }

    /// <summary>
    /// As <see cref="Seal(BlockContext, IReadOnlyList{Transaction}, IReadOnlyList{Receipt}, BlockStateDiff, Felt, Felt)"/> with
    /// commitments computed beforehand (they do not depend on the state root, so a builder can compute them before
    /// committing the state and only hash the header afterwards).
    /// </summary>
    public static Block Seal(
        BlockContext context, BlockCommitments commitments, IReadOnlyList<Transaction> transactions, IReadOnlyList<Receipt> receipts,
        BlockStateDiff stateDiff, Felt oldRoot, Felt newRoot)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(transactions);
        ArgumentNullException.ThrowIfNull(receipts);
        ArgumentNullException.ThrowIfNull(stateDiff);
        if ((ulong)transactions.Count != commitments.TransactionCount || receipts.Count != transactions.Count)
        {
            throw new ArgumentException($"{transactions.Count} transactions, {receipts.Count} receipts, commitments for {commitments.TransactionCount}");
        }

        var header = new BlockHeader
        {
            Number = context.Number,
            Hash = default,
            ParentHash = context.ParentHash,
            StateRoot = newRoot,
            SequencerAddress = context.SequencerAddress,
            Timestamp = context.Timestamp,
            GasPrices = context.GasPrices,
            L1DaMode = context.L1DaMode,
            StarknetVersion = context.StarknetVersion,
            Commitments = commitments,
        };
        header = header with { Hash = BlockHasher.Compute(header) };
        return new Block
        {
            Header = header,
            Transactions = transactions,
            Receipts = receipts,
            StateUpdate = new StateUpdate(header.Hash, oldRoot, newRoot, stateDiff),
        };
    }
}
