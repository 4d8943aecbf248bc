using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cairn.Rpc.Tests;

/// <summary>JSON-RPC 2.0 over HTTP: param styles, batches, notifications and the protocol errors.</summary>
public sealed class ProtocolTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private RpcTestServer S => fixture.Server;

    private static JsonElement Parse(string body)
    {
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.Clone();
    }

    [Fact]
    public async Task SpecVersionWithoutParamsEmptyArrayOrEmptyObject()
    {
        Assert.Equal("0.10.2", (await S.ResultAsync("starknet_specVersion")).GetString());
        Assert.Equal("0.10.2", (await S.ResultAsync("starknet_specVersion", Array.Empty<object>())).GetString());
        Assert.Equal("0.10.2", (await S.ResultAsync("starknet_specVersion", new { })).GetString());
    }

    [Fact]
    public async Task NamedAndPositionalParamsGiveTheSameResult()
    {
        var named = await S.ResultAsync("starknet_getStorageAt", new { contract_address = Samples.Token.ToString(), key = "0x5", block_id = "latest" });
        var positional = await S.ResultAsync("starknet_getStorageAt", new object[] { Samples.Token.ToString(), "0x05", "latest" });
        Assert.Equal("0x64", named.GetString());
        Assert.Equal(named.GetString(), positional.GetString());
        var byNumber = await S.ResultAsync("starknet_getStorageAt", new object[] { Samples.Token.ToString(), "0x5", new { block_number = 1 } });
        Assert.Equal("0x64", byNumber.GetString());
    }

    [Fact]
    public async Task RootPathServesTheSameApi()
    {
        var (status, body) = await S.PostRawAsync("{\"jsonrpc\":\"2.0\",\"id\":\"abc\",\"method\":\"starknet_chainId\"}", "/");
        Assert.Equal(200, status);
        var r = Parse(body);
        Assert.Equal("abc", r.GetProperty("id").GetString());
        Assert.Equal("0x534e5f5345504f4c4941", r.GetProperty("result").GetString());
    }

    [Fact]
    public async Task BatchAnswersInOrderAndSkipsNotifications()
    {
        var (status, body) = await S.PostRawAsync("""
            [
              {"jsonrpc":"2.0","id":1,"method":"starknet_blockNumber"},
              {"jsonrpc":"2.0","method":"starknet_chainId"},
              {"jsonrpc":"2.0","id":2,"method":"starknet_nope"},
              {"jsonrpc":"2.0","id":3,"method":"starknet_getBlockWithTxHashes","params":{"block_id":{"block_number":0}}}
            ]
            """);
        Assert.Equal(200, status);
        var r = Parse(body);
        Assert.Equal(3, r.GetArrayLength());
        Assert.Equal(1, r[0].GetProperty("id").GetInt32());
        Assert.Equal(1, r[0].GetProperty("result").GetInt32());
        Assert.Equal(2, r[1].GetProperty("id").GetInt32());
        Assert.Equal(-32601, r[1].GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(3, r[2].GetProperty("id").GetInt32());
        Assert.Equal(0, r[2].GetProperty("result").GetProperty("block_number").GetInt32());
    }

    [Fact]
    public async Task NotificationsGetNoAnswer()
    {
        var (status, body) = await S.PostRawAsync("{\"jsonrpc\":\"2.0\",\"method\":\"starknet_chainId\"}");
        Assert.Equal(204, status);
        Assert.Equal("", body);
        (status, body) = await S.PostRawAsync("[{\"jsonrpc\":\"2.0\",\"method\":\"starknet_chainId\"},{\"jsonrpc\":\"2.0\",\"method\":\"nope\"}]");
        Assert.Equal(204, status);
        Assert.Equal("", body);
    }

    [Theory]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,", -32700)]
    [InlineData("[]", -32600)]
    [InlineData("42", -32600)]
    [InlineData("{\"id\":1,\"method\":\"starknet_chainId\"}", -32600)]
    [InlineData("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"starknet_chainId\"}", -32600)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":5}", -32600)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"starknet_chainId\"}", -32600)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"starknet_chainId\",\"params\":\"x\"}", -32600)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"starknet_unknown\"}", -32601)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"starknet_subscribeNewHeads\"}", -32601)]
    public async Task ProtocolErrors(string request, int code)
    {
        var (status, body) = await S.PostRawAsync(request);
        Assert.Equal(200, status);
        var r = Parse(body);
        Assert.Equal("2.0", r.GetProperty("jsonrpc").GetString());
        var error = r.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.Equal(JsonValueKind.String, error.GetProperty("data").ValueKind);
        if (code is -32700 or -32600 && !request.Contains("\"id\":1", StringComparison.Ordinal)) Assert.Equal(JsonValueKind.Null, r.GetProperty("id").ValueKind);
    }

    [Theory]
    [InlineData("starknet_getNonce", "{\"block_id\":\"latest\"}", "contract_address")]
    [InlineData("starknet_getNonce", "{\"block_id\":\"latest\",\"contract_address\":\"0x1\",\"extra\":1}", "extra")]
    [InlineData("starknet_getNonce", "[\"latest\",\"0x1\",\"0x2\"]", "at most 2")]
    [InlineData("starknet_getNonce", "{\"block_id\":\"newest\",\"contract_address\":\"0x1\"}", "block_id")]
    [InlineData("starknet_getNonce", "{\"block_id\":{\"block_number\":-1},\"contract_address\":\"0x1\"}", "block_id.block_number")]
    [InlineData("starknet_getNonce", "{\"block_id\":{\"block_number\":1,\"block_hash\":\"0x1\"},\"contract_address\":\"0x1\"}", "block_id")]
    [InlineData("starknet_getNonce", "{\"block_id\":\"latest\",\"contract_address\":\"0xzz\"}", "contract_address")]
    [InlineData("starknet_getNonce", "{\"block_id\":\"latest\",\"contract_address\":12}", "contract_address")]
    [InlineData("starknet_getNonce", "{\"block_id\":\"latest\",\"contract_address\":\"0x800000000000011000000000000000000000000000000000000000000000001\"}", "contract_address")]
    [InlineData("starknet_call", "{\"request\":{\"contract_address\":\"0x1\",\"calldata\":[]},\"block_id\":\"latest\"}", "request.entry_point_selector")]
    [InlineData("starknet_getEvents", "{\"filter\":{\"chunk_size\":0}}", "chunk_size")]
    [InlineData("starknet_estimateFee", "{\"request\":[{\"type\":\"INVOKE\"}],\"simulation_flags\":[],\"block_id\":\"latest\"}", "request[0]")]
    [InlineData("starknet_estimateFee", "{\"request\":[],\"simulation_flags\":[\"SKIP_FEE_CHARGE\"],\"block_id\":\"latest\"}", "simulation_flags[0]")]
    [InlineData("starknet_getStorageAt", "{\"contract_address\":\"0x1\",\"key\":\"0x1\",\"block_id\":\"latest\",\"response_flags\":[\"X\"]}", "response_flags[0]")]
    [InlineData("starknet_addInvokeTransaction", "{\"invoke_transaction\":{}}", "invoke_transaction.type")]
    public async Task InvalidParamsNameTheParameter(string method, string parameters, string mentioned)
    {
        var error = await S.ErrorAsync(method, JsonNode.Parse(parameters));
        Assert.Equal(-32602, error.GetProperty("code").GetInt32());
        Assert.Equal("Invalid params", error.GetProperty("message").GetString());
        Assert.Contains(mentioned, error.GetProperty("data").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NullOptionalParamsCountAsAbsent()
    {
        var r = await S.ResultAsync("starknet_getBlockWithTxs", JsonNode.Parse("{\"block_id\":\"latest\",\"response_flags\":null}"));
        Assert.Equal(1, r.GetProperty("block_number").GetInt32());
    }

    [Fact]
    public async Task LargeBatchRunsConcurrentlyAndStaysOrdered()
    {
        var items = string.Join(",", Enumerable.Range(0, 50).Select(i => $"{{\"jsonrpc\":\"2.0\",\"id\":{i},\"method\":\"starknet_getBlockWithTxs\",\"params\":[{{\"block_number\":{i % 2}}}]}}"));
        var (_, body) = await S.PostRawAsync("[" + items + "]");
        var r = Parse(body);
        Assert.Equal(50, r.GetArrayLength());
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(i, r[i].GetProperty("id").GetInt32());
            Assert.Equal(i % 2, r[i].GetProperty("result").GetProperty("block_number").GetInt32());
        }
    }

    [Fact]
    public async Task BatchItemsAreServedInParallel()
    {
        await using var server = await RpcTestServer.StartAsync();
        using var barrier = new Barrier(3);
        server.Backend.GetBlockBarrier = barrier;
        var items = string.Join(",", Enumerable.Range(0, 3).Select(i => $"{{\"jsonrpc\":\"2.0\",\"id\":{i},\"method\":\"starknet_getBlockWithTxHashes\",\"params\":[\"latest\"]}}"));
        var (_, body) = await server.PostRawAsync("[" + items + "]");
        var r = Parse(body);
        for (var i = 0; i < 3; i++) Assert.True(r[i].TryGetProperty("result", out _), r[i].ToString());
    }
}
