using Cairn.Execution.Transactions;
using Cairn.Primitives;

namespace Cairn.Chain.Storage;

/// <summary>
/// Binary form of a transaction: format byte, kind tag, flags (bit 0: query), signature, then the kind's fields in
/// declaration order. A DECLARE's class body and an INVOKE's proof bytes are not stored (the class lives in the class
/// store; the proof is not part of the transaction's stored form).
/// </summary>
internal static class TransactionCodec
{
    private const byte InvokeV0 = 1, InvokeV1 = 2, InvokeV3 = 3, DeclareLegacy = 4, DeclareV3 = 5, DeployAccountV1 = 6,
        DeployAccountV3 = 7, L1Handler = 8, Deploy = 9;

    public static void Write(ByteWriter w, Transaction tx)
    {
        w.Byte(tx switch
        {
            InvokeTransactionV0 => InvokeV0,
            InvokeTransactionV1 => InvokeV1,
            InvokeTransactionV3 => InvokeV3,
            DeclareTransactionLegacy => DeclareLegacy,
            DeclareTransactionV3 => DeclareV3,
            DeployAccountTransactionV1 => DeployAccountV1,
            DeployAccountTransactionV3 => DeployAccountV3,
            L1HandlerTransaction => L1Handler,
            DeployTransaction => Deploy,
            _ => throw new ArgumentException($"cannot store a {tx.GetType().Name}", nameof(tx)),
        });
        w.Byte(tx.IsQuery ? (byte)1 : (byte)0);
        w.Felts(tx.Signature.Span);
        switch (tx)
        {
            case InvokeTransactionV0 t:
                w.Felt(t.ContractAddress);
                w.Felt(t.EntryPointSelector);
                w.Felts(t.Calldata.Span);
                w.Felt(t.MaxFee);
                break;
            case InvokeTransactionV1 t:
                w.Felt(t.SenderAddress);
                w.Felts(t.Calldata.Span);
                w.Felt(t.MaxFee);
                w.Felt(t.Nonce);
                break;
            case InvokeTransactionV3 t:
                WriteV3(w, t);
                w.Felt(t.SenderAddress);
                w.Felts(t.Calldata.Span);
                w.Felts(t.AccountDeploymentData.Span);
                w.Felts(t.ProofFacts.Span);
                break;
            case DeclareTransactionLegacy t:
                w.Byte((byte)t.DeclareVersion);
                w.Felt(t.SenderAddress);
                w.Felt(t.ClassHash);
                w.Felt(t.MaxFee);
                w.Felt(t.Nonce);
                w.Felt(t.CompiledClassHash);
                break;
            case DeclareTransactionV3 t:
                WriteV3(w, t);
                w.Felt(t.SenderAddress);
                w.Felt(t.ClassHash);
                w.Felt(t.CompiledClassHash);
                w.Felts(t.AccountDeploymentData.Span);
                break;
            case DeployAccountTransactionV1 t:
                w.Felt(t.ClassHash);
                w.Felt(t.ContractAddressSalt);
                w.Felts(t.ConstructorCalldata.Span);
                w.Felt(t.MaxFee);
                w.Felt(t.Nonce);
                break;
            case DeployAccountTransactionV3 t:
                WriteV3(w, t);
                w.Felt(t.ClassHash);
                w.Felt(t.ContractAddressSalt);
                w.Felts(t.ConstructorCalldata.Span);
                break;
            case L1HandlerTransaction t:
                w.Felt(t.ContractAddress);
                w.Felt(t.EntryPointSelector);
                w.Felts(t.Calldata.Span);
                w.Felt(t.Nonce);
                break;
            case DeployTransaction t:
                w.Byte((byte)t.DeployVersion);
                w.Felt(t.ClassHash);
                w.Felt(t.ContractAddressSalt);
                w.Felts(t.ConstructorCalldata.Span);
                break;
        }
    }

    public static Transaction Read(ref ByteReader r)
    {
        var tag = r.Byte();
        var query = (r.Byte() & 1) != 0;
        var signature = r.Felts();
        Transaction tx;
        switch (tag)
        {
            case InvokeV0:
                tx = new InvokeTransactionV0 { ContractAddress = r.Felt(), EntryPointSelector = r.Felt(), Calldata = r.Felts(), MaxFee = r.Felt() };
                break;
            case InvokeV1:
                tx = new InvokeTransactionV1 { SenderAddress = r.Felt(), Calldata = r.Felts(), MaxFee = r.Felt(), Nonce = r.Felt() };
                break;
            case InvokeV3:
            {
                var v3 = ReadV3(ref r);
                tx = new InvokeTransactionV3
                {
                    Nonce = v3.Nonce, ResourceBounds = v3.Bounds, Tip = v3.Tip, PaymasterData = v3.Paymaster,
                    NonceDataAvailabilityMode = v3.NonceMode, FeeDataAvailabilityMode = v3.FeeMode,
                    SenderAddress = r.Felt(), Calldata = r.Felts(), AccountDeploymentData = r.Felts(), ProofFacts = r.Felts(),
                };
                break;
            }

            case DeclareLegacy:
                tx = new DeclareTransactionLegacy
                {
                    DeclareVersion = r.Byte(), SenderAddress = r.Felt(), ClassHash = r.Felt(), MaxFee = r.Felt(), Nonce = r.Felt(),
                    CompiledClassHash = r.Felt(),
                };
                break;
            case DeclareV3:
            {
                var v3 = ReadV3(ref r);
                tx = new DeclareTransactionV3
                {
                    Nonce = v3.Nonce, ResourceBounds = v3.Bounds, Tip = v3.Tip, PaymasterData = v3.Paymaster,
                    NonceDataAvailabilityMode = v3.NonceMode, FeeDataAvailabilityMode = v3.FeeMode,
                    SenderAddress = r.Felt(), ClassHash = r.Felt(), CompiledClassHash = r.Felt(), AccountDeploymentData = r.Felts(),
                };
                break;
            }

            case DeployAccountV1:
                tx = new DeployAccountTransactionV1
                {
                    ClassHash = r.Felt(), ContractAddressSalt = r.Felt(), ConstructorCalldata = r.Felts(), MaxFee = r.Felt(), Nonce = r.Felt(),
                };
                break;
            case DeployAccountV3:
            {
                var v3 = ReadV3(ref r);
                tx = new DeployAccountTransactionV3
                {
                    Nonce = v3.Nonce, ResourceBounds = v3.Bounds, Tip = v3.Tip, PaymasterData = v3.Paymaster,
                    NonceDataAvailabilityMode = v3.NonceMode, FeeDataAvailabilityMode = v3.FeeMode,
                    ClassHash = r.Felt(), ContractAddressSalt = r.Felt(), ConstructorCalldata = r.Felts(),
                };
                break;
            }

            case L1Handler:
                tx = new L1HandlerTransaction { ContractAddress = r.Felt(), EntryPointSelector = r.Felt(), Calldata = r.Felts(), Nonce = r.Felt() };
                break;
            case Deploy:
                tx = new DeployTransaction { DeployVersion = r.Byte(), ClassHash = r.Felt(), ContractAddressSalt = r.Felt(), ConstructorCalldata = r.Felts() };
                break;
            default:
                throw new InvalidDataException($"chain store: unknown transaction tag {tag}");
        }

        return tx with { IsQuery = query, Signature = signature };
    }

    private static void WriteV3(ByteWriter w, TransactionV3 t)
    {
        w.Felt(t.Nonce);
        WriteBounds(w, t.ResourceBounds.L1Gas);
        WriteBounds(w, t.ResourceBounds.L2Gas);
        w.Bool(t.ResourceBounds.L1DataGas is not null);
        if (t.ResourceBounds.L1DataGas is { } data) WriteBounds(w, data);
        w.VarUInt(t.Tip);
        w.Felts(t.PaymasterData.Span);
        w.Byte((byte)(((int)t.NonceDataAvailabilityMode << 1) | (int)t.FeeDataAvailabilityMode));
    }

    private static void WriteBounds(ByteWriter w, ResourceBounds b)
    {
        w.VarUInt(b.MaxAmount);
        w.UInt128(b.MaxPricePerUnit);
    }

    private static ResourceBounds ReadBounds(ref ByteReader r) => new(r.VarUInt(), r.UInt128());

    private static V3Fields ReadV3(ref ByteReader r)
    {
        var nonce = r.Felt();
        var l1 = ReadBounds(ref r);
        var l2 = ReadBounds(ref r);
        ResourceBounds? data = r.Bool() ? ReadBounds(ref r) : null;
        var tip = r.VarUInt();
        var paymaster = r.Felts();
        var modes = r.Byte();
        return new V3Fields(nonce, new ResourceBoundsMapping(l1, l2, data), tip, paymaster,
            (DataAvailabilityMode)((modes >> 1) & 1), (DataAvailabilityMode)(modes & 1));
    }

    private readonly record struct V3Fields(
        Felt Nonce, ResourceBoundsMapping Bounds, ulong Tip, Felt[] Paymaster, DataAvailabilityMode NonceMode, DataAvailabilityMode FeeMode);
}
