using System.Text.Json;
using System.Text.Json.Nodes;
using Cairn.Execution.Transactions;
using Cairn.Rpc.Json;

namespace Cairn.Rpc.Tests;

/// <summary>Every method's result, checked against the OpenRPC result schema, plus the values that matter.</summary>
public sealed class ShapeTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private RpcTestServer S => fixture.Server;

    private static OpenRpcSchema Spec => OpenRpcSchema.Instance;

    private static JsonNode Tx(Transaction tx) => JsonNode.Parse(TransactionWriter.ToJson(tx))!;

    private async Task<JsonElement> Checked(string method, object? parameters = null)
    {
        var result = await S.ResultAsync(method, parameters);
        Spec.AssertResult(method, result);
        return result;
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("pre_confirmed")]
    [InlineData("l1_accepted")]
    public async Task Blocks(string tag)
    {
        foreach (var m in new[] { "starknet_getBlockWithTxHashes", "starknet_getBlockWithTxs", "starknet_getBlockWithReceipts" })
        {
            var r = await Checked(m, new { block_id = tag });
            Assert.Equal(tag != "pre_confirmed", r.TryGetProperty("block_hash", out _));
            Assert.Equal(tag != "pre_confirmed", r.TryGetProperty("status", out _));
            Assert.Equal(tag == "pre_confirmed" ? 2 : tag == "latest" ? 1 : 0, r.GetProperty("block_number").GetInt32());
        }
    }

    [Fact]
    public async Task BlockWithTxsCarriesHashesAndProofFactsOnRequest()
    {
        var r = await Checked("starknet_getBlockWithTxs", new { block_id = new { block_number = 1 } });
        var txs = r.GetProperty("transactions");
        Assert.Equal(4, txs.GetArrayLength());
        Assert.Equal(S.Backend.Tx(0).Hash.ToString(), txs[0].GetProperty("transaction_hash").GetString());
        Assert.False(txs[0].TryGetProperty("proof_facts", out _));
        Assert.Equal("0x7", txs[0].GetProperty("tip").GetString());
        Assert.Equal("0x3b9aca00", r.GetProperty("l1_gas_price").GetProperty("price_in_wei").GetString());
        var withFacts = await Checked("starknet_getBlockWithTxs", new { block_id = new { block_number = 1 }, response_flags = new[] { "INCLUDE_PROOF_FACTS" } });
        Assert.Equal(JsonValueKind.Array, withFacts.GetProperty("transactions")[0].GetProperty("proof_facts").ValueKind);
        var hashes = await Checked("starknet_getBlockWithTxHashes", new { block_id = new { block_hash = FakeBackend.Block1Hash.ToString() } });
        Assert.Equal(S.Backend.Tx(3).Hash.ToString(), hashes.GetProperty("transactions")[3].GetString());
    }

    [Fact]
    public async Task BlockWithReceipts()
    {
        var r = await Checked("starknet_getBlockWithReceipts", new { block_id = "latest" });
        var second = r.GetProperty("transactions")[1];
        Assert.Equal("REVERTED", second.GetProperty("receipt").GetProperty("execution_status").GetString());
        Assert.False(second.GetProperty("receipt").TryGetProperty("block_number", out _));
        Assert.False(second.GetProperty("transaction").TryGetProperty("transaction_hash", out _));
    }

    [Fact]
    public async Task StateUpdates()
    {
        var r = await Checked("starknet_getStateUpdate", new { block_id = "latest" });
        var diff = r.GetProperty("state_diff");
        Assert.Equal(S.Backend.Blocks[0].Header.NewRoot.ToString(), r.GetProperty("old_root").GetString());
        var storage = diff.GetProperty("storage_diffs")[0].GetProperty("storage_entries");
        Assert.Equal("0x3", storage[0].GetProperty("key").GetString());
        Assert.Equal("0x0", storage[0].GetProperty("value").GetString());
        Assert.Equal(1, diff.GetProperty("migrated_compiled_classes").GetArrayLength());
        var pre = await Checked("starknet_getStateUpdate", new { block_id = "pre_confirmed" });
        Assert.False(pre.TryGetProperty("block_hash", out _));
        Assert.False(pre.TryGetProperty("new_root", out _));
        Assert.Equal(1, pre.GetProperty("state_diff").GetProperty("declared_classes").GetArrayLength());
        var filtered = await Checked("starknet_getStateUpdate", new { block_id = "latest", contract_addresses = new[] { Samples.Account.ToString() } });
        Assert.Equal(0, filtered.GetProperty("state_diff").GetProperty("storage_diffs").GetArrayLength());
        Assert.Equal(1, filtered.GetProperty("state_diff").GetProperty("nonces").GetArrayLength());
    }

    [Fact]
    public async Task StorageAtWithLastUpdateBlock()
    {
        var r = await Checked("starknet_getStorageAt", new { contract_address = Samples.Token.ToString(), key = "0x5", block_id = "latest", response_flags = new[] { "INCLUDE_LAST_UPDATE_BLOCK" } });
        Assert.Equal("0x64", r.GetProperty("value").GetString());
        Assert.Equal(1, r.GetProperty("last_update_block").GetInt32());
        var plain = await Checked("starknet_getStorageAt", new { contract_address = Samples.Token.ToString(), key = "0x9", block_id = "latest" });
        Assert.Equal("0x0", plain.GetString());
    }

    [Fact]
    public async Task TransactionsByHashAndIndex()
    {
        for (var i = 0; i < 4; i++)
        {
            var t = S.Backend.Tx(i);
            var byHash = await Checked("starknet_getTransactionByHash", new { transaction_hash = t.Hash.ToString() });
            Assert.Equal(t.Hash.ToString(), byHash.GetProperty("transaction_hash").GetString());
            Assert.Equal(RpcEnums.TxType(t.Transaction.Type), byHash.GetProperty("type").GetString());
            var byIndex = await Checked("starknet_getTransactionByBlockIdAndIndex", new { block_id = "latest", index = i });
            Assert.Equal(byHash.ToString(), byIndex.ToString());
        }
        var declare = await Checked("starknet_getTransactionByHash", new { transaction_hash = S.Backend.DeclareTx.Hash.ToString() });
        Assert.False(declare.TryGetProperty("contract_class", out _));
    }

    [Fact]
    public async Task ReceiptsOfEveryType()
    {
        foreach (var t in S.Backend.Blocks[1].Transactions.Append(S.Backend.DeclareTx))
        {
            var r = await Checked("starknet_getTransactionReceipt", new { transaction_hash = t.Hash.ToString() });
            Assert.Equal(t.Hash.ToString(), r.GetProperty("transaction_hash").GetString());
            Assert.Equal((int)t.BlockNumber, r.GetProperty("block_number").GetInt32());
            Assert.Equal(t.BlockHash is not null, r.TryGetProperty("block_hash", out _));
            var resources = r.GetProperty("execution_resources");
            Assert.Equal(987654, resources.GetProperty("l2_gas").GetInt64());
            Assert.Equal(128, resources.GetProperty("l1_data_gas").GetInt64());
            switch (t.Transaction)
            {
                case DeployAccountTransactionV3:
                    Assert.Equal("0xdead", r.GetProperty("contract_address").GetString());
                    break;
                case L1HandlerTransaction l1:
                    var expected = Convert.ToHexStringLower(ReceiptWriter.L1ToL2MessageHash(l1)).TrimStart('0');
                    Assert.Equal("0x" + expected, r.GetProperty("message_hash").GetString());
                    Assert.Equal("WEI", r.GetProperty("actual_fee").GetProperty("unit").GetString());
                    break;
                default:
                    Assert.Equal("0x2386f26fc10000", r.GetProperty("actual_fee").GetProperty("amount").GetString());
                    Assert.Equal("FRI", r.GetProperty("actual_fee").GetProperty("unit").GetString());
                    break;
            }
        }
    }

    [Fact]
    public void L1HandlerMessageHashMatchesAnIndependentKeccak()
    {
        // keccak256 over the 32-byte words (from, to, nonce, selector, payload length, payload…), spec §5.
        var l1 = Samples.L1Handler();
        var words = new List<byte>();
        foreach (var f in new[] { l1.Calldata.Span[0], l1.ContractAddress, l1.Nonce, l1.EntryPointSelector, (Cairn.Primitives.Felt)3, l1.Calldata.Span[1], l1.Calldata.Span[2], l1.Calldata.Span[3] })
            words.AddRange(f.ToBytesBE());
        Assert.Equal(Cairn.Crypto.Hashing.Keccak256.Hash(words.ToArray()), ReceiptWriter.L1ToL2MessageHash(l1));
    }

    [Fact]
    public async Task StatusesAndMessages()
    {
        var ok = await Checked("starknet_getTransactionStatus", new { transaction_hash = S.Backend.Tx(0).Hash.ToString() });
        Assert.Equal("ACCEPTED_ON_L2", ok.GetProperty("finality_status").GetString());
        Assert.Equal("SUCCEEDED", ok.GetProperty("execution_status").GetString());
        var reverted = await Checked("starknet_getTransactionStatus", new { transaction_hash = S.Backend.Tx(1).Hash.ToString() });
        Assert.Contains("u256_sub", reverted.GetProperty("failure_reason").GetString(), StringComparison.Ordinal);
        var messages = await Checked("starknet_getMessagesStatus", new { transaction_hash = FakeBackend.L1Tx.ToString() });
        Assert.Equal(S.Backend.Tx(3).Hash.ToString(), messages[0].GetProperty("transaction_hash").GetString());
    }

    [Fact]
    public async Task Classes()
    {
        var sierra = await Checked("starknet_getClass", new { block_id = "latest", class_hash = Samples.AccountClass.ToString() });
        Assert.Equal("0.1.0", sierra.GetProperty("contract_class_version").GetString());
        Assert.Equal(Samples.SierraClass().Abi, sierra.GetProperty("abi").GetString());
        var reparsed = Cairn.Execution.Classes.SierraContractClass.Parse(sierra.GetRawText());
        Assert.Equal(Cairn.Execution.Classes.SierraClassHash.Compute(Samples.SierraClass()), Cairn.Execution.Classes.SierraClassHash.Compute(reparsed));
        var legacy = await Checked("starknet_getClass", new { block_id = "latest", class_hash = "0x1234" });
        Assert.Equal("H4sIAAAA", legacy.GetProperty("program").GetString());
        var at = await Checked("starknet_getClassAt", new { block_id = "latest", contract_address = Samples.Account.ToString() });
        Assert.Equal(sierra.ToString(), at.ToString());
        var hashAt = await Checked("starknet_getClassHashAt", new { block_id = "latest", contract_address = Samples.Account.ToString() });
        Assert.Equal(Samples.AccountClass.ToString(), hashAt.GetString());
    }

    [Fact]
    public async Task CompiledCasm()
    {
        var r = await Checked("starknet_getCompiledCasm", new { class_hash = S.Backend.DeclareTx.Transaction is DeclareTransactionV3 d ? d.ClassHash.ToString() : "" });
        Assert.Equal(3, r.GetProperty("bytecode").GetArrayLength());
    }

    [Fact]
    public async Task Scalars()
    {
        Assert.Equal(1, (await Checked("starknet_blockNumber")).GetInt32());
        var hn = await Checked("starknet_blockHashAndNumber");
        Assert.Equal("0x11", hn.GetProperty("block_hash").GetString());
        Assert.Equal("0x534e5f5345504f4c4941", (await Checked("starknet_chainId")).GetString());
        Assert.Equal(JsonValueKind.False, (await Checked("starknet_syncing")).ValueKind);
        Assert.Equal(4, (await Checked("starknet_getBlockTransactionCount", new { block_id = "latest" })).GetInt32());
        Assert.Equal("0x2", (await Checked("starknet_getNonce", new { block_id = "latest", contract_address = Samples.Account.ToString() })).GetString());
        Assert.Equal("0.10.2", (await Checked("starknet_specVersion")).GetString());
    }

    [Fact]
    public async Task SyncingObject()
    {
        await using var s = await RpcTestServer.StartAsync();
        s.Backend.Sync = new RpcSyncStatus(1, 0, 2, 5, 3, 9);
        var r = await s.ResultAsync("starknet_syncing");
        Spec.AssertResult("starknet_syncing", r);
        Assert.Equal(9, r.GetProperty("highest_block_num").GetInt32());
    }

    [Fact]
    public async Task CallReturnsFelts()
    {
        var r = await Checked("starknet_call", new { request = new { contract_address = Samples.Token.ToString(), entry_point_selector = "0x1", calldata = new[] { "0x0a", "0xB" } }, block_id = "pre_confirmed" });
        Assert.Equal(new[] { "0xa", "0xb", "0x2a" }, r.EnumerateArray().Select(x => x.GetString()!).ToArray());
    }

    [Fact]
    public async Task EstimateFeeAndMessageFee()
    {
        var query = Samples.Invoke() with { IsQuery = true, Signature = ReadOnlyMemory<Cairn.Primitives.Felt>.Empty };
        var r = await Checked("starknet_estimateFee", new JsonObject { ["request"] = new JsonArray(Tx(query), Tx(Samples.DeployAccount() with { IsQuery = true })), ["simulation_flags"] = new JsonArray("SKIP_VALIDATE"), ["block_id"] = "latest" });
        Assert.Equal(2, r.GetArrayLength());
        Assert.Equal(SimulationFlags.SkipValidate | SimulationFlags.SkipFeeCharge, S.Backend.LastSimulationFlags);
        var e = r[0];
        Assert.Equal("0xf1206", e.GetProperty("l2_gas_consumed").GetString());
        Assert.Equal("0xf4240", e.GetProperty("l2_gas_price").GetString());
        // overall = 128 · 1e6 + 987654 · 1e6
        Assert.Equal("0x" + ((128UL + 987654UL) * 1_000_000UL).ToString("x"), e.GetProperty("overall_fee").GetString());
        Assert.Equal("FRI", e.GetProperty("unit").GetString());
        var m = await Checked("starknet_estimateMessageFee", new { message = new { from_address = "0xae0ee0a63a2ce6baeeffe56e7714fb4efe48d419", to_address = Samples.Token.ToString(), entry_point_selector = "0x1", payload = new[] { "0x1" } }, block_id = "latest" });
        Assert.Equal("WEI", m.GetProperty("unit").GetString());
    }

    [Fact]
    public async Task EventsWithPagingAndFilters()
    {
        var first = await Checked("starknet_getEvents", new { filter = new { from_block = new { block_number = 0 }, to_block = "latest", chunk_size = 2 } });
        Assert.Equal(2, first.GetProperty("events").GetArrayLength());
        var token = first.GetProperty("continuation_token").GetString();
        var second = await Checked("starknet_getEvents", new { filter = new { chunk_size = 2, continuation_token = token } });
        Assert.Equal(1, second.GetProperty("events").GetArrayLength());
        Assert.False(second.TryGetProperty("continuation_token", out _));
        Assert.Equal(3, second.GetProperty("events")[0].GetProperty("transaction_index").GetInt32());
        var none = await Checked("starknet_getEvents", new { filter = new { address = "0x1", keys = new[] { Array.Empty<string>() }, chunk_size = 5 } });
        Assert.Equal(0, none.GetProperty("events").GetArrayLength());
        var many = await Checked("starknet_getEvents", new { filter = new { address = new[] { "0x1", Samples.Token.ToString() }, keys = new[] { new[] { "0x99cd8bde557814842a3121e8ddfd433a539b8c9f14bf31ebf108d12e6196e9" } }, chunk_size = 5 } });
        Assert.Equal(3, many.GetProperty("events").GetArrayLength());
        Assert.Equal(2, S.Backend.LastEventFilter!.Addresses.Count);
    }

    [Fact]
    public async Task StorageProof()
    {
        var r = await Checked("starknet_getStorageProof", new
        {
            block_id = "latest",
            class_hashes = new[] { "0x1" },
            contract_addresses = new[] { Samples.Account.ToString(), Samples.Token.ToString() },
            contracts_storage_keys = new[] { new { contract_address = Samples.Token.ToString(), storage_keys = new[] { "0x5", "0x6" } } },
        });
        Assert.Equal(2, r.GetProperty("contracts_proof").GetProperty("contract_leaves_data").GetArrayLength());
        var edge = r.GetProperty("contracts_proof").GetProperty("nodes")[1].GetProperty("node");
        Assert.Equal(3, edge.GetProperty("length").GetInt32());
        Assert.Equal("0x5", edge.GetProperty("path").GetString());
        Assert.Equal("0x11", r.GetProperty("global_roots").GetProperty("block_hash").GetString());
        Assert.Equal("0x2", r.GetProperty("contracts_storage_proofs")[0][0].GetProperty("node").GetProperty("path").GetString());
        var minimal = await Checked("starknet_getStorageProof", new { block_id = new { block_number = 0 } });
        Assert.Equal(0, minimal.GetProperty("classes_proof").GetArrayLength());
    }

    [Fact]
    public async Task WriteMethods()
    {
        var invoke = await Checked("starknet_addInvokeTransaction", new JsonObject { ["invoke_transaction"] = Tx(Samples.Invoke(5)) });
        Assert.Equal(Cairn.Execution.Hashing.TransactionHasher.Compute(Samples.Invoke(5), Samples.ChainId).ToString(), invoke.GetProperty("transaction_hash").GetString());
        var declare = await Checked("starknet_addDeclareTransaction", new JsonObject { ["declare_transaction"] = Tx(Samples.Declare()) });
        Assert.Equal(Samples.Declare().ClassHash.ToString(), declare.GetProperty("class_hash").GetString());
        var deploy = await Checked("starknet_addDeployAccountTransaction", new JsonObject { ["deploy_account_transaction"] = Tx(Samples.DeployAccount()) });
        Assert.Equal("0xdead", deploy.GetProperty("contract_address").GetString());
        Assert.Contains(S.Backend.Added, a => a.Tx is DeclareTransactionV3 { ContractClass: not null } && a.Casm is null);
    }

    [Fact]
    public async Task Traces()
    {
        foreach (var t in S.Backend.Blocks[1].Transactions)
        {
            var r = await Checked("starknet_traceTransaction", new { transaction_hash = t.Hash.ToString() });
            Assert.Equal(RpcEnums.TxType(t.Transaction.Type), r.GetProperty("type").GetString());
            if (t.Transaction is InvokeTransactionV3)
            {
                var exec = r.GetProperty("execute_invocation");
                if (t.Index == 1) Assert.Contains("u256_sub", exec.GetProperty("revert_reason").GetString(), StringComparison.Ordinal);
                else
                {
                    Assert.Equal("LIBRARY_CALL", exec.GetProperty("calls")[0].GetProperty("call_type").GetString());
                    Assert.Equal(0, exec.GetProperty("events")[0].GetProperty("order").GetInt32());
                    Assert.Equal(Samples.Account.ToString(), exec.GetProperty("messages")[0].GetProperty("from_address").GetString());
                    Assert.Equal(12345 > 0, exec.GetProperty("execution_resources").GetProperty("l2_gas").GetInt64() >= 0);
                }
            }
        }
        var block = await Checked("starknet_traceBlockTransactions", new { block_id = "latest" });
        Assert.Equal(4, block.GetArrayLength());
        var withReads = await Checked("starknet_traceBlockTransactions", new { block_id = "latest", trace_flags = new[] { "RETURN_INITIAL_READS" } });
        Assert.Equal(4, withReads.GetProperty("traces").GetArrayLength());
        Assert.Equal(-32602, (await S.ErrorAsync("starknet_traceBlockTransactions", new { block_id = "pre_confirmed" })).GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Simulations()
    {
        var txs = new JsonArray(Tx(Samples.Invoke()), Tx(Samples.Declare()), Tx(Samples.DeployAccount()));
        var r = await Checked("starknet_simulateTransactions", new JsonObject { ["block_id"] = "latest", ["transactions"] = txs, ["simulation_flags"] = new JsonArray("SKIP_FEE_CHARGE") });
        Assert.Equal(3, r.GetArrayLength());
        Assert.Equal(SimulationFlags.SkipFeeCharge, S.Backend.LastSimulationFlags);
        Assert.Equal("DEPLOY_ACCOUNT", r[2].GetProperty("transaction_trace").GetProperty("type").GetString());
        Assert.Equal("CONSTRUCTOR", r[2].GetProperty("transaction_trace").GetProperty("constructor_invocation").GetProperty("entry_point_type").GetString());
        var withReads = await Checked("starknet_simulateTransactions", new JsonObject
        {
            ["block_id"] = "latest", ["transactions"] = new JsonArray(Tx(Samples.Invoke())), ["simulation_flags"] = new JsonArray("SKIP_VALIDATE", "RETURN_INITIAL_READS"),
        });
        Assert.Equal("0x64", withReads.GetProperty("initial_reads").GetProperty("storage")[0].GetProperty("value").GetString());
    }
}
