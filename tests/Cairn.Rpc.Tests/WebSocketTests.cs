using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Cairn.Execution.Executor;
using Cairn.Primitives.Ids;

namespace Cairn.Rpc.Tests;

/// <summary>The WebSocket API against a real server: subscriptions, their notifications and their shapes.</summary>
public sealed class WebSocketTests : IAsyncLifetime
{
    private RpcTestServer _server = null!;
    private ClientWebSocket _ws = null!;
    private int _id;

    public async Task InitializeAsync()
    {
        _server = await RpcTestServer.StartAsync();
        _ws = new ClientWebSocket();
        var uri = new UriBuilder(_server.BaseAddress) { Scheme = "ws", Path = "/ws/rpc/v0_10" }.Uri;
        await _ws.ConnectAsync(uri, Timeout());
    }

    public async Task DisposeAsync()
    {
        if (_ws.State == WebSocketState.Open)
        {
            try
            {
                await _ws.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", Timeout());
            }
            catch (WebSocketException)
            {
            }
        }
        _ws.Dispose();
        await _server.DisposeAsync();
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token;

    private async Task SendAsync(string json) => await _ws.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, Timeout());

    private async Task<JsonElement> ReceiveAsync()
    {
        var buffer = new byte[1 << 16];
        using var ms = new MemoryStream();
        WebSocketReceiveResult r;
        do
        {
            r = await _ws.ReceiveAsync(buffer, Timeout());
            ms.Write(buffer, 0, r.Count);
        }
        while (!r.EndOfMessage);
        using var doc = JsonDocument.Parse(ms.ToArray());
        return doc.RootElement.Clone();
    }

    private async Task<JsonElement> RequestAsync(string method, string parameters = "{}")
    {
        var id = ++_id;
        await SendAsync($"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"{method}\",\"params\":{parameters}}}");
        var answer = await ReceiveAsync();
        Assert.Equal(id, answer.GetProperty("id").GetInt32());
        return answer;
    }

    private async Task<string> SubscribeAsync(string method, string parameters = "{}")
    {
        var answer = await RequestAsync(method, parameters);
        Assert.True(answer.TryGetProperty("result", out var id), answer.ToString());
        OpenRpcSchema.Instance.AssertResult(method, id);
        return id.GetString()!;
    }

    private static JsonElement AssertNotification(JsonElement message, string method, string subscriptionId)
    {
        Assert.Equal("2.0", message.GetProperty("jsonrpc").GetString());
        Assert.False(message.TryGetProperty("id", out _));
        Assert.Equal(method, message.GetProperty("method").GetString());
        var p = message.GetProperty("params");
        Assert.Equal(subscriptionId, p.GetProperty("subscription_id").GetString());
        var result = p.GetProperty("result");
        var (_, m) = OpenRpcSchema.Instance.FindMethod(method);
        var schema = m.GetProperty("params").EnumerateArray().First(x => x.GetProperty("name").GetString() == "result");
        var errors = OpenRpcSchema.Instance.ValidateSchemaElement("starknet_ws_api.json", schema.GetProperty("schema"), result);
        Assert.True(errors.Count == 0, string.Join("\n", errors) + "\n" + result);
        return result;
    }

    [Fact]
    public async Task OrdinaryMethodsWorkOverWebSocket()
    {
        var answer = await RequestAsync("starknet_chainId");
        Assert.Equal("0x534e5f5345504f4c4941", answer.GetProperty("result").GetString());
        var error = await RequestAsync("starknet_getBlockWithTxs", "{\"block_id\":{\"block_number\":77}}");
        Assert.Equal(24, error.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task NewHeads()
    {
        var id = await SubscribeAsync("starknet_subscribeNewHeads");
        _server.Backend.RaiseNewHead(FakeBackend.Header(2, 0x12, FakeBackend.Block1Hash, RpcBlockStatus.AcceptedOnL2, 0));
        var head = AssertNotification(await ReceiveAsync(), "starknet_subscriptionNewHeads", id);
        Assert.Equal(2, head.GetProperty("block_number").GetInt32());
        Assert.Equal("0x12", head.GetProperty("block_hash").GetString());
    }

    [Fact]
    public async Task NewHeadsFromAPastBlockReplaysThenFollows()
    {
        var id = await SubscribeAsync("starknet_subscribeNewHeads", "{\"block_id\":{\"block_number\":0}}");
        Assert.Equal(0, AssertNotification(await ReceiveAsync(), "starknet_subscriptionNewHeads", id).GetProperty("block_number").GetInt32());
        Assert.Equal(1, AssertNotification(await ReceiveAsync(), "starknet_subscriptionNewHeads", id).GetProperty("block_number").GetInt32());
        _server.Backend.RaiseNewHead(FakeBackend.Header(1, FakeBackend.Block1Hash, FakeBackend.Block0Hash, RpcBlockStatus.AcceptedOnL2, 0)); // duplicate: dropped
        _server.Backend.RaiseNewHead(FakeBackend.Header(2, 0x12, FakeBackend.Block1Hash, RpcBlockStatus.AcceptedOnL2, 0));
        Assert.Equal(2, AssertNotification(await ReceiveAsync(), "starknet_subscriptionNewHeads", id).GetProperty("block_number").GetInt32());
        var bad = await RequestAsync("starknet_subscribeNewHeads", "{\"block_id\":\"pre_confirmed\"}");
        Assert.Equal(-32602, bad.GetProperty("error").GetProperty("code").GetInt32());
        var missing = await RequestAsync("starknet_subscribeNewHeads", "{\"block_id\":{\"block_number\":50}}");
        Assert.Equal(24, missing.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task EventsFilteredByAddressAndKeys()
    {
        var token = Samples.Token.ToString();
        var id = await SubscribeAsync("starknet_subscribeEvents", $"{{\"from_address\":\"{token}\",\"keys\":[[]],\"finality_status\":\"PRE_CONFIRMED\"}}");
        var other = await SubscribeAsync("starknet_subscribeEvents", "{\"from_address\":[\"0x1\"]}");
        Assert.NotEqual(id, other);
        var pre = _server.Backend.DeclareTx;
        _server.Backend.RaiseNewReceipt(pre);
        var e = AssertNotification(await ReceiveAsync(), "starknet_subscriptionEvents", id);
        Assert.Equal("PRE_CONFIRMED", e.GetProperty("finality_status").GetString());
        Assert.Equal(token, e.GetProperty("from_address").GetString());
        Assert.False(e.TryGetProperty("block_hash", out _));
        _server.Backend.RaiseNewReceipt(_server.Backend.Tx(0));
        var accepted = AssertNotification(await ReceiveAsync(), "starknet_subscriptionEvents", id);
        Assert.Equal("ACCEPTED_ON_L2", accepted.GetProperty("finality_status").GetString());
        Assert.Equal(_server.Backend.Tx(0).Hash.ToString(), accepted.GetProperty("transaction_hash").GetString());
    }

    [Fact]
    public async Task EventsReplayFromABlock()
    {
        var id = await SubscribeAsync("starknet_subscribeEvents", "{\"block_id\":{\"block_number\":1}}");
        for (var i = 0; i < 3; i++)
        {
            var e = AssertNotification(await ReceiveAsync(), "starknet_subscriptionEvents", id);
            Assert.Equal(1, e.GetProperty("block_number").GetInt32());
        }
    }

    [Fact]
    public async Task TransactionStatusSendsTheCurrentOneThenChanges()
    {
        var pre = _server.Backend.DeclareTx;
        var id = await SubscribeAsync("starknet_subscribeTransactionStatus", $"{{\"transaction_hash\":\"{pre.Hash}\"}}");
        var first = AssertNotification(await ReceiveAsync(), "starknet_subscriptionTransactionStatus", id);
        Assert.Equal(pre.Hash.ToString(), first.GetProperty("transaction_hash").GetString());
        Assert.Equal("PRE_CONFIRMED", first.GetProperty("status").GetProperty("finality_status").GetString());
        _server.Backend.RaiseStatus(new RpcTransactionStatusUpdate(new TxHash(0x5), pre.Transaction, new RpcTransactionStatusResult(RpcTransactionStatus.Received)));
        _server.Backend.RaiseStatus(new RpcTransactionStatusUpdate(pre.Hash, pre.Transaction, new RpcTransactionStatusResult(RpcTransactionStatus.AcceptedOnL2, ExecutionStatus.Succeeded)));
        var next = AssertNotification(await ReceiveAsync(), "starknet_subscriptionTransactionStatus", id);
        Assert.Equal("ACCEPTED_ON_L2", next.GetProperty("status").GetProperty("finality_status").GetString());
        Assert.Equal("SUCCEEDED", next.GetProperty("status").GetProperty("execution_status").GetString());
    }

    [Fact]
    public async Task ReceiptsBySenderAndFinality()
    {
        var id = await SubscribeAsync("starknet_subscribeNewTransactionReceipts", $"{{\"finality_status\":[\"ACCEPTED_ON_L2\"],\"sender_address\":[\"{Samples.Account}\",\"0xdead\"]}}");
        _server.Backend.RaiseNewReceipt(_server.Backend.DeclareTx); // PRE_CONFIRMED: not asked for
        _server.Backend.RaiseNewReceipt(_server.Backend.Tx(3)); // L1_HANDLER: no sender
        _server.Backend.RaiseNewReceipt(_server.Backend.Tx(2)); // DEPLOY_ACCOUNT of 0xdead
        var r = AssertNotification(await ReceiveAsync(), "starknet_subscriptionNewTransactionReceipts", id);
        Assert.Equal(_server.Backend.Tx(2).Hash.ToString(), r.GetProperty("transaction_hash").GetString());
        Assert.Equal(1, r.GetProperty("block_number").GetInt32());
        _server.Backend.RaiseNewReceipt(_server.Backend.Tx(0));
        r = AssertNotification(await ReceiveAsync(), "starknet_subscriptionNewTransactionReceipts", id);
        Assert.Equal(_server.Backend.Tx(0).Hash.ToString(), r.GetProperty("transaction_hash").GetString());
    }

    [Fact]
    public async Task NewTransactionsByStatus()
    {
        var id = await SubscribeAsync("starknet_subscribeNewTransactions", "{\"finality_status\":[\"RECEIVED\"],\"tags\":[\"INCLUDE_PROOF_FACTS\"]}");
        var t = _server.Backend.Tx(0);
        _server.Backend.RaiseStatus(new RpcTransactionStatusUpdate(t.Hash, t.Transaction, new RpcTransactionStatusResult(RpcTransactionStatus.AcceptedOnL2, ExecutionStatus.Succeeded)));
        _server.Backend.RaiseStatus(new RpcTransactionStatusUpdate(t.Hash, t.Transaction, new RpcTransactionStatusResult(RpcTransactionStatus.Received)));
        var n = AssertNotification(await ReceiveAsync(), "starknet_subscriptionNewTransaction", id);
        Assert.Equal("RECEIVED", n.GetProperty("finality_status").GetString());
        Assert.Equal(t.Hash.ToString(), n.GetProperty("transaction_hash").GetString());
        Assert.Equal(JsonValueKind.Array, n.GetProperty("proof_facts").ValueKind);
    }

    [Fact]
    public async Task UnsubscribeStopsNotifications()
    {
        var id = await SubscribeAsync("starknet_subscribeNewHeads");
        var answer = await RequestAsync("starknet_unsubscribe", $"{{\"subscription_id\":\"{id}\"}}");
        Assert.True(answer.GetProperty("result").GetBoolean());
        var again = await RequestAsync("starknet_unsubscribe", $"[\"{id}\"]");
        Assert.Equal(66, again.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal("Invalid subscription id", again.GetProperty("error").GetProperty("message").GetString());
        _server.Backend.RaiseNewHead(FakeBackend.Header(2, 0x12, FakeBackend.Block1Hash, RpcBlockStatus.AcceptedOnL2, 0));
        // The next message is the answer to this request, not a notification.
        var chain = await RequestAsync("starknet_chainId");
        Assert.Equal("0x534e5f5345504f4c4941", chain.GetProperty("result").GetString());
    }

    [Fact]
    public async Task BadJsonOverWebSocketIsAParseErrorAndTheConnectionStays()
    {
        await SendAsync("{nope");
        var answer = await ReceiveAsync();
        Assert.Equal(-32700, answer.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal("0x534e5f5345504f4c4941", (await RequestAsync("starknet_chainId")).GetProperty("result").GetString());
    }

    [Fact]
    public async Task PlainHttpGetOnTheWebSocketPathIsRejected()
    {
        using var response = await _server.Http.GetAsync("/ws/rpc/v0_10");
        Assert.Equal(400, (int)response.StatusCode);
    }

    [Fact]
    public async Task ClosingTheConnectionDetachesItFromTheBackend()
    {
        await SubscribeAsync("starknet_subscribeNewHeads");
        Assert.Equal(3, _server.Backend.HandlerCount);
        await _ws.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", Timeout());
        for (var i = 0; i < 100 && _server.Backend.HandlerCount > 0; i++) await Task.Delay(20);
        Assert.Equal(0, _server.Backend.HandlerCount);
        _server.Backend.RaiseNewHead(FakeBackend.Header(2, 0x12, FakeBackend.Block1Hash, RpcBlockStatus.AcceptedOnL2, 0));
    }

    [Fact]
    public async Task ABatchOverWebSocketIsAnsweredAsOneMessage()
    {
        await SendAsync("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"starknet_chainId\"},{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"starknet_subscribeNewHeads\"}]");
        var answer = await ReceiveAsync();
        Assert.Equal(2, answer.GetArrayLength());
        var id = answer[1].GetProperty("result").GetString()!;
        _server.Backend.RaiseNewHead(FakeBackend.Header(2, 0x12, FakeBackend.Block1Hash, RpcBlockStatus.AcceptedOnL2, 0));
        AssertNotification(await ReceiveAsync(), "starknet_subscriptionNewHeads", id);
    }
}
