using Cairn.Execution.Transactions;
using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Sequencer;

/// <summary>
/// A transaction waiting for a block: its hash, the account it is ordered under (the sender, or the
/// address a DEPLOY_ACCOUNT creates), its nonce and tip, when it arrived, and what the executor needs
/// beside it (a DECLARE's compiled class).
/// </summary>
public sealed record MempoolEntry(TxHash Hash, Transaction Transaction, ContractAddress Account, Felt Nonce, ulong Tip, DateTimeOffset Received, object? Attachment = null)
{
    /// <summary>Arrival order, set by the mempool (ties between equal tips go to the earlier one).</summary>
    public long Sequence { get; internal set; }
}
