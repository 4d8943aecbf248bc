using Cairn.Execution.Fees;
using Cairn.Execution.Executor;
using Cairn.Execution.Transactions;
using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Chain;

/// <summary>
/// The receipt of an included transaction as the chain keeps it (RPC <c>TXN_RECEIPT</c> without the block and
/// finality fields, which the store adds): fee, status, events, L2→L1 messages and gas consumed.
/// </summary>
public sealed record Receipt
{
    public required TxHash TransactionHash { get; init; }

    public required TransactionType Type { get; init; }

    public required FeePayment ActualFee { get; init; }

    public ExecutionStatus ExecutionStatus { get; init; }

    /// <summary>The revert reason of a reverted transaction (hashed into the receipt leaf, so byte-exact).</summary>
    public string? RevertReason { get; init; }

    public IReadOnlyList<ReceiptEvent> Events { get; init; } = [];

    public IReadOnlyList<ReceiptMessage> Messages { get; init; } = [];

    /// <summary>Total gas consumed (RPC <c>execution_resources</c>).</summary>
    public GasVector ExecutionResources { get; init; }

    /// <summary>The deployed address (DEPLOY_ACCOUNT and DEPLOY receipts).</summary>
    public ContractAddress? ContractAddress { get; init; }

    /// <summary>The L1→L2 message hash of an L1_HANDLER receipt: 32 bytes, big-endian (a keccak, not a felt).</summary>
    public byte[]? L1MessageHash { get; init; }

    /// <summary>
    /// The chain receipt of an executed transaction: the executor's status, revert reason, events and messages
    /// plus what the fee step decided.
    /// </summary>
    public static Receipt FromExecution(TransactionReceipt executed, Transaction transaction, FeePayment fee, GasVector gas,
        ContractAddress? contractAddress = null, byte[]? l1MessageHash = null)
    {
        ArgumentNullException.ThrowIfNull(executed);
        ArgumentNullException.ThrowIfNull(transaction);
        return new Receipt
        {
            TransactionHash = executed.TransactionHash,
            Type = transaction.Type,
            ActualFee = fee,
            ExecutionStatus = executed.Status,
            RevertReason = executed.Status == ExecutionStatus.Reverted ? executed.RevertReason ?? "" : null,
            Events = executed.Events,
            Messages = executed.Messages,
            ExecutionResources = gas,
            ContractAddress = contractAddress,
            L1MessageHash = l1MessageHash,
        };
    }

    /// <summary>Content equality (records compare lists by reference).</summary>
    public bool ContentEquals(Receipt? other)
    {
        if (other is null) return false;
        if (TransactionHash != other.TransactionHash || Type != other.Type || ActualFee != other.ActualFee ||
            ExecutionStatus != other.ExecutionStatus || RevertReason != other.RevertReason ||
            ExecutionResources != other.ExecutionResources || ContractAddress != other.ContractAddress ||
            !BytesEqual(L1MessageHash, other.L1MessageHash) || Events.Count != other.Events.Count || Messages.Count != other.Messages.Count)
        {
            return false;
        }

        for (var i = 0; i < Events.Count; i++)
        {
            var (a, b) = (Events[i], other.Events[i]);
            if (a.FromAddress != b.FromAddress || !a.Keys.SequenceEqual(b.Keys) || !a.Data.SequenceEqual(b.Data)) return false;
        }

        for (var i = 0; i < Messages.Count; i++)
        {
            var (a, b) = (Messages[i], other.Messages[i]);
            if (a.FromAddress != b.FromAddress || a.ToAddress != b.ToAddress || !a.Payload.SequenceEqual(b.Payload)) return false;
        }

        return true;
    }

    private static bool BytesEqual(byte[]? a, byte[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);
}
