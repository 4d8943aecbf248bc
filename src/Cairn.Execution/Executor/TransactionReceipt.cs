using Cairn.Execution.Calls;
using Cairn.Execution.Fees;
using Cairn.Execution.Transactions;
using Cairn.Primitives.Ids;
using Cairn.State;

namespace Cairn.Execution.Executor;

/// <summary>
/// What executing an included transaction produced: status and revert reason, the fee charged and the gas
/// it stands for, events and messages in order (none from a reverted execute phase; the fee transfer's
/// event last), the call trees (validation, execution or constructor, fee transfer) for traces, the
/// charged resources and the transaction's own state diff.
/// </summary>
public sealed class TransactionReceipt
{
    public required TxHash TransactionHash { get; init; }

    public required TransactionType Type { get; init; }

    public required ExecutionStatus Status { get; init; }

    public string? RevertReason { get; init; }

    public required IReadOnlyList<ReceiptEvent> Events { get; init; }

    public required IReadOnlyList<ReceiptMessage> Messages { get; init; }

    public CallInfo? ValidateCall { get; init; }

    /// <summary><c>__execute__</c> (INVOKE), the constructor (DEPLOY_ACCOUNT) or the handler (L1_HANDLER).</summary>
    public CallInfo? ExecuteCall { get; init; }

    public CallInfo? FeeTransferCall { get; init; }

    /// <summary>Sierra gas consumed by validation and execution (the execution part even when reverted).</summary>
    public required ulong GasConsumed { get; init; }

    public required UInt128 ActualFee { get; init; }

    public required FeeUnit FeeUnit { get; init; }

    /// <summary>The gas the fee was computed from (RPC <c>execution_resources</c>).</summary>
    public required GasVector Gas { get; init; }

    public required TransactionResources Resources { get; init; }

    /// <summary>The transaction's net state changes, fee transfer included.</summary>
    public required StateDiff StateDiff { get; init; }

    /// <summary>For DEPLOY_ACCOUNT: the deployed address.</summary>
    public ContractAddress? ContractAddress { get; init; }
}
