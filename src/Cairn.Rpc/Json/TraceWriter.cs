using System.Text.Json;
using Cairn.Execution.Calls;
using Cairn.Execution.Executor;
using Cairn.Execution.Transactions;

namespace Cairn.Rpc.Json;

/// <summary>
/// Writes traces (trace API): <c>TRANSACTION_TRACE</c> per type from a receipt's call trees, and
/// <c>FUNCTION_INVOCATION</c> from a <see cref="CallInfo"/>.
/// </summary>
public static class TraceWriter
{
    public static void WriteTrace(Utf8JsonWriter w, TransactionType type, TransactionReceipt r)
    {
        w.WriteStartObject();
        w.WriteString("type", RpcEnums.TxType(type));
        switch (type)
        {
            case TransactionType.Invoke:
                WriteOptional(w, "validate_invocation", r.ValidateCall);
                WriteRevertible(w, "execute_invocation", r);
                WriteOptional(w, "fee_transfer_invocation", r.FeeTransferCall);
                break;
            case TransactionType.Declare:
                WriteOptional(w, "validate_invocation", r.ValidateCall);
                WriteOptional(w, "fee_transfer_invocation", r.FeeTransferCall);
                break;
            case TransactionType.DeployAccount:
            case TransactionType.Deploy:
                WriteOptional(w, "validate_invocation", r.ValidateCall);
                w.WritePropertyName("constructor_invocation");
                if (r.ExecuteCall is not null) WriteInvocation(w, r.ExecuteCall);
                else WriteEmptyInvocation(w);
                WriteOptional(w, "fee_transfer_invocation", r.FeeTransferCall);
                break;
            case TransactionType.L1Handler:
                WriteRevertible(w, "function_invocation", r);
                break;
        }
        w.WritePropertyName("state_diff");
        StateDiffWriter.Write(w, r.StateDiff);
        w.WriteStartObject("execution_resources");
        w.WriteNumber("l1_gas", r.Gas.L1Gas);
        w.WriteNumber("l1_data_gas", r.Gas.L1DataGas);
        w.WriteNumber("l2_gas", r.Gas.L2Gas);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, CallInfo? call)
    {
        if (call is null) return;
        w.WritePropertyName(name);
        WriteInvocation(w, call);
    }

    /// <summary><c>REVERTIBLE_FUNCTION_INVOCATION</c>: the call tree, or <c>{revert_reason}</c> when the transaction reverted.</summary>
    private static void WriteRevertible(Utf8JsonWriter w, string name, TransactionReceipt r)
    {
        w.WritePropertyName(name);
        if (r.Status == ExecutionStatus.Reverted || r.ExecuteCall is null)
        {
            w.WriteStartObject();
            w.WriteString("revert_reason", r.RevertReason ?? "");
            w.WriteEndObject();
            return;
        }
        WriteInvocation(w, r.ExecuteCall);
    }

    /// <summary>One <c>FUNCTION_INVOCATION</c> and its nested calls.</summary>
    public static void WriteInvocation(Utf8JsonWriter w, CallInfo c)
    {
        var q = c.Request;
        w.WriteStartObject();
        w.WriteFelt("contract_address", q.StorageAddress.Value);
        w.WriteFelt("entry_point_selector", q.Selector);
        w.WriteFelts("calldata", q.Calldata);
        w.WriteFelt("caller_address", q.Caller.Value);
        w.WriteFelt("class_hash", c.ClassHash.Value);
        w.WriteString("entry_point_type", RpcEnums.EntryPoint(q.EntryPointType));
        w.WriteString("call_type", RpcEnums.Call(q.CallType));
        w.WriteFelts("result", c.Retdata);
        w.WriteStartArray("calls");
        foreach (var inner in c.InnerCalls) WriteInvocation(w, inner);
        w.WriteEndArray();
        w.WriteStartArray("events");
        foreach (var e in c.Events)
        {
            w.WriteStartObject();
            w.WriteNumber("order", e.Order);
            w.WriteFelts("keys", e.Keys);
            w.WriteFelts("data", e.Data);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("messages");
        foreach (var m in c.Messages)
        {
            w.WriteStartObject();
            w.WriteNumber("order", m.Order);
            w.WriteFelt("from_address", q.StorageAddress.Value);
            w.WriteFelt("to_address", m.ToAddress);
            w.WriteFelts("payload", m.Payload);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("execution_resources");
        w.WriteNumber("l1_gas", 0);
        w.WriteNumber("l2_gas", c.GasConsumed);
        w.WriteEndObject();
        w.WriteBoolean("is_reverted", c.Failed);
        w.WriteEndObject();
    }

    /// <summary>A constructor invocation for a deployment whose class has no constructor (nothing ran).</summary>
    private static void WriteEmptyInvocation(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("contract_address", "0x0");
        w.WriteString("entry_point_selector", "0x0");
        w.WriteStartArray("calldata");
        w.WriteEndArray();
        w.WriteString("caller_address", "0x0");
        w.WriteString("class_hash", "0x0");
        w.WriteString("entry_point_type", "CONSTRUCTOR");
        w.WriteString("call_type", "CALL");
        foreach (var name in (string[])["result", "calls", "events", "messages"])
        {
            w.WriteStartArray(name);
            w.WriteEndArray();
        }
        w.WriteStartObject("execution_resources");
        w.WriteNumber("l1_gas", 0);
        w.WriteNumber("l2_gas", 0);
        w.WriteEndObject();
        w.WriteBoolean("is_reverted", false);
        w.WriteEndObject();
    }
}
