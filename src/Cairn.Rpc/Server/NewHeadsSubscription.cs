using Cairn.Rpc.Json;

namespace Cairn.Rpc.Server;

/// <summary><c>starknet_subscribeNewHeads</c>: each header accepted on L2 (after any replayed from the requested block).</summary>
public sealed class NewHeadsSubscription(string id, RpcWebSocketConnection connection) : Subscription(id, connection)
{
    private long _lastSent = -1;

    public override string NotificationMethod => "starknet_subscriptionNewHeads";

    public override void OnNewHead(RpcBlockHeader header)
    {
        if (header.IsPreConfirmed) return;
        long number = (long)header.Number;
        long last;
        do
        {
            last = Interlocked.Read(ref _lastSent);
            if (number <= last) return;
        }
        while (Interlocked.CompareExchange(ref _lastSent, number, last) != last);
        Notify(w => BlockWriter.WriteHeader(w, header));
    }
}
