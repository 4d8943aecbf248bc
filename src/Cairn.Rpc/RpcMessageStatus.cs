using Cairn.Execution.Executor;
using Cairn.Primitives.Ids;

namespace Cairn.Rpc;

/// <summary>One item of <c>starknet_getMessagesStatus</c>: an L1_HANDLER transaction created by the L1 transaction.</summary>
public sealed record RpcMessageStatus(TxHash TransactionHash, RpcFinalityStatus Finality, ExecutionStatus Execution, string? FailureReason = null);
