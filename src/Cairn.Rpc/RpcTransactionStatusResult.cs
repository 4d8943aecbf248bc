using Cairn.Execution.Executor;

namespace Cairn.Rpc;

/// <summary>
/// RPC <c>TXN_STATUS_RESULT</c>: <see cref="Execution"/> is set once the transaction executed (PRE_CONFIRMED and
/// later); <see cref="FailureReason"/> only when it reverted.
/// </summary>
public sealed record RpcTransactionStatusResult(RpcTransactionStatus Finality, ExecutionStatus? Execution = null, string? FailureReason = null);
