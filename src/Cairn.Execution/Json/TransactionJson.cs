using System.Text.Json;
using Cairn.Execution.Classes;
using Cairn.Execution.Hashing;
using Cairn.Execution.Transactions;
using Cairn.Primitives;

namespace Cairn.Execution.Json;

/// <summary>
/// Reads transactions in the JSON-RPC 0.10 shapes (<c>BROADCASTED_INVOKE_TXN</c>, <c>BROADCASTED_DECLARE_TXN_V3</c>,
/// <c>DEPLOY_ACCOUNT_TXN_V3</c>, and with <see cref="TransactionJsonOptions.AllowLegacy"/> the older
/// <c>*_TXN_V0/V1/V2</c>, <c>L1_HANDLER_TXN</c> and <c>DEPLOY_TXN</c>). Errors are
/// <see cref="JsonInputException"/>s naming the bad field. Unknown fields are ignored.
/// </summary>
public static class TransactionJson
{
    public static Transaction Parse(ReadOnlySpan<byte> utf8Json, TransactionJsonOptions? options = null)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(utf8Json.ToArray(), new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            throw new JsonInputException("", $"not valid JSON: {e.Message}", e);
        }
        using (doc) return Parse(doc.RootElement, "", options);
    }

    public static Transaction Parse(string json, TransactionJsonOptions? options = null) =>
        Parse(System.Text.Encoding.UTF8.GetBytes(json), options);

    /// <summary>Reads a transaction object; <paramref name="path"/> prefixes the field names in errors.</summary>
    public static Transaction Parse(JsonElement element, string path, TransactionJsonOptions? options = null)
    {
        options ??= TransactionJsonOptions.Broadcasted;
        var f = JsonFields.Of(element, path);
        var type = f.String("type");
        var (version, query) = ParseVersion(f);
        var kind = type switch
        {
            "INVOKE" => TransactionType.Invoke,
            "DECLARE" => TransactionType.Declare,
            "DEPLOY_ACCOUNT" => TransactionType.DeployAccount,
            "L1_HANDLER" => TransactionType.L1Handler,
            "DEPLOY" => TransactionType.Deploy,
            _ => throw new JsonInputException(f.Child("type"), $"unknown transaction type '{type}' (INVOKE, DECLARE, DEPLOY_ACCOUNT, L1_HANDLER or DEPLOY)"),
        };
        bool legacy = version != 3 || kind is TransactionType.L1Handler or TransactionType.Deploy;
        if (legacy && !options.AllowLegacy)
        {
            string what = kind is TransactionType.L1Handler or TransactionType.Deploy ? type : $"{type} version {version}";
            throw new JsonInputException(kind is TransactionType.L1Handler or TransactionType.Deploy ? f.Child("type") : f.Child("version"),
                $"{what} cannot be broadcast; RPC 0.10 accepts only INVOKE, DECLARE and DEPLOY_ACCOUNT version 0x3");
        }
        if (query && kind is TransactionType.L1Handler or TransactionType.Deploy)
            throw new JsonInputException(f.Child("version"), $"{type} has no query version");

        Transaction tx = (kind, version) switch
        {
            (TransactionType.Invoke, 3) => new InvokeTransactionV3
            {
                SenderAddress = f.Felt("sender_address"),
                Calldata = f.Felts("calldata"),
                AccountDeploymentData = f.Felts("account_deployment_data"),
                ProofFacts = f.OptionalFelts("proof_facts"),
                Proof = f.OptionalString("proof"),
                Nonce = f.Felt("nonce"),
                ResourceBounds = ResourceBounds(f, options),
                Tip = f.U64("tip"),
                PaymasterData = f.Felts("paymaster_data"),
                NonceDataAvailabilityMode = DaMode(f, "nonce_data_availability_mode"),
                FeeDataAvailabilityMode = DaMode(f, "fee_data_availability_mode"),
            },
            (TransactionType.Declare, 3) => DeclareV3(f, options),
            (TransactionType.DeployAccount, 3) => new DeployAccountTransactionV3
            {
                ClassHash = f.Felt("class_hash"),
                ContractAddressSalt = f.Felt("contract_address_salt"),
                ConstructorCalldata = f.Felts("constructor_calldata"),
                Nonce = f.Felt("nonce"),
                ResourceBounds = ResourceBounds(f, options),
                Tip = f.U64("tip"),
                PaymasterData = f.Felts("paymaster_data"),
                NonceDataAvailabilityMode = DaMode(f, "nonce_data_availability_mode"),
                FeeDataAvailabilityMode = DaMode(f, "fee_data_availability_mode"),
            },
            (TransactionType.Invoke, 0) => new InvokeTransactionV0
            {
                ContractAddress = f.Felt("contract_address"),
                EntryPointSelector = f.Felt("entry_point_selector"),
                Calldata = f.Felts("calldata"),
                MaxFee = f.Felt("max_fee"),
            },
            (TransactionType.Invoke, 1) => new InvokeTransactionV1
            {
                SenderAddress = f.Felt("sender_address"),
                Calldata = f.Felts("calldata"),
                MaxFee = f.Felt("max_fee"),
                Nonce = f.Felt("nonce"),
            },
            (TransactionType.Declare, <= 2) => new DeclareTransactionLegacy
            {
                DeclareVersion = version,
                SenderAddress = f.Felt("sender_address"),
                ClassHash = f.Felt("class_hash"),
                MaxFee = f.Felt("max_fee"),
                Nonce = version == 0 ? f.OptionalFelt("nonce") : f.Felt("nonce"),
                CompiledClassHash = version == 2 ? f.Felt("compiled_class_hash") : Felt.Zero,
            },
            (TransactionType.DeployAccount, 1) => new DeployAccountTransactionV1
            {
                ClassHash = f.Felt("class_hash"),
                ContractAddressSalt = f.Felt("contract_address_salt"),
                ConstructorCalldata = f.Felts("constructor_calldata"),
                MaxFee = f.Felt("max_fee"),
                Nonce = f.Felt("nonce"),
            },
            (TransactionType.L1Handler, 0) => new L1HandlerTransaction
            {
                ContractAddress = f.Felt("contract_address"),
                EntryPointSelector = f.Felt("entry_point_selector"),
                Calldata = f.Felts("calldata"),
                Nonce = f.Felt("nonce"),
            },
            (TransactionType.Deploy, <= 1) => new DeployTransaction
            {
                DeployVersion = version,
                ClassHash = f.Felt("class_hash"),
                ContractAddressSalt = f.Felt("contract_address_salt"),
                ConstructorCalldata = f.Felts("constructor_calldata"),
            },
            _ => throw new JsonInputException(f.Child("version"), $"{type} has no version {version}"),
        };
        var signature = kind is TransactionType.L1Handler or TransactionType.Deploy ? f.OptionalFelts("signature") : f.Felts("signature");
        return tx with { IsQuery = query, Signature = signature };
    }

    /// <summary>The version field: v or 2^128 + v (query), with v in 0..3.</summary>
    private static (int Version, bool Query) ParseVersion(JsonFields f)
    {
        var v = f.Felt("version");
        bool query = false;
        if (v >= Transaction.QueryVersionBase)
        {
            v -= Transaction.QueryVersionBase;
            query = true;
        }
        if (!v.TryToUInt64(out var n) || n > 3)
            throw new JsonInputException(f.Child("version"), $"unsupported version {f.String("version")} (0x0 to 0x3, or 2^128 plus that for a query)");
        return ((int)n, query);
    }

    private static DeclareTransactionV3 DeclareV3(JsonFields f, TransactionJsonOptions options)
    {
        SierraContractClass? contractClass = null;
        Felt classHash;
        if (f.Has("contract_class"))
        {
            contractClass = SierraContractClass.Parse(f.Required("contract_class"), f.Child("contract_class"));
            classHash = SierraClassHash.Compute(contractClass).Value;
            if (f.Has("class_hash") && f.Felt("class_hash") != classHash)
                throw new JsonInputException(f.Child("class_hash"), $"{f.Felt("class_hash")} is not the hash of contract_class ({classHash})");
        }
        else
        {
            if (!f.Has("class_hash")) throw new JsonInputException(f.Child("contract_class"), "missing required field (or give class_hash)");
            classHash = f.Felt("class_hash");
        }
        return new DeclareTransactionV3
        {
            SenderAddress = f.Felt("sender_address"),
            ClassHash = classHash,
            CompiledClassHash = f.Felt("compiled_class_hash"),
            ContractClass = contractClass,
            AccountDeploymentData = f.Felts("account_deployment_data"),
            Nonce = f.Felt("nonce"),
            ResourceBounds = ResourceBounds(f, options),
            Tip = f.U64("tip"),
            PaymasterData = f.Felts("paymaster_data"),
            NonceDataAvailabilityMode = DaMode(f, "nonce_data_availability_mode"),
            FeeDataAvailabilityMode = DaMode(f, "fee_data_availability_mode"),
        };
    }

    private static ResourceBoundsMapping ResourceBounds(JsonFields f, TransactionJsonOptions options)
    {
        var rb = f.Object("resource_bounds");
        Transactions.ResourceBounds? data = null;
        if (rb.Has("l1_data_gas") || !options.AllowMissingL1DataGas) data = Bounds(rb.Object("l1_data_gas"));
        return new ResourceBoundsMapping(Bounds(rb.Object("l1_gas")), Bounds(rb.Object("l2_gas")), data);
    }

    private static ResourceBounds Bounds(JsonFields b) => new(b.U64("max_amount"), b.U128("max_price_per_unit"));

    private static DataAvailabilityMode DaMode(JsonFields f, string name) => f.String(name) switch
    {
        "L1" => DataAvailabilityMode.L1,
        "L2" => DataAvailabilityMode.L2,
        var other => throw new JsonInputException(f.Child(name), $"'{other}' is not a DA mode (L1 or L2)"),
    };
}
