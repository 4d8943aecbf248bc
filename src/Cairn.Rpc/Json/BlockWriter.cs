using System.Text.Json;

namespace Cairn.Rpc.Json;

/// <summary>
/// Writes block headers (<c>BLOCK_HEADER</c> / <c>PRE_CONFIRMED_BLOCK_HEADER</c>) and blocks
/// (<c>BLOCK_WITH_TX_HASHES</c>/<c>_TXS</c>/<c>_RECEIPTS</c> and their pre-confirmed variants, which have no status).
/// </summary>
public static class BlockWriter
{
    /// <summary>The header object (the newHeads notification shape).</summary>
    public static void WriteHeader(Utf8JsonWriter w, RpcBlockHeader h)
    {
        w.WriteStartObject();
        WriteHeaderFields(w, h);
        w.WriteEndObject();
    }

    public static void WriteHeaderFields(Utf8JsonWriter w, RpcBlockHeader h)
    {
        if (!h.IsPreConfirmed)
        {
            w.WriteFelt("block_hash", h.Hash);
            w.WriteFelt("parent_hash", h.ParentHash);
        }
        w.WriteNumber("block_number", h.Number);
        if (!h.IsPreConfirmed) w.WriteFelt("new_root", h.NewRoot);
        w.WriteNumber("timestamp", h.Timestamp);
        w.WriteFelt("sequencer_address", h.SequencerAddress);
        WritePrice(w, "l1_gas_price", h.L1GasPrice);
        WritePrice(w, "l2_gas_price", h.L2GasPrice);
        WritePrice(w, "l1_data_gas_price", h.L1DataGasPrice);
        w.WriteString("l1_da_mode", RpcEnums.L1DaMode(h.L1DaMode));
        w.WriteString("starknet_version", h.StarknetVersion);
        if (h.IsPreConfirmed) return;
        w.WriteFelt("event_commitment", h.EventCommitment);
        w.WriteFelt("transaction_commitment", h.TransactionCommitment);
        w.WriteFelt("receipt_commitment", h.ReceiptCommitment);
        w.WriteFelt("state_diff_commitment", h.StateDiffCommitment);
        w.WriteNumber("event_count", h.EventCount);
        w.WriteNumber("transaction_count", h.TransactionCount);
        w.WriteNumber("state_diff_length", h.StateDiffLength);
    }

    private static void WritePrice(Utf8JsonWriter w, string name, ResourcePrice p)
    {
        w.WriteStartObject(name);
        w.WriteHex("price_in_fri", p.PriceInFri);
        w.WriteHex("price_in_wei", p.PriceInWei);
        w.WriteEndObject();
    }

    public static void WriteBlock(Utf8JsonWriter w, RpcBlock block, BlockBody body, bool includeProofFacts)
    {
        w.WriteStartObject();
        if (!block.Header.IsPreConfirmed) w.WriteString("status", RpcEnums.BlockStatus(block.Header.Status));
        WriteHeaderFields(w, block.Header);
        w.WriteStartArray("transactions");
        foreach (var t in block.Transactions)
        {
            switch (body)
            {
                case BlockBody.TxHashes:
                    w.WriteFeltValue(t.Hash.Value);
                    break;
                case BlockBody.Txs:
                    TransactionWriter.Write(w, t.Transaction, t.Hash, includeProofFacts);
                    break;
                default:
                    w.WriteStartObject();
                    w.WritePropertyName("transaction");
                    TransactionWriter.Write(w, t.Transaction, null, includeProofFacts);
                    w.WritePropertyName("receipt");
                    ReceiptWriter.Write(w, t, withBlockInfo: false);
                    w.WriteEndObject();
                    break;
            }
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
