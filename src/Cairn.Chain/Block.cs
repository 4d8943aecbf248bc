using Cairn.Execution.Transactions;
using Cairn.Primitives.Ids;

namespace Cairn.Chain;

/// <summary>
/// A sealed block: header, transactions in order with their receipts (same order, same hashes) and the state update.
/// Build one with <see cref="BlockSealer.Seal"/>.
/// </summary>
public sealed record Block
{
    public required BlockHeader Header { get; init; }

    public required IReadOnlyList<Transaction> Transactions { get; init; }

    public required IReadOnlyList<Receipt> Receipts { get; init; }

    public required StateUpdate StateUpdate { get; init; }

    public ulong Number => Header.Number;

    public BlockHash Hash => Header.Hash;

    /// <summary>The transaction hashes in block order (from the receipts).</summary>
    public IEnumerable<TxHash> TransactionHashes => Receipts.Select(r => r.TransactionHash);
}
