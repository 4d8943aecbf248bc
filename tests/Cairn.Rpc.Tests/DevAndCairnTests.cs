using System.Text.Json.Nodes;
using Cairn.Cairo.Programs;
using Cairn.Execution.Transactions;
using Cairn.Rpc.Json;

namespace Cairn.Rpc.Tests;

/// <summary>The dev namespace and the cairn_ CASM extension.</summary>
public sealed class DevAndCairnTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private RpcTestServer S => fixture.Server;

    [Fact]
    public async Task PredeployedAccounts()
    {
        var r = await S.ResultAsync("dev_predeployedAccounts");
        var a = r[0];
        Assert.Equal(Samples.Account.ToString(), a.GetProperty("address").GetString());
        Assert.Equal("0x71d7bb07b9a64f6f78ac4c816aff4da9", a.GetProperty("private_key").GetString());
        Assert.StartsWith("0x39d9e6ce", a.GetProperty("public_key").GetString(), StringComparison.Ordinal);
        Assert.Equal("0x3635c9adc5dea00000", a.GetProperty("balance").GetString());
        Assert.Equal(Samples.AccountClass.ToString(), a.GetProperty("class_hash").GetString());
    }

    [Fact]
    public async Task BlocksAndTime()
    {
        var block = await S.ResultAsync("dev_generateBlock");
        Assert.Equal(2, block.GetProperty("block_number").GetInt32());
        Assert.Equal("0x12", block.GetProperty("block_hash").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await S.ResultAsync("dev_setNextBlockTimestamp", new object[] { 1_800_000_000 })).ValueKind);
        await S.ResultAsync("dev_increaseNextBlockTimestamp", new { seconds = 3600 });
        Assert.Contains("generate", S.Backend.DevCalls);
        Assert.Contains("set 1800000000", S.Backend.DevCalls);
        Assert.Contains("increase 3600", S.Backend.DevCalls);
        Assert.Equal(-32602, (await S.ErrorAsync("dev_increaseNextBlockTimestamp", new { seconds = -1 })).GetProperty("code").GetInt32());
    }

    [Theory]
    [InlineData("1000", null, "mint 0x3a11ce 1000 Fri", "0x3ed", "FRI")]
    [InlineData("\"0x10\"", "\"WEI\"", "mint 0x3a11ce 16 Wei", "0x15", "WEI")]
    [InlineData("\"100000000000000000000000000000000000000\"", "\"FRI\"", "mint 0x3a11ce 100000000000000000000000000000000000000 Fri", "0x4b3b4ca85a86c47a098a224000000005", "FRI")]
    public async Task Mint(string amount, string? unit, string recorded, string newBalance, string unitOut)
    {
        var p = $"{{\"address\":\"{Samples.Account}\",\"amount\":{amount}{(unit is null ? "" : ",\"unit\":" + unit)}}}";
        var r = await S.ResultAsync("dev_mint", JsonNode.Parse(p));
        Assert.Contains(recorded, S.Backend.DevCalls);
        Assert.Equal(newBalance, r.GetProperty("new_balance").GetString());
        Assert.Equal(unitOut, r.GetProperty("unit").GetString());
        Assert.Equal("0x77", r.GetProperty("tx_hash").GetString());
    }

    [Theory]
    [InlineData("{\"address\":\"0x1\",\"amount\":-5}")]
    [InlineData("{\"address\":\"0x1\",\"amount\":\"12abc\"}")]
    [InlineData("{\"address\":\"0x1\",\"amount\":1,\"unit\":\"ETH\"}")]
    public async Task MintRejectsBadInput(string p) =>
        Assert.Equal(-32602, (await S.ErrorAsync("dev_mint", JsonNode.Parse(p))).GetProperty("code").GetInt32());

    private static JsonNode CasmJson(CasmContractClass c) => JsonNode.Parse(c.ToJson())!;

    [Fact]
    public async Task AddCompiledClassThenDeclare()
    {
        var casm = Samples.Casm();
        var r = await S.ResultAsync("cairn_addCompiledClass", new JsonObject { ["compiled_class"] = CasmJson(casm) });
        Assert.Equal(CompiledClassHasher.ComputeBlake(casm).ToString(), r.GetProperty("compiled_class_hash").GetString());
        var served = await S.ResultAsync("starknet_getCompiledCasm", new { class_hash = r.GetProperty("compiled_class_hash").GetString() });
        Assert.Equal(casm.ToJson(), served.GetRawText());
    }

    [Fact]
    public async Task CairnDeclareCarriesTheCasm()
    {
        var tx = Samples.Declare() with { Nonce = 77 };
        var r = await S.ResultAsync("cairn_addDeclareTransaction", new JsonObject
        {
            ["declare_transaction"] = JsonNode.Parse(TransactionWriter.ToJson(tx)),
            ["compiled_class"] = CasmJson(Samples.Casm()),
        });
        Assert.Equal(tx.ClassHash.ToString(), r.GetProperty("class_hash").GetString());
        Assert.Contains(S.Backend.Added, a => a.Tx is DeclareTransactionV3 { Nonce: var n } && n == 77 && a.Casm is not null);
    }

    [Fact]
    public async Task CairnDeclareWithTheWrongCasmIsAMismatch()
    {
        var other = CasmContractClass.Create([Cairn.Primitives.Felt.Parse("0x208b7fff7fff7ffe")], new Dictionary<int, IReadOnlyList<string>>(), []);
        var error = await S.ErrorAsync("cairn_addDeclareTransaction", new JsonObject
        {
            ["declare_transaction"] = JsonNode.Parse(TransactionWriter.ToJson(Samples.Declare())),
            ["compiled_class"] = CasmJson(other),
        });
        Assert.Equal(60, error.GetProperty("code").GetInt32());
        Assert.Equal("the compiled class hash did not match the one supplied in the transaction", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task BadCasmIsInvalidParams()
    {
        var error = await S.ErrorAsync("cairn_addCompiledClass", new JsonObject { ["compiled_class"] = new JsonObject { ["bytecode"] = 5 } });
        Assert.Equal(-32602, error.GetProperty("code").GetInt32());
        Assert.StartsWith("compiled_class", error.GetProperty("data").GetString(), StringComparison.Ordinal);
        error = await S.ErrorAsync("cairn_addCompiledClass", new object[] { "not an object" });
        Assert.Equal(-32602, error.GetProperty("code").GetInt32());
    }
}
