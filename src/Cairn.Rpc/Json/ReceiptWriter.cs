using System.Text.Json;
using Cairn.Crypto.Hashing;
using Cairn.Execution.Executor;
using Cairn.Execution.Transactions;
using Cairn.Primitives;

namespace Cairn.Rpc.Json;

/// <summary>
/// Writes receipts (RPC <c>TXN_RECEIPT</c> per type, or <c>TXN_RECEIPT_WITH_BLOCK_INFO</c>): fee, statuses, events,
/// messages, execution resources, and the type's extra field (<c>contract_address</c> for DEPLOY_ACCOUNT/DEPLOY,
/// <c>message_hash</c> for L1_HANDLER).
/// </summary>
public static class ReceiptWriter
{
    public static void Write(Utf8JsonWriter w, RpcTransactionWithReceipt t, bool withBlockInfo)
    {
        var r = t.Receipt;
        w.WriteStartObject();
        w.WriteString("type", RpcEnums.TxType(t.Transaction.Type));
        w.WriteFelt("transaction_hash", t.Hash.Value);
        w.WriteStartObject("actual_fee");
        w.WriteFelt("amount", Felt.FromUInt128(r.ActualFee));
        w.WriteString("unit", RpcEnums.Unit(r.FeeUnit));
        w.WriteEndObject();
        w.WriteString("execution_status", RpcEnums.Execution(r.Status));
        if (r.Status == ExecutionStatus.Reverted) w.WriteString("revert_reason", r.RevertReason ?? "");
        w.WriteString("finality_status", RpcEnums.Finality(t.Finality));
        if (withBlockInfo)
        {
            if (t.BlockHash is { } bh) w.WriteFelt("block_hash", bh);
            w.WriteNumber("block_number", t.BlockNumber);
        }
        w.WriteStartArray("messages_sent");
        foreach (var m in r.Messages)
        {
            w.WriteStartObject();
            w.WriteFelt("from_address", m.FromAddress.Value);
            w.WriteFelt("to_address", m.ToAddress);
            w.WriteFelts("payload", m.Payload);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("events");
        foreach (var e in r.Events)
        {
            w.WriteStartObject();
            w.WriteFelt("from_address", e.FromAddress.Value);
            w.WriteFelts("keys", e.Keys);
            w.WriteFelts("data", e.Data);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("execution_resources");
        w.WriteNumber("l1_gas", r.Gas.L1Gas);
        w.WriteNumber("l1_data_gas", r.Gas.L1DataGas);
        w.WriteNumber("l2_gas", r.Gas.L2Gas);
        w.WriteEndObject();
        switch (t.Transaction)
        {
            case DeployAccountTransactionV3 or DeployAccountTransactionV1 or DeployTransaction:
                w.WriteFelt("contract_address", r.ContractAddress?.Value ?? Felt.Zero);
                break;
            case L1HandlerTransaction l1:
                w.WritePropertyName("message_hash");
                WriteHash256(w, L1ToL2MessageHash(l1));
                break;
        }
        w.WriteEndObject();
    }

    /// <summary>keccak256(from ‖ to ‖ nonce ‖ selector ‖ payload.length ‖ payload…) over 32-byte words (spec §5).</summary>
    public static byte[] L1ToL2MessageHash(L1HandlerTransaction tx)
    {
        var calldata = tx.Calldata.Span;
        var payloadLength = Math.Max(0, calldata.Length - 1);
        var words = new byte[(5 + payloadLength) * 32];
        var from = calldata.Length > 0 ? calldata[0] : Felt.Zero;
        from.WriteBytesBE(words.AsSpan(0, 32));
        tx.ContractAddress.WriteBytesBE(words.AsSpan(32, 32));
        tx.Nonce.WriteBytesBE(words.AsSpan(64, 32));
        tx.EntryPointSelector.WriteBytesBE(words.AsSpan(96, 32));
        Felt.FromUInt64((ulong)payloadLength).WriteBytesBE(words.AsSpan(128, 32));
        for (var i = 0; i < payloadLength; i++) calldata[i + 1].WriteBytesBE(words.AsSpan(160 + i * 32, 32));
        return Keccak256.Hash(words);
    }

    /// <summary>A 256-bit big-endian value as 0x hex without leading zeros (NUM_AS_HEX).</summary>
    public static void WriteHash256(Utf8JsonWriter w, ReadOnlySpan<byte> bigEndian32)
    {
        var hex = Convert.ToHexStringLower(bigEndian32).TrimStart('0');
        w.WriteStringValue("0x" + (hex.Length == 0 ? "0" : hex));
    }
}
