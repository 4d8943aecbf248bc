using Cairn.Execution.Transactions;
using Cairn.Primitives.Ids;

namespace Cairn.Rpc;

/// <summary>A transaction reached a new status (RECEIVED when accepted by the gateway, then CANDIDATE, PRE_CONFIRMED, ACCEPTED_ON_L2 …).</summary>
public sealed record RpcTransactionStatusUpdate(TxHash Hash, Transaction Transaction, RpcTransactionStatusResult Status);
