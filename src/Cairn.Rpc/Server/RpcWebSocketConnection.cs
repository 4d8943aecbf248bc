using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;

namespace Cairn.Rpc.Server;

/// <summary>
/// One WebSocket client: reads JSON-RPC requests (text messages; any method of the table, plus the subscriptions),
/// answers them in order, and pushes subscription notifications; one writer loop owns the socket's send side.
/// </summary>
public sealed class RpcWebSocketConnection
{
    private static long _nextSubscriptionId = Random.Shared.NextInt64(1, 1L << 40);

    private readonly WebSocket _socket;
    private readonly RpcDispatcher _dispatcher;
    private readonly Channel<byte[]> _outgoing = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(100_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });
    private readonly ConcurrentDictionary<string, Subscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Subscription> _created = new();
    private readonly int _maxMessageBytes;

    public RpcWebSocketConnection(WebSocket socket, RpcDispatcher dispatcher, int maxMessageBytes = 64 << 20)
    {
        _socket = socket;
        _dispatcher = dispatcher;
        _maxMessageBytes = maxMessageBytes;
    }

    public INodeBackend Backend => _dispatcher.Backend;

    public int SubscriptionCount => _subscriptions.Count;

    /// <summary>Serves the connection until the client closes it or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backend = _dispatcher.Backend;
        backend.NewHead += OnNewHead;
        backend.NewReceipt += OnNewReceipt;
        backend.TransactionStatusChanged += OnStatusChanged;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var writer = WriteLoopAsync(cts.Token);
        try
        {
            await ReadLoopAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
        }
        catch (WebSocketException)
        {
        }
        finally
        {
            backend.NewHead -= OnNewHead;
            backend.NewReceipt -= OnNewReceipt;
            backend.TransactionStatusChanged -= OnStatusChanged;
            _subscriptions.Clear();
            _outgoing.Writer.TryComplete();
            await cts.CancelAsync();
            try
            {
                await writer;
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException)
            {
            }
        }
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try
            {
                using var closeTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, closeTimeout.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException)
            {
            }
        }
    }

    private async Task ReadLoopAsync(CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (_socket.State == WebSocketState.Open)
        {
            buffer.ResetWrittenCount();
            ValueWebSocketReceiveResult r;
            do
            {
                r = await _socket.ReceiveAsync(buffer.GetMemory(4096), ct);
                if (r.MessageType == WebSocketMessageType.Close) return;
                buffer.Advance(r.Count);
                if (buffer.WrittenCount > _maxMessageBytes)
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.MessageTooBig, "message too big", ct);
                    return;
                }
            }
            while (!r.EndOfMessage);

            var answer = await _dispatcher.HandleAsync(buffer.WrittenMemory.ToArray(), this, ct);
            if (answer is not null) Enqueue(answer);
            while (_created.TryDequeue(out var s)) s.Activate();
        }
    }

    private async Task WriteLoopAsync(CancellationToken ct)
    {
        await foreach (var message in _outgoing.Reader.ReadAllAsync(ct))
        {
            await _socket.SendAsync(message, WebSocketMessageType.Text, true, ct);
        }
    }

    internal void Enqueue(byte[] message) => _outgoing.Writer.TryWrite(message);

    /// <summary>A new subscription id (a decimal string, unique in the process).</summary>
    public static string NewSubscriptionId() => Interlocked.Increment(ref _nextSubscriptionId).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Registers a subscription; its notifications flow once the current request's answer is sent.</summary>
    public void Add(Subscription subscription)
    {
        _subscriptions[subscription.Id] = subscription;
        _created.Enqueue(subscription);
    }

    public bool Remove(string id) => _subscriptions.TryRemove(id, out _);

    internal byte[] BuildNotification(string method, string subscriptionId, Action<Utf8JsonWriter> writeResult)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("jsonrpc", "2.0");
            w.WriteString("method", method);
            w.WriteStartObject("params");
            w.WriteString("subscription_id", subscriptionId);
            w.WritePropertyName("result");
            writeResult(w);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private void OnNewHead(RpcBlockHeader header)
    {
        foreach (var s in _subscriptions.Values)
        {
            try
            {
                s.OnNewHead(header);
            }
            catch (Exception)
            {
                // A notification that cannot be written is dropped; the backend's event must not fail.
            }
        }
    }

    private void OnNewReceipt(RpcTransactionWithReceipt receipt)
    {
        foreach (var s in _subscriptions.Values)
        {
            try
            {
                s.OnNewReceipt(receipt);
            }
            catch (Exception)
            {
                // A notification that cannot be written is dropped; the backend's event must not fail.
            }
        }
    }

    private void OnStatusChanged(RpcTransactionStatusUpdate update)
    {
        foreach (var s in _subscriptions.Values)
        {
            try
            {
                s.OnStatusChanged(update);
            }
            catch (Exception)
            {
                // A notification that cannot be written is dropped; the backend's event must not fail.
            }
        }
    }
}
