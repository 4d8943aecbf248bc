using System.Text.Json;
using System.Text.Json.Nodes;
using Cairn.Execution.Classes;
using Cairn.Execution.Hashing;
using Cairn.Execution.Json;
using Cairn.Execution.Transactions;
using Cairn.Primitives;
using Cairn.Testing;

namespace Cairn.Execution.Tests;

/// <summary>Sierra class hashes of real Cairo 2.10 classes against starknet.js (op <c>sierra_class_hash</c>).</summary>
public sealed class SierraClassHashTests
{
    // starknet.js is slow on big classes: a handful of small and mid-sized ones.
    public static TheoryData<string> Names() => new()
    {
        "contracts_Ether", "contracts_noop_ism", "mocks_ism", "token_TestISM", "contracts_EnumerableMapHolder",
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void MatchesStarknetJs(string name)
    {
        var json = ContractFixtures.SierraJson(name);
        var expected = ScureOracle.Shared.CallOne("sierra_class_hash", json);
        Assert.Equal(expected, SierraClassHash.Compute(SierraContractClass.Parse(json)).ToString());
    }

    [Fact]
    public void RpcFormWithAbiStringHashesTheSame()
    {
        // starknet.js declares the artifact with abi = formatSpaces(stringify(abi)); the RPC class carries that
        // string verbatim, and Cairn hashes it verbatim.
        var artifact = ContractFixtures.SierraJson("contracts_Ether");
        var node = JsonNode.Parse(artifact)!.AsObject();
        var formatted = AbiFormatter.Format(JsonDocument.Parse(node["abi"]!.ToJsonString()).RootElement);
        Assert.DoesNotContain("\n", formatted);
        Assert.StartsWith("[{\"type\": ", formatted);
        node["abi"] = formatted;
        var rpc = SierraContractClass.Parse(node.ToJsonString());
        Assert.Equal(formatted, rpc.Abi);
        Assert.Equal(SierraClassHash.Compute(SierraContractClass.Parse(artifact)), SierraClassHash.Compute(rpc));
    }

    [Fact]
    public void AbiFormattingFollowsJsonDumpsWithSpacedSeparators()
    {
        var abi = JsonDocument.Parse("""[{"type":"function","name":"f\u00e9","inputs":[],"x":{"a":"b, c: d","q":"\"\\"}}]""").RootElement;
        Assert.Equal("[{\"type\": \"function\", \"name\": \"fé\", \"inputs\": [], \"x\": {\"a\": \"b, c: d\", \"q\": \"\\\"\\\\\"}}]", AbiFormatter.Format(abi));
    }

    [Fact]
    public void DeclareV3WithContractClassComputesTheClassHash()
    {
        var sierra = ContractFixtures.SierraJson("contracts_noop_ism");
        var classHash = SierraClassHash.Compute(SierraContractClass.Parse(sierra));
        string Tx(string classPart) => $$$"""
            {"type":"DECLARE","version":"0x3","sender_address":"0x123","compiled_class_hash":"0x456","signature":[],"nonce":"0x1",
             {{{classPart}}},
             "resource_bounds":{"l1_gas":{"max_amount":"0x1","max_price_per_unit":"0x2"},"l2_gas":{"max_amount":"0x3","max_price_per_unit":"0x4"},
                                "l1_data_gas":{"max_amount":"0x5","max_price_per_unit":"0x6"}},
             "tip":"0x0","paymaster_data":[],"account_deployment_data":[],"nonce_data_availability_mode":"L1","fee_data_availability_mode":"L1"}
            """;
        var broadcast = (DeclareTransactionV3)TransactionJson.Parse(Tx($"\"contract_class\": {sierra}"));
        Assert.Equal(classHash.Value, broadcast.ClassHash);
        Assert.NotNull(broadcast.ContractClass);
        var plain = (DeclareTransactionV3)TransactionJson.Parse(Tx($"\"class_hash\": \"{classHash}\""));
        var chain = Felt.FromShortString("SN_SEPOLIA");
        Assert.Equal(TransactionHasher.Compute(plain, chain), TransactionHasher.Compute(broadcast, chain));
        var expected = ScureOracle.Shared.CallOne("tx_hash_declare_v3", Tx($"\"class_hash\": \"{classHash}\""), chain.ToString());
        Assert.Equal(expected, TransactionHasher.Compute(broadcast, chain).ToString());

        var mismatch = Assert.Throws<JsonInputException>(() => TransactionJson.Parse(Tx($"\"class_hash\": \"0x1\", \"contract_class\": {sierra}")));
        Assert.Equal("class_hash", mismatch.Path);
    }
}
