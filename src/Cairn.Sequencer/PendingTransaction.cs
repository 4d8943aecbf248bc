using Cairn.Execution.Executor;
using Cairn.Execution.Transactions;

namespace Cairn.Sequencer;

/// <summary>A transaction executed into the pending block <see cref="BlockNumber"/>.</summary>
public sealed record PendingTransaction(Transaction Transaction, TransactionReceipt Receipt, ulong BlockNumber);
