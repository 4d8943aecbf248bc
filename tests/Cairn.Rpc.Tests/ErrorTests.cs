using System.Text.Json;
using System.Text.Json.Nodes;
using Cairn.Execution.Transactions;
using Cairn.Rpc.Json;

namespace Cairn.Rpc.Tests;

/// <summary>The Starknet error objects: each backend failure maps to the spec's code, message and data.</summary>
public sealed class ErrorTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private RpcTestServer S => fixture.Server;

    private static JsonNode Tx(Transaction tx) => JsonNode.Parse(TransactionWriter.ToJson(tx))!;

    private static async Task AssertError(Task<JsonElement> call, int code, string message)
    {
        var error = await call;
        Assert.Equal(code, error.GetProperty("code").GetInt32());
        Assert.Equal(message, error.GetProperty("message").GetString());
    }

    [Fact]
    public Task BlockNotFound() => AssertError(S.ErrorAsync("starknet_getBlockWithTxHashes", new { block_id = new { block_number = 99 } }), 24, "Block not found");

    [Fact]
    public Task BlockNotFoundByHash() => AssertError(S.ErrorAsync("starknet_getBlockWithTxs", new { block_id = new { block_hash = "0x999" } }), 24, "Block not found");

    [Fact]
    public Task ContractNotFound() => AssertError(S.ErrorAsync("starknet_getNonce", new { block_id = "latest", contract_address = "0x123456" }), 20, "Contract not found");

    [Fact]
    public Task TxnHashNotFound() => AssertError(S.ErrorAsync("starknet_getTransactionReceipt", new { transaction_hash = "0x1" }), 29, "Transaction hash not found");

    [Fact]
    public Task ClassHashNotFound() => AssertError(S.ErrorAsync("starknet_getClass", new { block_id = "latest", class_hash = "0x1" }), 28, "Class hash not found");

    [Fact]
    public Task CompiledCasmOfUnknownClass() => AssertError(S.ErrorAsync("starknet_getCompiledCasm", new { class_hash = "0x1" }), 28, "Class hash not found");

    [Fact]
    public async Task InvalidTxnIndex()
    {
        await AssertError(S.ErrorAsync("starknet_getTransactionByBlockIdAndIndex", new { block_id = "latest", index = 9 }), 27, "Invalid transaction index in a block");
        await AssertError(S.ErrorAsync("starknet_getTransactionByBlockIdAndIndex", new { block_id = "latest", index = -1 }), 27, "Invalid transaction index in a block");
    }

    [Fact]
    public async Task EventsPagingErrors()
    {
        await AssertError(S.ErrorAsync("starknet_getEvents", new { filter = new { chunk_size = 1000 } }), 31, "Requested page size is too big");
        await AssertError(S.ErrorAsync("starknet_getEvents", new { filter = new { chunk_size = 10, continuation_token = "bogus" } }), 33, "The supplied continuation token is invalid or unknown");
    }

    [Fact]
    public async Task ContractErrorCarriesRevertError()
    {
        var error = await S.ErrorAsync("starknet_call", new { request = new { contract_address = Samples.Token.ToString(), entry_point_selector = "0xbad", calldata = Array.Empty<string>() }, block_id = "latest" });
        Assert.Equal(40, error.GetProperty("code").GetInt32());
        Assert.Equal("Contract error", error.GetProperty("message").GetString());
        Assert.Contains("boom", error.GetProperty("data").GetProperty("revert_error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EstimateFeeOfARevertingTransactionIsTransactionExecutionError()
    {
        var ok = Samples.Invoke() with { IsQuery = true };
        var bad = Samples.Invoke() with { IsQuery = true, Calldata = new Cairn.Primitives.Felt[] { 0xbad } };
        var error = await S.ErrorAsync("starknet_estimateFee", new JsonObject { ["request"] = new JsonArray(Tx(ok), Tx(bad)), ["simulation_flags"] = new JsonArray("SKIP_VALIDATE"), ["block_id"] = "latest" });
        Assert.Equal(41, error.GetProperty("code").GetInt32());
        Assert.Equal("Transaction execution error", error.GetProperty("message").GetString());
        Assert.Equal(1, error.GetProperty("data").GetProperty("transaction_index").GetInt32());
        Assert.Contains("u256_sub", error.GetProperty("data").GetProperty("execution_error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SimulationRejectionFromTheBackendKeepsItsIndex()
    {
        var bad = Samples.Invoke() with { Nonce = 0xdead };
        var error = await S.ErrorAsync("starknet_simulateTransactions", new JsonObject { ["block_id"] = "latest", ["transactions"] = new JsonArray(Tx(Samples.Invoke()), Tx(bad)), ["simulation_flags"] = new JsonArray() });
        Assert.Equal(41, error.GetProperty("code").GetInt32());
        Assert.Equal(1, error.GetProperty("data").GetProperty("transaction_index").GetInt32());
    }

    [Fact]
    public async Task RejectedTransactionMapsItsCodeName()
    {
        var error = await S.ErrorAsync("starknet_addInvokeTransaction", new JsonObject { ["invoke_transaction"] = Tx(Samples.Invoke() with { Nonce = 0xdead }) });
        Assert.Equal(52, error.GetProperty("code").GetInt32());
        Assert.Equal("Invalid transaction nonce", error.GetProperty("message").GetString());
        Assert.Contains("Account nonce: 0x2", error.GetProperty("data").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnexpectedExceptionIsUnexpectedError()
    {
        var error = await S.ErrorAsync("starknet_addInvokeTransaction", new JsonObject { ["invoke_transaction"] = Tx(Samples.Invoke() with { Nonce = 0xbeef }) });
        Assert.Equal(63, error.GetProperty("code").GetInt32());
        Assert.Equal("kaboom", error.GetProperty("data").GetString());
        // The server keeps serving.
        Assert.Equal("0.10.2", (await S.ResultAsync("starknet_specVersion")).GetString());
    }

    [Fact]
    public async Task LegacyOrQueryVersionsCannotBeSubmitted()
    {
        var v1 = JsonNode.Parse(TransactionWriter.ToJson(new InvokeTransactionV1 { SenderAddress = 1, MaxFee = 1, Nonce = 1, Calldata = new Cairn.Primitives.Felt[] { 1 } }))!;
        await AssertError(S.ErrorAsync("starknet_addInvokeTransaction", new JsonObject { ["invoke_transaction"] = v1 }), 61, "the transaction version is not supported");
        await AssertError(S.ErrorAsync("starknet_addInvokeTransaction", new JsonObject { ["invoke_transaction"] = Tx(Samples.Invoke() with { IsQuery = true }) }), 61, "the transaction version is not supported");
    }

    [Fact]
    public async Task WrongTypeForTheWriteMethodIsInvalidParams()
    {
        var error = await S.ErrorAsync("starknet_addDeployAccountTransaction", new JsonObject { ["deploy_account_transaction"] = Tx(Samples.Invoke()) });
        Assert.Equal(-32602, error.GetProperty("code").GetInt32());
        Assert.Contains("DEPLOY_ACCOUNT", error.GetProperty("data").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeclareWithoutItsClassIsInvalidParams()
    {
        var tx = Tx(Samples.Declare() with { ContractClass = null });
        var error = await S.ErrorAsync("starknet_addDeclareTransaction", new JsonObject { ["declare_transaction"] = tx });
        Assert.Equal(-32602, error.GetProperty("code").GetInt32());
        Assert.Contains("contract_class", error.GetProperty("data").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoTraceForAPreConfirmedTransaction()
    {
        var error = await S.ErrorAsync("starknet_traceTransaction", new { transaction_hash = S.Backend.DeclareTx.Hash.ToString() });
        Assert.Equal(10, error.GetProperty("code").GetInt32());
        Assert.Equal("RECEIVED", error.GetProperty("data").GetProperty("status").GetString());
    }

    [Fact]
    public async Task MessagesStatusOfAnUnknownL1Transaction()
    {
        await AssertError(S.ErrorAsync("starknet_getMessagesStatus", new { transaction_hash = "0x" + new string('f', 64) }), 29, "Transaction hash not found");
        var error = await S.ErrorAsync("starknet_getMessagesStatus", new { transaction_hash = "0x" + new string('f', 65) });
        Assert.Equal(-32602, error.GetProperty("code").GetInt32());
    }

    [Fact]
    public void EveryErrorMessageIsTheSpecs()
    {
        var dir = Path.Combine(Cairn.Testing.ScureOracle.RepoRoot, "..", "shared", "spec", "rpc", "api");
        var seen = 0;
        foreach (var file in Directory.GetFiles(dir, "*.json"))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            if (!doc.RootElement.TryGetProperty("components", out var c) || !c.TryGetProperty("errors", out var errors)) continue;
            foreach (var e in errors.EnumerateObject())
            {
                if (!e.Value.TryGetProperty("code", out var code)) continue;
                Assert.Equal(code.GetInt32(), RpcErrorCode.FromName(e.Name));
                Assert.Equal(e.Value.GetProperty("message").GetString(), RpcErrorCode.MessageOf(code.GetInt32()));
                seen++;
            }
        }
        Assert.True(seen >= 35, $"only {seen} errors in the spec");
    }
}
