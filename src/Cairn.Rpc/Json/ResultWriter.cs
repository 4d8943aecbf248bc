using System.Text.Json;
using Cairn.Trie;

namespace Cairn.Rpc.Json;

/// <summary>Writes the smaller result shapes: fee estimates, events chunks, storage proofs, statuses, sync status.</summary>
public static class ResultWriter
{
    /// <summary><c>FEE_ESTIMATE</c> / <c>MESSAGE_FEE_ESTIMATE</c>.</summary>
    public static void WriteFeeEstimate(Utf8JsonWriter w, FeeEstimate f)
    {
        w.WriteStartObject();
        w.WriteHex("l1_gas_consumed", f.Gas.L1Gas);
        w.WriteHex("l1_gas_price", f.L1GasPrice);
        w.WriteHex("l2_gas_consumed", f.Gas.L2Gas);
        w.WriteHex("l2_gas_price", f.L2GasPrice);
        w.WriteHex("l1_data_gas_consumed", f.Gas.L1DataGas);
        w.WriteHex("l1_data_gas_price", f.L1DataGasPrice);
        w.WriteHex("overall_fee", f.OverallFee);
        w.WriteString("unit", RpcEnums.Unit(f.Unit));
        w.WriteEndObject();
    }

    /// <summary>One <c>EMITTED_EVENT</c>; <paramref name="finality"/> adds <c>finality_status</c> (the WS events notification).</summary>
    public static void WriteEmittedEvent(Utf8JsonWriter w, RpcEmittedEvent e, RpcFinalityStatus? finality = null)
    {
        w.WriteStartObject();
        w.WriteFelt("from_address", e.FromAddress.Value);
        w.WriteFelts("keys", e.Keys);
        w.WriteFelts("data", e.Data);
        if (e.BlockHash is { } bh) w.WriteFelt("block_hash", bh);
        w.WriteNumber("block_number", e.BlockNumber);
        w.WriteFelt("transaction_hash", e.TransactionHash.Value);
        w.WriteNumber("transaction_index", e.TransactionIndex);
        w.WriteNumber("event_index", e.EventIndex);
        if (finality is { } f) w.WriteString("finality_status", RpcEnums.Finality(f));
        w.WriteEndObject();
    }

    public static void WriteEventsChunk(Utf8JsonWriter w, RpcEventsChunk chunk)
    {
        w.WriteStartObject();
        w.WriteStartArray("events");
        foreach (var e in chunk.Events) WriteEmittedEvent(w, e);
        w.WriteEndArray();
        if (chunk.ContinuationToken is not null) w.WriteString("continuation_token", chunk.ContinuationToken);
        w.WriteEndObject();
    }

    /// <summary><c>NODE_HASH_TO_NODE_MAPPING</c>.</summary>
    public static void WriteProofNodes(Utf8JsonWriter w, IReadOnlyList<ProofNode> nodes)
    {
        w.WriteStartArray();
        foreach (var n in nodes)
        {
            w.WriteStartObject();
            w.WriteFelt("node_hash", n.NodeHash);
            w.WriteStartObject("node");
            if (n.Kind == ProofNodeKind.Binary)
            {
                w.WriteFelt("left", n.Left);
                w.WriteFelt("right", n.Right);
            }
            else
            {
                w.WriteFelt("path", n.Path);
                w.WriteNumber("length", n.Length);
                w.WriteFelt("child", n.Child);
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    public static void WriteStorageProof(Utf8JsonWriter w, RpcStorageProof p)
    {
        w.WriteStartObject();
        w.WritePropertyName("classes_proof");
        WriteProofNodes(w, p.ClassesProof);
        w.WriteStartObject("contracts_proof");
        w.WritePropertyName("nodes");
        WriteProofNodes(w, p.ContractsProof);
        w.WriteStartArray("contract_leaves_data");
        foreach (var leaf in p.ContractLeavesData)
        {
            w.WriteStartObject();
            w.WriteFelt("nonce", leaf.Nonce);
            w.WriteFelt("class_hash", leaf.ClassHash);
            if (leaf.StorageRoot is { } sr) w.WriteFelt("storage_root", sr);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartArray("contracts_storage_proofs");
        foreach (var nodes in p.ContractsStorageProofs) WriteProofNodes(w, nodes);
        w.WriteEndArray();
        w.WriteStartObject("global_roots");
        w.WriteFelt("contracts_tree_root", p.ContractsTreeRoot);
        w.WriteFelt("classes_tree_root", p.ClassesTreeRoot);
        w.WriteFelt("block_hash", p.BlockHash);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary><c>TXN_STATUS_RESULT</c>.</summary>
    public static void WriteStatus(Utf8JsonWriter w, RpcTransactionStatusResult s)
    {
        w.WriteStartObject();
        w.WriteString("finality_status", RpcEnums.TxStatus(s.Finality));
        if (s.Execution is { } e)
        {
            w.WriteString("execution_status", RpcEnums.Execution(e));
            if (s.FailureReason is not null) w.WriteString("failure_reason", s.FailureReason);
        }
        w.WriteEndObject();
    }

    public static void WriteSyncStatus(Utf8JsonWriter w, RpcSyncStatus? s)
    {
        if (s is null)
        {
            w.WriteBooleanValue(false);
            return;
        }
        w.WriteStartObject();
        w.WriteFelt("starting_block_hash", s.StartingBlockHash);
        w.WriteNumber("starting_block_num", s.StartingBlockNumber);
        w.WriteFelt("current_block_hash", s.CurrentBlockHash);
        w.WriteNumber("current_block_num", s.CurrentBlockNumber);
        w.WriteFelt("highest_block_hash", s.HighestBlockHash);
        w.WriteNumber("highest_block_num", s.HighestBlockNumber);
        w.WriteEndObject();
    }

    public static void WriteInitialReads(Utf8JsonWriter w, RpcInitialReads r)
    {
        w.WriteStartObject();
        w.WriteStartArray("storage");
        foreach (var (address, key, value) in r.Storage)
        {
            w.WriteStartObject();
            w.WriteFelt("contract_address", address.Value);
            w.WriteFelt("key", key.Value);
            w.WriteFelt("value", value);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("nonces");
        foreach (var (address, nonce) in r.Nonces)
        {
            w.WriteStartObject();
            w.WriteFelt("contract_address", address.Value);
            w.WriteFelt("nonce", nonce.Value);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("class_hashes");
        foreach (var (address, classHash) in r.ClassHashes)
        {
            w.WriteStartObject();
            w.WriteFelt("contract_address", address.Value);
            w.WriteFelt("class_hash", classHash.Value);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("declared_contracts");
        foreach (var (classHash, declared) in r.DeclaredContracts)
        {
            w.WriteStartObject();
            w.WriteFelt("class_hash", classHash.Value);
            w.WriteBoolean("is_declared", declared);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
