using Cairn.Rpc.Json;

namespace Cairn.Rpc.Server;

/// <summary><c>starknet_subscribeNewTransactions</c>: transactions as they reach the chosen statuses, from the chosen senders.</summary>
public sealed class NewTransactionsSubscription(
    string id,
    RpcWebSocketConnection connection,
    IReadOnlySet<RpcTransactionStatus> statuses,
    SenderFilter senders,
    bool includeProofFacts) : Subscription(id, connection)
{
    public override string NotificationMethod => "starknet_subscriptionNewTransaction";

    public override void OnStatusChanged(RpcTransactionStatusUpdate update)
    {
        if (!statuses.Contains(update.Status.Finality) || !senders.Matches(update.Transaction)) return;
        var status = RpcEnums.TxStatus(update.Status.Finality);
        Notify(w => TransactionWriter.Write(w, update.Transaction, update.Hash, includeProofFacts, extraFields: x => x.WriteString("finality_status", status)));
    }
}
