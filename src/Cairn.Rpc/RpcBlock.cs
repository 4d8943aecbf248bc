namespace Cairn.Rpc;

/// <summary>
/// A block with its transactions and receipts, in order; serves getBlockWithTxHashes / WithTxs / WithReceipts
/// (a pre-confirmed block when the header says so).
/// </summary>
public sealed record RpcBlock(RpcBlockHeader Header, IReadOnlyList<RpcTransactionWithReceipt> Transactions);
