namespace Cairn.Chain.Storage;

/// <summary>A receipt with the location of its transaction (RPC <c>TXN_RECEIPT_WITH_BLOCK_INFO</c>).</summary>
public sealed record IncludedReceipt(Receipt Receipt, TransactionLocation Location);
