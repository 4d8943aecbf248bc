using Cairn.Execution.Fees;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cairn.Execution.Executor;
using Cairn.Execution.Json;
using Cairn.Execution.Transactions;
using Cairn.Primitives;
using Cairn.Primitives.Ids;
using Cairn.State;
using Cairn.Testing;

namespace Cairn.Chain.Tests;

/// <summary>
/// Reads the pathfinder feeder-gateway fixture of SN_INTEGRATION_SEPOLIA block 63881 (block + state update) into
/// Cairn's chain types; the published values stay available as JSON for the assertions.
/// </summary>
internal sealed class FeederGatewayBlock
{
    public static readonly Felt IntegrationSepolia = Felt.FromShortString("SN_INTEGRATION_SEPOLIA");

    private static readonly Lazy<FeederGatewayBlock> Lazy63881 = new(() => Load("sepolia_integration_63881"));

    public static FeederGatewayBlock Block63881 => Lazy63881.Value;

    public required JsonElement BlockJson { get; init; }

    public required JsonElement StateUpdateJson { get; init; }

    public required IReadOnlyList<Transaction> Transactions { get; init; }

    public required IReadOnlyList<TxHash> PublishedHashes { get; init; }

    public required IReadOnlyList<Receipt> Receipts { get; init; }

    public required BlockStateDiff StateDiff { get; init; }

    public required BlockContext Context { get; init; }

    public Felt Published(string field) => Felt.Parse(BlockJson.GetProperty(field).GetString()!);

    public static FeederGatewayBlock Load(string name)
    {
        var dir = Path.Combine(ScureOracle.VectorsDir, "pathfinder");
        var block = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, name + ".block.json"))).RootElement;
        var update = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, name + ".state_update.json"))).RootElement;

        var txs = new List<Transaction>();
        var hashes = new List<TxHash>();
        foreach (var tx in block.GetProperty("transactions").EnumerateArray())
        {
            txs.Add(TransactionJson.Parse(ToRpc(tx).ToJsonString(), TransactionJsonOptions.AnyVersion));
            hashes.Add(TxHash.Parse(tx.GetProperty("transaction_hash").GetString()!));
        }

        var receipts = new List<Receipt>();
        var i = 0;
        foreach (var r in block.GetProperty("transaction_receipts").EnumerateArray())
        {
            var total = r.GetProperty("execution_resources").GetProperty("total_gas_consumed");
            var status = r.GetProperty("execution_status").GetString() == "SUCCEEDED" ? ExecutionStatus.Succeeded : ExecutionStatus.Reverted;
            receipts.Add(new Receipt
            {
                TransactionHash = TxHash.Parse(r.GetProperty("transaction_hash").GetString()!),
                Type = txs[i].Type,
                ActualFee = new FeePayment(F(r.GetProperty("actual_fee")), txs[i].Version == 3 ? FeeUnit.Fri : FeeUnit.Wei),
                ExecutionStatus = status,
                RevertReason = r.TryGetProperty("revert_error", out var reason) ? reason.GetString() : null,
                Events = r.GetProperty("events").EnumerateArray().Select(e => new ReceiptEvent(
                    new ContractAddress(F(e.GetProperty("from_address"))), Felts(e.GetProperty("keys")), Felts(e.GetProperty("data")))).ToList(),
                Messages = r.GetProperty("l2_to_l1_messages").EnumerateArray().Select(m => new ReceiptMessage(
                    new ContractAddress(F(m.GetProperty("from_address"))), F(m.GetProperty("to_address")), Felts(m.GetProperty("payload")))).ToList(),
                ExecutionResources = new GasVector(total.GetProperty("l1_gas").GetUInt64(), total.GetProperty("l1_data_gas").GetUInt64(),
                    total.GetProperty("l2_gas").GetUInt64()),
            });
            i++;
        }

        return new FeederGatewayBlock
        {
            BlockJson = block,
            StateUpdateJson = update,
            Transactions = txs,
            PublishedHashes = hashes,
            Receipts = receipts,
            StateDiff = ReadStateDiff(update.GetProperty("state_diff")),
            Context = new BlockContext
            {
                Number = block.GetProperty("block_number").GetUInt64(),
                ParentHash = BlockHash.Parse(block.GetProperty("parent_block_hash").GetString()!),
                SequencerAddress = ContractAddress.Parse(block.GetProperty("sequencer_address").GetString()!),
                Timestamp = block.GetProperty("timestamp").GetUInt64(),
                GasPrices = new GasPrices(Price(block, "l1_gas_price"), Price(block, "l1_data_gas_price"), Price(block, "l2_gas_price")),
                L1DaMode = block.GetProperty("l1_da_mode").GetString() == "BLOB" ? L1DataAvailabilityMode.Blob : L1DataAvailabilityMode.Calldata,
                StarknetVersion = StarknetVersion.Parse(block.GetProperty("starknet_version").GetString()!),
            },
        };
    }

    /// <summary>Feeder-gateway transaction → JSON-RPC shape (type name, resource-bound keys, DA modes).</summary>
    private static JsonObject ToRpc(JsonElement tx)
    {
        var o = JsonNode.Parse(tx.GetRawText())!.AsObject();
        o["type"] = o["type"]!.GetValue<string>() switch
        {
            "INVOKE_FUNCTION" => "INVOKE",
            var t => t,
        };
        if (o["resource_bounds"] is JsonObject rb)
        {
            var renamed = new JsonObject();
            foreach (var (k, v) in rb) renamed[k.ToLowerInvariant()] = v!.DeepClone();
            o["resource_bounds"] = renamed;
        }

        foreach (var field in new[] { "nonce_data_availability_mode", "fee_data_availability_mode" })
        {
            if (o[field] is JsonValue v && v.TryGetValue<int>(out var mode)) o[field] = mode == 0 ? "L1" : "L2";
        }

        return o;
    }

    private static BlockStateDiff ReadStateDiff(JsonElement d)
    {
        var diff = new StateDiff();
        foreach (var contract in d.GetProperty("storage_diffs").EnumerateObject())
        {
            foreach (var entry in contract.Value.EnumerateArray())
            {
                diff.SetStorage(ContractAddress.Parse(contract.Name), new StorageKey(F(entry.GetProperty("key"))), F(entry.GetProperty("value")));
            }
        }

        foreach (var nonce in d.GetProperty("nonces").EnumerateObject()) diff.SetNonce(ContractAddress.Parse(nonce.Name), new Nonce(F(nonce.Value)));
        foreach (var c in d.GetProperty("deployed_contracts").EnumerateArray())
        {
            diff.DeployContract(new ContractAddress(F(c.GetProperty("address"))), new ClassHash(F(c.GetProperty("class_hash"))));
        }

        foreach (var c in d.GetProperty("replaced_classes").EnumerateArray())
        {
            diff.ReplaceClass(new ContractAddress(F(c.GetProperty("address"))), new ClassHash(F(c.GetProperty("class_hash"))));
        }

        foreach (var c in d.GetProperty("declared_classes").EnumerateArray())
        {
            diff.DeclareClass(new ClassHash(F(c.GetProperty("class_hash"))), new CompiledClassHash(F(c.GetProperty("compiled_class_hash"))));
        }

        var deprecated = d.GetProperty("old_declared_contracts").EnumerateArray().Select(c => new ClassHash(F(c))).ToList();
        return new BlockStateDiff(diff, deprecated, new Dictionary<ClassHash, CompiledClassHash>());
    }

    private static GasPrice Price(JsonElement block, string name)
    {
        var p = block.GetProperty(name);
        return new GasPrice(U128(p.GetProperty("price_in_wei")), U128(p.GetProperty("price_in_fri")));
    }

    private static UInt128 U128(JsonElement e) =>
        UInt128.Parse(e.GetString()![2..], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

    private static Felt F(JsonElement e) => Felt.Parse(e.GetString()!);

    private static Felt[] Felts(JsonElement e) => e.EnumerateArray().Select(F).ToArray();
}
