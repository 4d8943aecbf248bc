using Cairn.Rpc.Json;

namespace Cairn.Rpc.Server;

/// <summary><c>starknet_subscribeNewTransactionReceipts</c>: receipts at the chosen finalities, from the chosen senders.</summary>
public sealed class NewReceiptsSubscription(
    string id,
    RpcWebSocketConnection connection,
    IReadOnlySet<RpcFinalityStatus> finalities,
    SenderFilter senders) : Subscription(id, connection)
{
    public override string NotificationMethod => "starknet_subscriptionNewTransactionReceipts";

    public override void OnNewReceipt(RpcTransactionWithReceipt t)
    {
        if (!finalities.Contains(t.Finality)) return;
        if (!senders.Matches(t.Transaction, t.Receipt.ContractAddress)) return;
        Notify(w => ReceiptWriter.Write(w, t, withBlockInfo: true));
    }
}
