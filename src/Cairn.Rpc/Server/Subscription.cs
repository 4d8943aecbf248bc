namespace Cairn.Rpc.Server;

/// <summary>
/// One WebSocket subscription: it turns backend events into notification messages. Until <see cref="Activate"/>
/// (called once the subscribe response is on the wire) its messages are held back, so the client always sees the
/// subscription id before the first notification.
/// </summary>
public abstract class Subscription
{
    private readonly object _gate = new();
    private List<byte[]>? _held = [];

    protected Subscription(string id, RpcWebSocketConnection connection)
    {
        Id = id;
        Connection = connection;
    }

    public string Id { get; }

    protected RpcWebSocketConnection Connection { get; }

    /// <summary>The notification method name (e.g. <c>starknet_subscriptionNewHeads</c>).</summary>
    public abstract string NotificationMethod { get; }

    public virtual void OnNewHead(RpcBlockHeader header)
    {
    }

    public virtual void OnNewReceipt(RpcTransactionWithReceipt receipt)
    {
    }

    public virtual void OnStatusChanged(RpcTransactionStatusUpdate update)
    {
    }

    /// <summary>Sends (or holds, before activation) a notification whose <c>result</c> the callback writes.</summary>
    protected void Notify(Action<System.Text.Json.Utf8JsonWriter> writeResult)
    {
        var message = Connection.BuildNotification(NotificationMethod, Id, writeResult);
        lock (_gate)
        {
            if (_held is not null)
            {
                _held.Add(message);
                return;
            }
        }
        Connection.Enqueue(message);
    }

    internal void Activate()
    {
        List<byte[]> held;
        lock (_gate)
        {
            if (_held is null) return;
            held = _held;
            _held = null;
            foreach (var m in held) Connection.Enqueue(m);
        }
    }
}
