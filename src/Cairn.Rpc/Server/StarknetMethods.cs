using System.Text.Json;
using Cairn.Execution.Executor;
using Cairn.Execution.Json;
using Cairn.Execution.Transactions;
using Cairn.Primitives;
using Cairn.Primitives.Ids;
using Cairn.Rpc.Json;

namespace Cairn.Rpc.Server;

/// <summary>The <c>starknet_*</c> HTTP methods: read API (25), write API (3), trace API (3) and <c>starknet_getCompiledCasm</c>.</summary>
public static class StarknetMethods
{
    private static readonly string[] TxnResponseFlags = ["INCLUDE_PROOF_FACTS"];
    private static readonly string[] StorageResponseFlags = ["INCLUDE_LAST_UPDATE_BLOCK"];
    private static readonly string[] EstimateFlags = ["SKIP_VALIDATE"];
    private static readonly string[] SimulateFlags = ["SKIP_VALIDATE", "SKIP_FEE_CHARGE", "RETURN_INITIAL_READS"];
    private static readonly string[] TraceFlags = ["RETURN_INITIAL_READS"];

    public static IEnumerable<RpcMethod> All() =>
    [
        new("starknet_specVersion", [], (_, w) => Done(() => w.WriteStringValue(RpcMethods.SpecVersion))),
        new("starknet_getBlockWithTxHashes", ["block_id"], (c, w) => Done(() =>
            BlockWriter.WriteBlock(w, c.Backend.GetBlock(c.Get(0, ParamReader.BlockId)), BlockBody.TxHashes, false))),
        new("starknet_getBlockWithTxs", ["block_id", "response_flags?"], (c, w) => Done(() =>
            BlockWriter.WriteBlock(w, c.Backend.GetBlock(c.Get(0, ParamReader.BlockId)), BlockBody.Txs, ProofFacts(c, 1)))),
        new("starknet_getBlockWithReceipts", ["block_id", "response_flags?"], (c, w) => Done(() =>
            BlockWriter.WriteBlock(w, c.Backend.GetBlock(c.Get(0, ParamReader.BlockId)), BlockBody.Receipts, ProofFacts(c, 1)))),
        new("starknet_getStateUpdate", ["block_id", "contract_addresses?"], GetStateUpdate),
        new("starknet_getStorageAt", ["contract_address", "key", "block_id", "response_flags?"], GetStorageAt),
        new("starknet_getTransactionStatus", ["transaction_hash"], (c, w) => Done(() =>
            ResultWriter.WriteStatus(w, c.Backend.GetTransactionStatus(TxHash(c, 0))))),
        new("starknet_getMessagesStatus", ["transaction_hash"], GetMessagesStatus),
        new("starknet_getTransactionByHash", ["transaction_hash", "response_flags?"], (c, w) => Done(() =>
        {
            var hash = TxHash(c, 0);
            TransactionWriter.Write(w, c.Backend.GetTransactionByHash(hash), hash, ProofFacts(c, 1));
        })),
        new("starknet_getTransactionByBlockIdAndIndex", ["block_id", "index", "response_flags?"], (c, w) => Done(() =>
        {
            var block = c.Get(0, ParamReader.BlockId);
            var index = c[1].ValueKind == JsonValueKind.Number && c[1].TryGetInt64(out var i) && i < 0
                ? throw new RpcBackendException(RpcErrorCode.InvalidTxnIndex)
                : c.Get(1, ParamReader.Int32);
            var t = c.Backend.GetTransactionByBlockIdAndIndex(block, index);
            TransactionWriter.Write(w, t.Transaction, t.Hash, ProofFacts(c, 2));
        })),
        new("starknet_getTransactionReceipt", ["transaction_hash"], (c, w) => Done(() =>
            ReceiptWriter.Write(w, c.Backend.GetTransactionReceipt(TxHash(c, 0)), withBlockInfo: true))),
        new("starknet_getClass", ["block_id", "class_hash"], (c, w) => Done(() =>
            ClassWriter.Write(w, c.Backend.GetClass(c.Get(0, ParamReader.BlockId), new ClassHash(c.Get(1, ParamReader.Felt)))))),
        new("starknet_getClassHashAt", ["block_id", "contract_address"], (c, w) => Done(() =>
            w.WriteFeltValue(c.Backend.GetClassHashAt(c.Get(0, ParamReader.BlockId), c.Get(1, ParamReader.Address)).Value))),
        new("starknet_getClassAt", ["block_id", "contract_address"], (c, w) => Done(() =>
        {
            var block = c.Get(0, ParamReader.BlockId);
            var classHash = c.Backend.GetClassHashAt(block, c.Get(1, ParamReader.Address));
            ClassWriter.Write(w, c.Backend.GetClass(block, classHash));
        })),
        new("starknet_getBlockTransactionCount", ["block_id"], (c, w) => Done(() =>
            w.WriteNumberValue(c.Backend.GetBlockHeader(c.Get(0, ParamReader.BlockId)).TransactionCount))),
        new("starknet_call", ["request", "block_id"], Call),
        new("starknet_estimateFee", ["request", "simulation_flags", "block_id"], EstimateFee),
        new("starknet_estimateMessageFee", ["message", "block_id"], EstimateMessageFee),
        new("starknet_blockNumber", [], (c, w) => Done(() => w.WriteNumberValue(c.Backend.GetLatestBlock().BlockNumber))),
        new("starknet_blockHashAndNumber", [], (c, w) => Done(() => WriteHashAndNumber(w, c.Backend.GetLatestBlock()))),
        new("starknet_chainId", [], (c, w) => Done(() => w.WriteFeltValue(c.Backend.ChainId))),
        new("starknet_syncing", [], (c, w) => Done(() => ResultWriter.WriteSyncStatus(w, c.Backend.GetSyncStatus()))),
        new("starknet_getEvents", ["filter"], GetEvents),
        new("starknet_getNonce", ["block_id", "contract_address"], (c, w) => Done(() =>
            w.WriteFeltValue(c.Backend.GetNonce(c.Get(0, ParamReader.BlockId), c.Get(1, ParamReader.Address)).Value))),
        new("starknet_getStorageProof", ["block_id", "class_hashes?", "contract_addresses?", "contracts_storage_keys?"], GetStorageProof),

        new("starknet_addInvokeTransaction", ["invoke_transaction"], (c, w) => AddTransactionAsync(c, w, TransactionType.Invoke, null)),
        new("starknet_addDeclareTransaction", ["declare_transaction"], (c, w) => AddTransactionAsync(c, w, TransactionType.Declare, null)),
        new("starknet_addDeployAccountTransaction", ["deploy_account_transaction"], (c, w) => AddTransactionAsync(c, w, TransactionType.DeployAccount, null)),

        new("starknet_traceTransaction", ["transaction_hash"], (c, w) => Done(() =>
        {
            var t = c.Backend.TraceTransaction(TxHash(c, 0));
            TraceWriter.WriteTrace(w, t.Transaction.Type, t.Receipt);
        })),
        new("starknet_simulateTransactions", ["block_id", "transactions", "simulation_flags"], Simulate),
        new("starknet_traceBlockTransactions", ["block_id", "trace_flags?"], TraceBlock),

        new("starknet_getCompiledCasm", ["class_hash"], (c, w) => Done(() =>
            w.WriteRawValue(c.Backend.GetCompiledCasm(new ClassHash(c.Get(0, ParamReader.Felt))).ToJson(), skipInputValidation: true))),
    ];

    internal static ValueTask Done(Action write)
    {
        write();
        return ValueTask.CompletedTask;
    }

    private static TxHash TxHash(RpcCall c, int i) => new(c.Get(i, ParamReader.Felt));

    private static bool ProofFacts(RpcCall c, int i) =>
        c.Has(i) && c.Get(i, (e, p) => ParamReader.Strings(e, p, TxnResponseFlags)).Length > 0;

    internal static void WriteHashAndNumber(Utf8JsonWriter w, RpcBlockHashAndNumber b)
    {
        w.WriteStartObject();
        w.WriteFelt("block_hash", b.BlockHash);
        w.WriteNumber("block_number", b.BlockNumber);
        w.WriteEndObject();
    }

    private static ValueTask GetStateUpdate(RpcCall c, Utf8JsonWriter w)
    {
        var block = c.Get(0, ParamReader.BlockId);
        HashSet<ContractAddress>? only = c.Has(1) ? [.. c.Get(1, ParamReader.Addresses)] : null;
        var update = c.Backend.GetStateUpdate(block);
        StateDiffWriter.WriteUpdate(w, update, only is null ? null : only.Contains);
        return ValueTask.CompletedTask;
    }

    private static ValueTask GetStorageAt(RpcCall c, Utf8JsonWriter w)
    {
        var address = c.Get(0, ParamReader.Address);
        var key = new StorageKey(c.Get(1, ParamReader.Felt));
        var block = c.Get(2, ParamReader.BlockId);
        var withLast = c.Has(3) && c.Get(3, (e, p) => ParamReader.Strings(e, p, StorageResponseFlags)).Length > 0;
        var value = c.Backend.GetStorageAt(block, address, key);
        if (!withLast)
        {
            w.WriteFeltValue(value.Value);
            return ValueTask.CompletedTask;
        }
        w.WriteStartObject();
        w.WriteFelt("value", value.Value);
        w.WriteNumber("last_update_block", value.LastUpdateBlock);
        w.WriteEndObject();
        return ValueTask.CompletedTask;
    }

    private static ValueTask GetMessagesStatus(RpcCall c, Utf8JsonWriter w)
    {
        var text = c.Get(0, ParamReader.String);
        if (!L1TransactionHash.TryParse(text, out var l1Hash)) throw new RpcParamException($"transaction_hash: '{text}' is not a 0x-hex L1 transaction hash");
        w.WriteStartArray();
        foreach (var s in c.Backend.GetMessagesStatus(l1Hash))
        {
            w.WriteStartObject();
            w.WriteFelt("transaction_hash", s.TransactionHash.Value);
            w.WriteString("finality_status", RpcEnums.Finality(s.Finality));
            w.WriteString("execution_status", RpcEnums.Execution(s.Execution));
            if (s.FailureReason is not null) w.WriteString("failure_reason", s.FailureReason);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        return ValueTask.CompletedTask;
    }

    private static ValueTask Call(RpcCall c, Utf8JsonWriter w)
    {
        var request = c[0];
        if (request.ValueKind != JsonValueKind.Object) throw new RpcParamException($"request: expected a FUNCTION_CALL object, got {ParamReader.Describe(request)}");
        var call = new FunctionCall(
            ParamReader.Address(Field(request, "request", "contract_address"), "request.contract_address"),
            ParamReader.Felt(Field(request, "request", "entry_point_selector"), "request.entry_point_selector"),
            ParamReader.Felts(Field(request, "request", "calldata"), "request.calldata"));
        var result = c.Backend.Call(c.Get(1, ParamReader.BlockId), call);
        w.WriteStartArray();
        foreach (var f in result) w.WriteFeltValue(f);
        w.WriteEndArray();
        return ValueTask.CompletedTask;
    }

    internal static JsonElement Field(JsonElement obj, string path, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : throw new RpcParamException($"{path}.{name}: missing required field");

    internal static Transaction[] Transactions(RpcCall c, int i)
    {
        var list = c[i];
        var name = c.Name(i);
        if (list.ValueKind != JsonValueKind.Array) throw new RpcParamException($"{name}: expected an array of transactions, got {ParamReader.Describe(list)}");
        var result = new Transaction[list.GetArrayLength()];
        var k = 0;
        foreach (var item in list.EnumerateArray())
        {
            result[k] = ParseTransaction(item, $"{name}[{k}]");
            k++;
        }
        return result;
    }

    /// <summary>A BROADCASTED_TXN (INVOKE/DECLARE/DEPLOY_ACCOUNT v3, query versions allowed); a bad one is -32602 naming the field.</summary>
    internal static Transaction ParseTransaction(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new RpcParamException($"{path}: expected a transaction object, got {ParamReader.Describe(e)}");
        try
        {
            return TransactionJson.Parse(e, path, TransactionJsonOptions.Broadcasted);
        }
        catch (JsonInputException x) when (x.Message.Contains("cannot be broadcast", StringComparison.Ordinal) ||
                                           x.Message.Contains("unsupported version", StringComparison.Ordinal))
        {
            throw new RpcBackendException(RpcErrorCode.UnsupportedTxVersion, null, System.Text.Json.Nodes.JsonValue.Create(x.Message));
        }
        catch (JsonInputException x)
        {
            throw new RpcParamException(x.Message);
        }
    }

    private static SimulationFlags Flags(string[] flags)
    {
        var f = SimulationFlags.None;
        foreach (var s in flags)
        {
            f |= s switch
            {
                "SKIP_VALIDATE" => SimulationFlags.SkipValidate,
                "SKIP_FEE_CHARGE" => SimulationFlags.SkipFeeCharge,
                _ => SimulationFlags.ReturnInitialReads,
            };
        }
        return f;
    }

    private static ValueTask EstimateFee(RpcCall c, Utf8JsonWriter w)
    {
        var txs = Transactions(c, 0);
        var flags = Flags(c.Get(1, (e, p) => ParamReader.Strings(e, p, EstimateFlags)));
        var block = c.Get(2, ParamReader.BlockId);
        // An estimate charges nothing: the bounds of the estimated transactions are 0 (as starknet.js sends them).
        var result = c.Backend.Simulate(block, txs, flags | SimulationFlags.SkipFeeCharge);
        for (var i = 0; i < result.Transactions.Count; i++)
        {
            var r = result.Transactions[i].Receipt;
            if (r.Status == ExecutionStatus.Reverted)
                throw RpcBackendException.TransactionExecutionError(i, System.Text.Json.Nodes.JsonValue.Create(r.RevertReason ?? "reverted")!);
        }
        w.WriteStartArray();
        foreach (var s in result.Transactions) ResultWriter.WriteFeeEstimate(w, s.FeeEstimate);
        w.WriteEndArray();
        return ValueTask.CompletedTask;
    }

    private static ValueTask EstimateMessageFee(RpcCall c, Utf8JsonWriter w)
    {
        var m = c[0];
        if (m.ValueKind != JsonValueKind.Object) throw new RpcParamException($"message: expected a MSG_FROM_L1 object, got {ParamReader.Describe(m)}");
        var from = ParamReader.Felt(Field(m, "message", "from_address"), "message.from_address");
        if (from.BitLength > 160) throw new RpcParamException("message.from_address: not an Ethereum address (more than 160 bits)");
        var message = new MessageFromL1(
            from,
            ParamReader.Address(Field(m, "message", "to_address"), "message.to_address"),
            ParamReader.Felt(Field(m, "message", "entry_point_selector"), "message.entry_point_selector"),
            ParamReader.Felts(Field(m, "message", "payload"), "message.payload"));
        ResultWriter.WriteFeeEstimate(w, c.Backend.EstimateMessageFee(c.Get(1, ParamReader.BlockId), message));
        return ValueTask.CompletedTask;
    }

    private static ValueTask GetEvents(RpcCall c, Utf8JsonWriter w)
    {
        var f = c[0];
        if (f.ValueKind != JsonValueKind.Object) throw new RpcParamException($"filter: expected an object, got {ParamReader.Describe(f)}");
        var chunk = ParamReader.UInt64(Field(f, "filter", "chunk_size"), "filter.chunk_size");
        if (chunk == 0) throw new RpcParamException("filter.chunk_size: must be at least 1");
        var filter = new RpcEventFilter
        {
            FromBlock = Optional(f, "from_block", out var from) ? ParamReader.BlockId(from, "filter.from_block") : null,
            ToBlock = Optional(f, "to_block", out var to) ? ParamReader.BlockId(to, "filter.to_block") : null,
            Addresses = Optional(f, "address", out var address) ? ParamReader.Addresses(address, "filter.address") : [],
            Keys = Optional(f, "keys", out var keys) ? ParamReader.Keys(keys, "filter.keys") : [],
            ChunkSize = chunk > int.MaxValue ? throw RpcBackendException.PageSizeTooBig() : (int)chunk,
            ContinuationToken = Optional(f, "continuation_token", out var token) ? ParamReader.String(token, "filter.continuation_token") : null,
        };
        ResultWriter.WriteEventsChunk(w, c.Backend.GetEvents(filter));
        return ValueTask.CompletedTask;
    }

    internal static bool Optional(JsonElement obj, string name, out JsonElement value) =>
        obj.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private static ValueTask GetStorageProof(RpcCall c, Utf8JsonWriter w)
    {
        var block = c.Get(0, ParamReader.BlockId);
        var classes = c.GetOr(1, ParamReader.Felts, []).Select(f => new ClassHash(f)).ToArray();
        var contracts = c.GetOr(2, ParamReader.Felts, []).Select(f => new ContractAddress(f)).ToArray();
        var storage = new List<ContractStorageKeys>();
        if (c.Has(3))
        {
            var list = c[3];
            if (list.ValueKind != JsonValueKind.Array) throw new RpcParamException($"contracts_storage_keys: expected an array, got {ParamReader.Describe(list)}");
            var i = 0;
            foreach (var item in list.EnumerateArray())
            {
                var path = $"contracts_storage_keys[{i++}]";
                if (item.ValueKind != JsonValueKind.Object) throw new RpcParamException($"{path}: expected an object, got {ParamReader.Describe(item)}");
                storage.Add(new ContractStorageKeys(
                    ParamReader.Address(Field(item, path, "contract_address"), path + ".contract_address"),
                    ParamReader.Felts(Field(item, path, "storage_keys"), path + ".storage_keys").Select(k => new StorageKey(k)).ToArray()));
            }
        }
        ResultWriter.WriteStorageProof(w, c.Backend.GetStorageProof(block, classes, contracts, storage));
        return ValueTask.CompletedTask;
    }

    internal static async ValueTask AddTransactionAsync(RpcCall c, Utf8JsonWriter w, TransactionType expected, Cairn.Cairo.Programs.CasmContractClass? casm)
    {
        var tx = ParseTransaction(c[0], c.Name(0));
        if (tx.Type != expected)
            throw new RpcParamException($"{c.Name(0)}.type: expected {RpcEnums.TxType(expected)}, got {RpcEnums.TxType(tx.Type)}");
        if (tx.IsQuery) throw new RpcBackendException(RpcErrorCode.UnsupportedTxVersion, null, System.Text.Json.Nodes.JsonValue.Create("a query version (2^128 + 3) cannot be submitted"));
        if (tx is DeclareTransactionV3 { ContractClass: null })
            throw new RpcParamException($"{c.Name(0)}.contract_class: missing required field");
        var result = await c.Backend.AddTransactionAsync(tx, casm, c.CancellationToken);
        w.WriteStartObject();
        w.WriteFelt("transaction_hash", result.TransactionHash.Value);
        if (expected == TransactionType.Declare) w.WriteFelt("class_hash", (result.ClassHash?.Value) ?? ((DeclareTransactionV3)tx).ClassHash);
        if (expected == TransactionType.DeployAccount) w.WriteFelt("contract_address", result.ContractAddress?.Value ?? Felt.Zero);
        w.WriteEndObject();
    }

    private static ValueTask Simulate(RpcCall c, Utf8JsonWriter w)
    {
        var block = c.Get(0, ParamReader.BlockId);
        var txs = Transactions(c, 1);
        var flags = Flags(c.Get(2, (e, p) => ParamReader.Strings(e, p, SimulateFlags)));
        var result = c.Backend.Simulate(block, txs, flags);
        var withReads = (flags & SimulationFlags.ReturnInitialReads) != 0;
        if (withReads)
        {
            w.WriteStartObject();
            w.WritePropertyName("simulated_transactions");
        }
        w.WriteStartArray();
        foreach (var s in result.Transactions)
        {
            w.WriteStartObject();
            w.WritePropertyName("transaction_trace");
            TraceWriter.WriteTrace(w, s.Transaction.Type, s.Receipt);
            w.WritePropertyName("fee_estimation");
            ResultWriter.WriteFeeEstimate(w, s.FeeEstimate);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (withReads)
        {
            w.WritePropertyName("initial_reads");
            ResultWriter.WriteInitialReads(w, result.InitialReads ?? new RpcInitialReads());
            w.WriteEndObject();
        }
        return ValueTask.CompletedTask;
    }

    private static ValueTask TraceBlock(RpcCall c, Utf8JsonWriter w)
    {
        var block = c.Get(0, ParamReader.BlockId);
        if (block.Kind == BlockIdKind.PreConfirmed) throw new RpcParamException("block_id: traces are not served for the pre_confirmed block");
        var withReads = c.Has(1) && c.Get(1, (e, p) => ParamReader.Strings(e, p, TraceFlags)).Length > 0;
        var traces = c.Backend.TraceBlockTransactions(block);
        if (withReads)
        {
            w.WriteStartObject();
            w.WritePropertyName("traces");
        }
        w.WriteStartArray();
        foreach (var t in traces)
        {
            w.WriteStartObject();
            w.WriteFelt("transaction_hash", t.Hash.Value);
            w.WritePropertyName("trace_root");
            TraceWriter.WriteTrace(w, t.Transaction.Type, t.Receipt);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (withReads)
        {
            // The spec allows an empty object when the node does not have the block's initial reads.
            w.WriteStartObject("initial_reads");
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return ValueTask.CompletedTask;
    }
}
