using Cairn.Execution.Executor;
using Cairn.Execution.Transactions;
using Cairn.Primitives.Ids;

namespace Cairn.Rpc;

/// <summary>
/// One simulated transaction: its (query) hash, the receipt of its execution (call trees, state diff, gas, status),
/// and the fee estimate. A transaction that would be rejected (nonce, validation, balance …) is not a result: the
/// backend throws (TRANSACTION_EXECUTION_ERROR with its index, or the rejection's own error).
/// </summary>
public sealed record SimulatedTransaction(TxHash Hash, Transaction Transaction, TransactionReceipt Receipt, FeeEstimate FeeEstimate);
