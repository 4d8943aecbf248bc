using Cairn.Primitives.Ids;
using Cairn.Rpc.Json;

namespace Cairn.Rpc.Server;

/// <summary><c>starknet_subscribeTransactionStatus</c>: the current status of one transaction, then every change.</summary>
public sealed class TransactionStatusSubscription(string id, RpcWebSocketConnection connection, TxHash hash) : Subscription(id, connection)
{
    public override string NotificationMethod => "starknet_subscriptionTransactionStatus";

    public TxHash Hash => hash;

    public override void OnStatusChanged(RpcTransactionStatusUpdate update)
    {
        if (update.Hash == hash) Send(update.Status);
    }

    internal void Send(RpcTransactionStatusResult status) => Notify(w =>
    {
        w.WriteStartObject();
        w.WriteFelt("transaction_hash", hash.Value);
        w.WritePropertyName("status");
        ResultWriter.WriteStatus(w, status);
        w.WriteEndObject();
    });
}
