using System.Text.Json.Nodes;
using Cairn.Execution.Json;
using Cairn.Execution.Transactions;
using Cairn.Primitives;

namespace Cairn.Execution.Tests;

/// <summary>Reading the JSON-RPC shapes: field mapping and errors that name the bad field.</summary>
public sealed class TransactionJsonTests
{
    private const string Invoke = """
        {"type":"INVOKE","version":"0x3","sender_address":"0xabc","calldata":["0x1","0x2"],"signature":["0x5"],"nonce":"0x7",
         "resource_bounds":{"l1_gas":{"max_amount":"0x10","max_price_per_unit":"0x20"},"l2_gas":{"max_amount":"0x30","max_price_per_unit":"0x40"},
                            "l1_data_gas":{"max_amount":"0x50","max_price_per_unit":"0x60"}},
         "tip":"0x9","paymaster_data":[],"account_deployment_data":["0x8"],"nonce_data_availability_mode":"L1","fee_data_availability_mode":"L2",
         "proof_facts":["0x1"],"proof":"AAEC"}
        """;

    private static string With(string json, Action<JsonObject> edit)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        edit(node);
        return node.ToJsonString();
    }

    private static JsonObject Rb(JsonObject tx, string name) => tx["resource_bounds"]![name]!.AsObject();

    [Fact]
    public void ReadsEveryInvokeField()
    {
        var tx = Assert.IsType<InvokeTransactionV3>(TransactionJson.Parse(Invoke));
        Assert.False(tx.IsQuery);
        Assert.Equal(Felt.Parse("0xabc"), tx.SenderAddress);
        Assert.Equal([Felt.One, Felt.Two], tx.Calldata.ToArray());
        Assert.Equal([Felt.FromUInt64(5)], tx.Signature.ToArray());
        Assert.Equal(Felt.FromUInt64(7), tx.Nonce);
        Assert.Equal(new ResourceBounds(0x10, 0x20), tx.ResourceBounds.L1Gas);
        Assert.Equal(new ResourceBounds(0x30, 0x40), tx.ResourceBounds.L2Gas);
        Assert.Equal(new ResourceBounds(0x50, 0x60), tx.ResourceBounds.L1DataGas);
        Assert.Equal(9UL, tx.Tip);
        Assert.True(tx.PaymasterData.IsEmpty);
        Assert.Equal([Felt.FromUInt64(8)], tx.AccountDeploymentData.ToArray());
        Assert.Equal(DataAvailabilityMode.L1, tx.NonceDataAvailabilityMode);
        Assert.Equal(DataAvailabilityMode.L2, tx.FeeDataAvailabilityMode);
        Assert.Equal([Felt.One], tx.ProofFacts.ToArray());
        Assert.Equal("AAEC", tx.Proof);
    }

    [Fact]
    public void QueryVersion()
    {
        var tx = TransactionJson.Parse(With(Invoke, o => o["version"] = "0x100000000000000000000000000000003"));
        Assert.True(tx.IsQuery);
        Assert.Equal(3, tx.Version);
    }

    public static TheoryData<string, string> BadFields() => new()
    {
        { With(Invoke, o => o.Remove("sender_address")), "sender_address" },
        { With(Invoke, o => o["sender_address"] = "abc"), "sender_address" },
        { With(Invoke, o => o["sender_address"] = 12), "sender_address" },
        { With(Invoke, o => o["nonce"] = "0x800000000000011000000000000000000000000000000000000000000000001"), "nonce" },
        { With(Invoke, o => o["calldata"] = new JsonArray("0x1", "zz")), "calldata[1]" },
        { With(Invoke, o => o["calldata"] = "0x1"), "calldata" },
        { With(Invoke, o => o["version"] = "0x4"), "version" },
        { With(Invoke, o => o["version"] = "0x1"), "version" },
        { With(Invoke, o => o.Remove("version")), "version" },
        { With(Invoke, o => o["type"] = "INVOKE_FUNCTION"), "type" },
        { With(Invoke, o => o["tip"] = "0x10000000000000000"), "tip" },
        { With(Invoke, o => Rb(o, "l1_gas")["max_amount"] = "0x10000000000000000"), "resource_bounds.l1_gas.max_amount" },
        { With(Invoke, o => Rb(o, "l2_gas")["max_price_per_unit"] = "0x100000000000000000000000000000000"), "resource_bounds.l2_gas.max_price_per_unit" },
        { With(Invoke, o => Rb(o, "l1_data_gas").Remove("max_amount")), "resource_bounds.l1_data_gas.max_amount" },
        { With(Invoke, o => o["resource_bounds"]!.AsObject().Remove("l1_data_gas")), "resource_bounds.l1_data_gas" },
        { With(Invoke, o => o["nonce_data_availability_mode"] = "L3"), "nonce_data_availability_mode" },
        { With(Invoke, o => o.Remove("paymaster_data")), "paymaster_data" },
        { With(Invoke, o => o.Remove("signature")), "signature" },
        { With(Invoke, o => o.Remove("account_deployment_data")), "account_deployment_data" },
        { "[1, 2]", "" },
        { "{\"type\": ", "" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public void ErrorsNameTheField(string json, string path)
    {
        var e = Assert.Throws<JsonInputException>(() => TransactionJson.Parse(json));
        Assert.Equal(path, e.Path);
        if (path.Length > 0) Assert.StartsWith(path + ": ", e.Message);
    }

    [Fact]
    public void LegacyTransactionsNeedTheOption()
    {
        var l1 = """{"type":"L1_HANDLER","version":"0x0","nonce":"0x1","contract_address":"0x2","entry_point_selector":"0x3","calldata":["0x4"]}""";
        var e = Assert.Throws<JsonInputException>(() => TransactionJson.Parse(l1));
        Assert.Equal("type", e.Path);
        var tx = Assert.IsType<L1HandlerTransaction>(TransactionJson.Parse(l1, TransactionJsonOptions.AnyVersion));
        Assert.Equal(Felt.FromUInt64(2), tx.ContractAddress);
        Assert.True(tx.Signature.IsEmpty);
        var q = With(l1, o => o["version"] = "0x100000000000000000000000000000000");
        Assert.Equal("version", Assert.Throws<JsonInputException>(() => TransactionJson.Parse(q, TransactionJsonOptions.AnyVersion)).Path);
    }

    [Fact]
    public void DeclareNeedsClassOrClassHash()
    {
        var declare = With(Invoke, o =>
        {
            o["type"] = "DECLARE";
            o.Remove("calldata");
            o.Remove("proof_facts");
            o["compiled_class_hash"] = "0x1";
        });
        Assert.Equal("contract_class", Assert.Throws<JsonInputException>(() => TransactionJson.Parse(declare)).Path);
        var bad = With(declare, o => o["contract_class"] = new JsonObject { ["sierra_program"] = new JsonArray("0x1"), ["contract_class_version"] = "0.1.0" });
        Assert.Equal("contract_class.entry_points_by_type", Assert.Throws<JsonInputException>(() => TransactionJson.Parse(bad)).Path);
    }
}
