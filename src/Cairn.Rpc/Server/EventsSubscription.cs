using Cairn.Primitives;
using Cairn.Primitives.Ids;
using Cairn.Rpc.Json;

namespace Cairn.Rpc.Server;

/// <summary>
/// <c>starknet_subscribeEvents</c>: events matching the emitters and keys, as their transaction reaches
/// ACCEPTED_ON_L2 (or already at PRE_CONFIRMED, and again at ACCEPTED_ON_L2, when that finality was asked for).
/// </summary>
public sealed class EventsSubscription(
    string id,
    RpcWebSocketConnection connection,
    IReadOnlyList<ContractAddress> addresses,
    IReadOnlyList<IReadOnlyList<Felt>> keys,
    bool includePreConfirmed) : Subscription(id, connection)
{
    private readonly RpcEventFilter _filter = new() { Addresses = addresses, Keys = keys, ChunkSize = 1 };

    public override string NotificationMethod => "starknet_subscriptionEvents";

    public RpcEventFilter Filter => _filter;

    public override void OnNewReceipt(RpcTransactionWithReceipt t)
    {
        if (t.Finality == RpcFinalityStatus.PreConfirmed && !includePreConfirmed) return;
        var events = t.Receipt.Events;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (!_filter.Matches(e.FromAddress, e.Keys)) continue;
            var emitted = new RpcEmittedEvent(e.FromAddress, e.Keys, e.Data, t.BlockHash, t.BlockNumber, t.Hash, t.Index, i);
            Notify(w => ResultWriter.WriteEmittedEvent(w, emitted, t.Finality));
        }
    }

    /// <summary>Sends a replayed (historical) event.</summary>
    internal void Replay(RpcEmittedEvent e, RpcFinalityStatus finality) => Notify(w => ResultWriter.WriteEmittedEvent(w, e, finality));
}
