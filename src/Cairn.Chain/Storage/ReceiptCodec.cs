using Cairn.Execution.Fees;
using Cairn.Execution.Executor;
using Cairn.Execution.Transactions;
using Cairn.Primitives.Ids;

namespace Cairn.Chain.Storage;

/// <summary>
/// Binary form of a receipt: hash, type, fee (amount, unit), status and revert reason, events (from, keys, data),
/// messages (from, to, payload), gas (three varints), optional contract address, optional 32-byte L1 message hash.
/// </summary>
internal static class ReceiptCodec
{
    public static void Write(ByteWriter w, Receipt receipt)
    {
        w.Felt(receipt.TransactionHash.Value);
        w.Byte((byte)(receipt.Type switch
        {
            TransactionType.Invoke => 0,
            TransactionType.Declare => 1,
            TransactionType.DeployAccount => 2,
            TransactionType.L1Handler => 3,
            TransactionType.Deploy => 4,
            _ => throw new ArgumentException($"unknown transaction type {receipt.Type}", nameof(receipt)),
        }));
        w.Felt(receipt.ActualFee.Amount);
        w.Byte((byte)receipt.ActualFee.Unit);
        w.Byte(receipt.ExecutionStatus == ExecutionStatus.Reverted ? (byte)1 : (byte)0);
        w.NullableString(receipt.RevertReason);
        w.VarUInt((ulong)receipt.Events.Count);
        foreach (var e in receipt.Events)
        {
            w.Felt(e.FromAddress.Value);
            w.Felts(e.Keys);
            w.Felts(e.Data);
        }

        w.VarUInt((ulong)receipt.Messages.Count);
        foreach (var m in receipt.Messages)
        {
            w.Felt(m.FromAddress.Value);
            w.Felt(m.ToAddress);
            w.Felts(m.Payload);
        }

        w.VarUInt(receipt.ExecutionResources.L1Gas);
        w.VarUInt(receipt.ExecutionResources.L1DataGas);
        w.VarUInt(receipt.ExecutionResources.L2Gas);
        w.Bool(receipt.ContractAddress is not null);
        if (receipt.ContractAddress is { } address) w.Felt(address.Value);
        w.Bool(receipt.L1MessageHash is not null);
        if (receipt.L1MessageHash is { } hash) w.Bytes(hash);
    }

    public static Receipt Read(ref ByteReader r)
    {
        var hash = new TxHash(r.Felt());
        var type = r.Byte() switch
        {
            0 => TransactionType.Invoke,
            1 => TransactionType.Declare,
            2 => TransactionType.DeployAccount,
            3 => TransactionType.L1Handler,
            4 => TransactionType.Deploy,
            var b => throw new InvalidDataException($"chain store: unknown transaction type {b}"),
        };
        var fee = new FeePayment(r.Felt(), r.Byte() switch
        {
            0 => FeeUnit.Wei,
            1 => FeeUnit.Fri,
            var b => throw new InvalidDataException($"chain store: unknown price unit {b}"),
        });
        var status = r.Bool() ? ExecutionStatus.Reverted : ExecutionStatus.Succeeded;
        var reason = r.NullableString();
        var events = new ReceiptEvent[r.Count()];
        for (var i = 0; i < events.Length; i++) events[i] = new ReceiptEvent(new ContractAddress(r.Felt()), r.Felts(), r.Felts());
        var messages = new ReceiptMessage[r.Count()];
        for (var i = 0; i < messages.Length; i++) messages[i] = new ReceiptMessage(new ContractAddress(r.Felt()), r.Felt(), r.Felts());
        var gas = new GasVector(r.VarUInt(), r.VarUInt(), r.VarUInt());
        ContractAddress? address = r.Bool() ? new ContractAddress(r.Felt()) : null;
        var messageHash = r.Bool() ? r.Bytes() : null;
        return new Receipt
        {
            TransactionHash = hash,
            Type = type,
            ActualFee = fee,
            ExecutionStatus = status,
            RevertReason = reason,
            Events = events,
            Messages = messages,
            ExecutionResources = gas,
            ContractAddress = address,
            L1MessageHash = messageHash,
        };
    }
}
