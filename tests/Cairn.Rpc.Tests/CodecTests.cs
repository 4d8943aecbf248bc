using System.Buffers;
using System.Text.Json;
using Cairn.Execution.Hashing;
using Cairn.Execution.Json;
using Cairn.Execution.Transactions;
using Cairn.Primitives;
using Cairn.Rpc.Json;

namespace Cairn.Rpc.Tests;

/// <summary>The writers: what is written parses back to the same transaction, matches the schemas, and uses canonical numbers.</summary>
public sealed class CodecTests
{
    private static JsonElement Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }

    public static TheoryData<int> Kinds() => new(Enumerable.Range(0, Samples.AllKinds().Count()));

    [Theory]
    [MemberData(nameof(Kinds))]
    public void TransactionsRoundTrip(int kind)
    {
        var tx = Samples.AllKinds().ElementAt(kind);
        var json = TransactionWriter.ToJson(tx);
        var back = TransactionJson.Parse(json, TransactionJsonOptions.AnyVersion);
        Assert.Equal(tx.GetType(), back.GetType());
        Assert.Equal(tx.IsQuery, back.IsQuery);
        Assert.Equal(TransactionHasher.Compute(tx, Samples.ChainId), TransactionHasher.Compute(back, Samples.ChainId));
        Assert.Equal(tx.Signature.ToArray(), back.Signature.ToArray());
        Assert.Equal(json, TransactionWriter.ToJson(back));
        if (tx is DeclareTransactionV3 d)
        {
            var c = ((DeclareTransactionV3)back).ContractClass!;
            Assert.Equal(d.ContractClass!.Abi, c.Abi);
            Assert.Equal(d.ContractClass.SierraProgram.ToArray(), c.SierraProgram.ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void TransactionsMatchTheTxnSchema(int kind)
    {
        var tx = Samples.AllKinds().ElementAt(kind);
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer)) TransactionWriter.Write(w, tx, new Cairn.Primitives.Ids.TxHash(0x123));
        var element = Parse(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
        var errors = OpenRpcSchema.Instance.ValidateSchema("starknet_api_openrpc.json", "TXN", element);
        Assert.True(errors.Count == 0, string.Join("\n", errors) + "\n" + element);
        if (tx is TransactionV3)
        {
            var broadcast = Parse(TransactionWriter.ToJson(tx));
            errors = OpenRpcSchema.Instance.ValidateSchema("starknet_api_openrpc.json", "BROADCASTED_TXN", broadcast);
            Assert.True(errors.Count == 0, string.Join("\n", errors) + "\n" + broadcast);
        }
    }

    [Fact]
    public void RealSierraClassRoundTripsThroughADeclare()
    {
        // The fixtures come from tests/oracle's npm install (./test.sh runs it).
        var sierraJson = Cairn.Testing.ContractFixtures.SierraJson("contracts_Ether");
        var sierra = Cairn.Execution.Classes.SierraContractClass.Parse(sierraJson);
        var tx = Samples.Declare() with { ContractClass = sierra, ClassHash = Cairn.Execution.Classes.SierraClassHash.Compute(sierra).Value };
        var back = (DeclareTransactionV3)TransactionJson.Parse(TransactionWriter.ToJson(tx));
        Assert.Equal(tx.ClassHash, back.ClassHash);
        Assert.Equal(sierra.Abi, back.ContractClass!.Abi);
    }

    [Fact]
    public void NumbersAreCanonical()
    {
        var tx = Samples.Invoke() with { Tip = 0, Nonce = Felt.Zero };
        var json = TransactionWriter.ToJson(tx);
        Assert.Contains("\"tip\":\"0x0\"", json, StringComparison.Ordinal);
        Assert.Contains("\"nonce\":\"0x0\"", json, StringComparison.Ordinal);
        Assert.Contains("\"max_price_per_unit\":\"0x174876e800\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("0x0", json.Replace("\"0x0\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            w.WriteHexValue(UInt128.MaxValue);
            w.WriteFeltValue(Felt.MaxValue);
            w.WriteFeltValue(Felt.Parse("0x000ABC"));
            w.WriteEndArray();
        }
        var arr = Parse(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
        Assert.Equal("0x" + new string('f', 32), arr[0].GetString());
        Assert.Equal("0x800000000000011000000000000000000000000000000000000000000000000", arr[1].GetString());
        Assert.Equal("0xabc", arr[2].GetString());
    }

    [Fact]
    public void L1TransactionHashParsesAndPrints()
    {
        Assert.True(L1TransactionHash.TryParse("0x" + new string('F', 64), out var max));
        Assert.Equal("0x" + new string('f', 64), max.ToString());
        Assert.True(L1TransactionHash.TryParse("0x0001", out var one));
        Assert.Equal("0x1", one.ToString());
        Assert.True(L1TransactionHash.TryParse("0x1" + new string('0', 32), out var high));
        Assert.Equal(new L1TransactionHash(1, 0), high);
        Assert.False(L1TransactionHash.TryParse("0x" + new string('1', 65), out _));
        Assert.False(L1TransactionHash.TryParse("12", out _));
        Assert.False(L1TransactionHash.TryParse("0xg", out _));
    }

    [Fact]
    public void SchemaCheckerRejectsBadShapes()
    {
        var spec = OpenRpcSchema.Instance;
        Assert.NotEmpty(spec.ValidateResult("starknet_chainId", Parse("\"12\"")));
        Assert.NotEmpty(spec.ValidateResult("starknet_getNonce", Parse("\"0x01\"")));
        Assert.NotEmpty(spec.ValidateResult("starknet_blockNumber", Parse("\"0x1\"")));
        Assert.NotEmpty(spec.ValidateResult("starknet_blockHashAndNumber", Parse("{\"block_hash\":\"0x1\"}")));
        Assert.NotEmpty(spec.ValidateResult("starknet_getTransactionStatus", Parse("{\"finality_status\":\"DONE\"}")));
        Assert.NotEmpty(spec.ValidateResult("starknet_getStateUpdate", Parse("{\"old_root\":\"0x1\",\"state_diff\":{},\"extra\":1}")));
        Assert.Empty(spec.ValidateResult("starknet_getTransactionStatus", Parse("{\"finality_status\":\"RECEIVED\"}")));
    }
}
