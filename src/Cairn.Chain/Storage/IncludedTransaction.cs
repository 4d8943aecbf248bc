using Cairn.Execution.Transactions;
using Cairn.Primitives.Ids;

namespace Cairn.Chain.Storage;

/// <summary>A stored transaction with its hash and location.</summary>
public sealed record IncludedTransaction(TxHash Hash, Transaction Transaction, TransactionLocation Location);
