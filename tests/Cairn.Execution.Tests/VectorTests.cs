using Cairn.Crypto.Hashing;
using System.Text.Json;
using Cairn.Execution.Hashing;
using Cairn.Execution.Json;
using Cairn.Execution.Transactions;
using Cairn.Primitives;
using Cairn.Testing;

namespace Cairn.Execution.Tests;

/// <summary>Published vectors: mainnet transactions (starkware-libs/sequencer) and primitives.json.</summary>
public sealed class VectorTests
{
    private static readonly Lazy<JsonElement> Primitives = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(ScureOracle.VectorsDir, "primitives.json"))).RootElement);

    public static TheoryData<string> EntryNames()
    {
        var data = new TheoryData<string>();
        foreach (var e in SequencerVectors.Load()) data.Add(e.Name);
        return data;
    }

    private static SequencerVectors.Entry Entry(string name) => SequencerVectors.Load().Single(e => e.Name == name);

    [Theory]
    [MemberData(nameof(EntryNames))]
    public void MainnetTransactionHash(string name)
    {
        var e = Entry(name);
        var tx = TransactionJson.Parse(SequencerVectors.ToJson(e.RpcTransaction), TransactionJsonOptions.AnyVersion);
        Assert.False(tx.IsQuery);
        Assert.Equal(e.Hash, TransactionHasher.Compute(tx, Felt.FromShortString(e.ChainId)).ToString());
    }

    [Theory]
    [MemberData(nameof(EntryNames))]
    public void MainnetQueryTransactionHash(string name)
    {
        var e = Entry(name);
        var type = e.RpcTransaction["type"]!.GetValue<string>();
        if (type is "L1_HANDLER" or "DEPLOY") return; // no query variant in the protocol
        var tx = TransactionJson.Parse(SequencerVectors.ToJson(SequencerVectors.AsQuery(e.RpcTransaction)), TransactionJsonOptions.AnyVersion);
        Assert.True(tx.IsQuery);
        Assert.Equal(e.QueryHash, TransactionHasher.Compute(tx, Felt.FromShortString(e.ChainId)).ToString());
        // The same through the model: flipping IsQuery is all it takes.
        var normal = TransactionJson.Parse(SequencerVectors.ToJson(e.RpcTransaction), TransactionJsonOptions.AnyVersion);
        Assert.Equal(e.QueryHash, TransactionHasher.Compute(normal with { IsQuery = true }, Felt.FromShortString(e.ChainId)).ToString());
    }

    [Fact]
    public void AllTwelveEntriesAreSupported()
    {
        var entries = SequencerVectors.Load();
        Assert.Equal(12, entries.Count);
        Assert.Contains(entries, e => e.Name.Contains("+proof_facts", StringComparison.Ordinal));
    }

    [Fact]
    public void HistoricalV3BoundsNeedTheLenientOption()
    {
        var e = SequencerVectors.Load().First(x => x.Name.Contains("INVOKE", StringComparison.Ordinal) || x.Name.Contains("Invoke/0x3", StringComparison.Ordinal));
        var ex = Assert.Throws<JsonInputException>(() => TransactionJson.Parse(SequencerVectors.ToJson(e.RpcTransaction)));
        Assert.Equal("resource_bounds.l1_data_gas", ex.Path);
    }

    [Fact]
    public void DeployAccountV3Address()
    {
        // The v3 deploy-account hash is over the computed address; check the address itself against pathfinder's rule.
        var e = SequencerVectors.Load().Single(x => x.Name.Contains("DeployAccount/0x3", StringComparison.Ordinal));
        var tx = (DeployAccountTransactionV3)TransactionJson.Parse(SequencerVectors.ToJson(e.RpcTransaction), TransactionJsonOptions.AnyVersion);
        var address = ContractAddressCalculator.Compute(tx.ContractAddressSalt, tx.ClassHash, tx.ConstructorCalldata.Span, Felt.Zero);
        var viaOracle = ScureOracle.Shared.CallOne("contract_address",
            [tx.ContractAddressSalt.ToString(), tx.ClassHash.ToString(), "0x0", .. tx.ConstructorCalldata.ToArray().Select(f => f.ToString())]);
        Assert.Equal(viaOracle, address.ToString());
    }

    [Fact]
    public void FeeFieldHashVectors()
    {
        foreach (var c in Primitives.Value.GetProperty("v3_fee_field_hash").GetProperty("cases").EnumerateArray())
        {
            var bounds = new ResourceBoundsMapping(Bounds(c.GetProperty("l1_gas")), Bounds(c.GetProperty("l2_gas")), Bounds(c.GetProperty("l1_data_gas")));
            var tip = Felt.Parse(c.GetProperty("tip").GetString()!).ToUInt64();
            Assert.Equal(c.GetProperty("hash").GetString(), TransactionHasher.TipAndResourceBoundsHash(tip, bounds).ToString());
        }
    }

    [Fact]
    public void ContractAddressVectors()
    {
        foreach (var c in Primitives.Value.GetProperty("contract_address").GetProperty("cases").EnumerateArray())
        {
            var calldata = c.GetProperty("constructor_calldata").EnumerateArray().Select(x => Felt.Parse(x.GetString()!)).ToArray();
            var address = ContractAddressCalculator.Compute(F(c, "salt"), F(c, "class_hash"), calldata, F(c, "deployer"));
            Assert.Equal(c.GetProperty("address").GetString(), address.ToString());
        }
    }

    [Fact]
    public void SepoliaL1HandlerVector()
    {
        var m = Primitives.Value.GetProperty("messaging");
        var msg = m.GetProperty("l1_to_l2_message_hash");
        var payload = msg.GetProperty("payload_dec").EnumerateArray().Select(x => Felt.Parse(x.GetString()!));
        var tx = new L1HandlerTransaction
        {
            ContractAddress = Felt.Parse(msg.GetProperty("to_address_dec").GetString()!),
            EntryPointSelector = Felt.Parse(msg.GetProperty("selector_dec").GetString()!),
            Calldata = new[] { Felt.Parse(msg.GetProperty("from_address").GetString()!) }.Concat(payload).ToArray(),
            Nonce = Felt.Parse(msg.GetProperty("nonce_dec").GetString()!),
        };
        var expected = m.GetProperty("l1_handler_transaction_hash");
        var chain = Felt.FromShortString(expected.GetProperty("chain_id").GetString()!);
        Assert.Equal(expected.GetProperty("hash").GetString(), TransactionHasher.Compute(tx, chain).ToString());
        // L1_HANDLER has no query form: the flag does not change the hash.
        Assert.Equal(expected.GetProperty("hash").GetString(), TransactionHasher.Compute(tx with { IsQuery = true }, chain).ToString());
    }

    [Fact]
    public void QueryVersionIsTwoToThe128PlusV()
    {
        Assert.Equal("0x100000000000000000000000000000000", Transaction.QueryVersionBase.ToString());
        var tx = new L1HandlerTransaction { ContractAddress = 1, EntryPointSelector = 2, Nonce = 3 };
        Assert.Equal("0x0", tx.HashVersion.ToString());
        var d = new DeployAccountTransactionV3 { ClassHash = 1, ContractAddressSalt = 2, Nonce = 0, ResourceBounds = ResourceBoundsMapping.Zero, IsQuery = true };
        Assert.Equal("0x100000000000000000000000000000003", d.HashVersion.ToString());
    }

    private static Felt F(JsonElement e, string name) => Felt.Parse(e.GetProperty(name).GetString()!);

    private static ResourceBounds Bounds(JsonElement e) =>
        new(Felt.Parse(e.GetProperty("max_amount").GetString()!).ToUInt64(),
            (UInt128)Felt.Parse(e.GetProperty("max_price_per_unit").GetString()!).ToBigInteger());
}
