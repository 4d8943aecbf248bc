using System.Text.Json;
using Cairn.Execution.Transactions;
using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Rpc.Json;

/// <summary>
/// Writes transactions in the RPC 0.10 shapes (<c>TXN</c> / <c>TXN_WITH_HASH</c>; every type and version), and the
/// broadcasted form (with the Sierra class of a DECLARE) that <c>TransactionJson.Parse</c> reads back.
/// </summary>
public static class TransactionWriter
{
    /// <summary>
    /// One transaction object. <paramref name="hash"/> adds <c>transaction_hash</c> (TXN_WITH_HASH);
    /// <paramref name="includeProofFacts"/> writes INVOKE v3's <c>proof_facts</c> (response flag INCLUDE_PROOF_FACTS);
    /// <paramref name="broadcasted"/> writes a DECLARE v3's <c>contract_class</c> (when it has one) and INVOKE v3's
    /// <c>proof_facts</c>/<c>proof</c> when set. <paramref name="extraFields"/> adds members at the end (e.g. the WS
    /// notification's <c>finality_status</c>).
    /// </summary>
    public static void Write(
        Utf8JsonWriter w, Transaction tx, TxHash? hash = null, bool includeProofFacts = false, bool broadcasted = false, Action<Utf8JsonWriter>? extraFields = null)
    {
        w.WriteStartObject();
        if (hash is { } h) w.WriteFelt("transaction_hash", h.Value);
        w.WriteString("type", RpcEnums.TxType(tx.Type));
        w.WriteFelt("version", tx.HashVersion);
        switch (tx)
        {
            case InvokeTransactionV3 t:
                w.WriteFelt("sender_address", t.SenderAddress);
                w.WriteFelts("calldata", t.Calldata.Span);
                WriteV3Common(w, t);
                w.WriteFelts("account_deployment_data", t.AccountDeploymentData.Span);
                if (includeProofFacts || (broadcasted && !t.ProofFacts.IsEmpty)) w.WriteFelts("proof_facts", t.ProofFacts.Span);
                if (broadcasted && t.Proof is not null) w.WriteString("proof", t.Proof);
                break;
            case DeclareTransactionV3 t:
                w.WriteFelt("sender_address", t.SenderAddress);
                w.WriteFelt("class_hash", t.ClassHash);
                w.WriteFelt("compiled_class_hash", t.CompiledClassHash);
                WriteV3Common(w, t);
                w.WriteFelts("account_deployment_data", t.AccountDeploymentData.Span);
                if (broadcasted && t.ContractClass is not null)
                {
                    w.WritePropertyName("contract_class");
                    ClassWriter.WriteSierra(w, t.ContractClass);
                }
                break;
            case DeployAccountTransactionV3 t:
                w.WriteFelt("class_hash", t.ClassHash);
                w.WriteFelt("contract_address_salt", t.ContractAddressSalt);
                w.WriteFelts("constructor_calldata", t.ConstructorCalldata.Span);
                WriteV3Common(w, t);
                break;
            case InvokeTransactionV0 t:
                w.WriteFelt("contract_address", t.ContractAddress);
                w.WriteFelt("entry_point_selector", t.EntryPointSelector);
                w.WriteFelts("calldata", t.Calldata.Span);
                w.WriteFelt("max_fee", t.MaxFee);
                w.WriteFelts("signature", t.Signature.Span);
                break;
            case InvokeTransactionV1 t:
                w.WriteFelt("sender_address", t.SenderAddress);
                w.WriteFelts("calldata", t.Calldata.Span);
                w.WriteFelt("max_fee", t.MaxFee);
                w.WriteFelt("nonce", t.Nonce);
                w.WriteFelts("signature", t.Signature.Span);
                break;
            case DeclareTransactionLegacy t:
                w.WriteFelt("sender_address", t.SenderAddress);
                w.WriteFelt("class_hash", t.ClassHash);
                w.WriteFelt("max_fee", t.MaxFee);
                if (t.Version >= 1) w.WriteFelt("nonce", t.Nonce);
                if (t.Version == 2) w.WriteFelt("compiled_class_hash", t.CompiledClassHash);
                w.WriteFelts("signature", t.Signature.Span);
                break;
            case DeployAccountTransactionV1 t:
                w.WriteFelt("class_hash", t.ClassHash);
                w.WriteFelt("contract_address_salt", t.ContractAddressSalt);
                w.WriteFelts("constructor_calldata", t.ConstructorCalldata.Span);
                w.WriteFelt("max_fee", t.MaxFee);
                w.WriteFelt("nonce", t.Nonce);
                w.WriteFelts("signature", t.Signature.Span);
                break;
            case L1HandlerTransaction t:
                w.WriteFelt("contract_address", t.ContractAddress);
                w.WriteFelt("entry_point_selector", t.EntryPointSelector);
                w.WriteFelts("calldata", t.Calldata.Span);
                w.WriteFelt("nonce", t.Nonce);
                break;
            case DeployTransaction t:
                w.WriteFelt("class_hash", t.ClassHash);
                w.WriteFelt("contract_address_salt", t.ContractAddressSalt);
                w.WriteFelts("constructor_calldata", t.ConstructorCalldata.Span);
                break;
            default:
                throw new ArgumentException($"no RPC shape for {tx.GetType().Name}", nameof(tx));
        }
        extraFields?.Invoke(w);
        w.WriteEndObject();
    }

    private static void WriteV3Common(Utf8JsonWriter w, TransactionV3 t)
    {
        w.WriteFelt("nonce", t.Nonce);
        w.WriteStartObject("resource_bounds");
        WriteBounds(w, "l1_gas", t.ResourceBounds.L1Gas);
        WriteBounds(w, "l1_data_gas", t.ResourceBounds.L1DataGas ?? ResourceBounds.Zero);
        WriteBounds(w, "l2_gas", t.ResourceBounds.L2Gas);
        w.WriteEndObject();
        w.WriteHex("tip", t.Tip);
        w.WriteFelts("paymaster_data", t.PaymasterData.Span);
        w.WriteString("nonce_data_availability_mode", RpcEnums.DaMode(t.NonceDataAvailabilityMode));
        w.WriteString("fee_data_availability_mode", RpcEnums.DaMode(t.FeeDataAvailabilityMode));
        w.WriteFelts("signature", t.Signature.Span);
    }

    private static void WriteBounds(Utf8JsonWriter w, string name, ResourceBounds b)
    {
        w.WriteStartObject(name);
        w.WriteHex("max_amount", b.MaxAmount);
        w.WriteHex("max_price_per_unit", b.MaxPricePerUnit);
        w.WriteEndObject();
    }

    /// <summary>The transaction as a broadcasted JSON string (for clients and tests).</summary>
    public static string ToJson(Transaction tx, bool broadcasted = true)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer)) Write(w, tx, null, false, broadcasted);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
