using Cairn.Crypto.Hashing;
using Cairn.Execution.Transactions;
using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Execution.Hashing;

/// <summary>
/// Transaction hashes (starknet.md §4): Poseidon for v3, the Pedersen chains for L1_HANDLER and the legacy
/// versions. The chain id is the short-string felt (<c>'SN_MAIN'</c> = 0x534e5f4d41494e). A transaction with
/// <see cref="Transaction.IsQuery"/> hashes version 2^128 + v.
/// </summary>
/// <remarks>Source: starkware-libs/sequencer crates/starknet_api/src/transaction_hash.rs.</remarks>
public static class TransactionHasher
{
    public static readonly Felt InvokePrefix = Felt.FromShortString("invoke");
    public static readonly Felt DeclarePrefix = Felt.FromShortString("declare");
    public static readonly Felt DeployAccountPrefix = Felt.FromShortString("deploy_account");
    public static readonly Felt DeployPrefix = Felt.FromShortString("deploy");
    public static readonly Felt L1HandlerPrefix = Felt.FromShortString("l1_handler");

    /// <summary>selector('constructor'), the entry point of a legacy DEPLOY hash.</summary>
    public static readonly Felt ConstructorSelector = StarknetKeccak.Selector("constructor");

    private static readonly ulong L1GasName = Felt.FromShortString("L1_GAS").ToUInt64();
    private static readonly ulong L2GasName = Felt.FromShortString("L2_GAS").ToUInt64();
    private static readonly ulong L1DataName = Felt.FromShortString("L1_DATA").ToUInt64();

    /// <summary>The hash of any supported transaction.</summary>
    public static TxHash Compute(Transaction tx, Felt chainId) => new(tx switch
    {
        InvokeTransactionV3 t => InvokeV3(t, chainId),
        DeclareTransactionV3 t => DeclareV3(t, chainId),
        DeployAccountTransactionV3 t => DeployAccountV3(t, chainId),
        L1HandlerTransaction t => L1Handler(t, chainId),
        InvokeTransactionV1 t => InvokeV1(t, chainId),
        InvokeTransactionV0 t => InvokeV0(t, chainId),
        DeclareTransactionLegacy t => DeclareLegacy(t, chainId),
        DeployAccountTransactionV1 t => DeployAccountV1(t, chainId),
        DeployTransaction t => Deploy(t, chainId),
        _ => throw new ArgumentException($"no hash is defined for {tx.GetType().Name}", nameof(tx)),
    });

    // ---- v3 (Poseidon) --------------------------------------------------------------------------

    /// <summary>
    /// <c>poseidon_many([tip, bound(L1_GAS), bound(L2_GAS), bound(L1_DATA)])</c>; the last bound only when present.
    /// </summary>
    public static Felt TipAndResourceBoundsHash(ulong tip, ResourceBoundsMapping bounds)
    {
        var l1 = BoundWord(L1GasName, bounds.L1Gas);
        var l2 = BoundWord(L2GasName, bounds.L2Gas);
        return bounds.L1DataGas is { } data
            ? Poseidon.HashMany([Felt.FromUInt64(tip), l1, l2, BoundWord(L1DataName, data)])
            : Poseidon.HashMany([Felt.FromUInt64(tip), l1, l2]);
    }

    /// <summary>SNIP-8 packing: <c>name &lt;&lt; 192 + max_amount &lt;&lt; 128 + max_price_per_unit</c>.</summary>
    public static Felt BoundWord(ulong name, ResourceBounds bounds) =>
        Felt.FromLimbs((ulong)bounds.MaxPricePerUnit, (ulong)(bounds.MaxPricePerUnit >> 64), bounds.MaxAmount, name);

    /// <summary><c>(nonce_da_mode &lt;&lt; 32) + fee_da_mode</c>.</summary>
    public static Felt DataAvailabilityModes(DataAvailabilityMode nonceMode, DataAvailabilityMode feeMode) =>
        Felt.FromUInt64(((ulong)nonceMode << 32) + (ulong)feeMode);

    public static Felt InvokeV3(InvokeTransactionV3 tx, Felt chainId)
    {
        var tipRb = TipAndResourceBoundsHash(tx.Tip, tx.ResourceBounds);
        var paymaster = Poseidon.HashMany(tx.PaymasterData.Span);
        var da = DataAvailabilityModes(tx.NonceDataAvailabilityMode, tx.FeeDataAvailabilityMode);
        var deployment = Poseidon.HashMany(tx.AccountDeploymentData.Span);
        var calldata = Poseidon.HashMany(tx.Calldata.Span);
        if (tx.ProofFacts.IsEmpty)
        {
            return Poseidon.HashMany([InvokePrefix, tx.HashVersion, tx.SenderAddress, tipRb, paymaster, chainId, tx.Nonce, da, deployment, calldata]);
        }
        var proofFacts = Poseidon.HashMany(tx.ProofFacts.Span);
        return Poseidon.HashMany([InvokePrefix, tx.HashVersion, tx.SenderAddress, tipRb, paymaster, chainId, tx.Nonce, da, deployment, calldata, proofFacts]);
    }

    public static Felt DeclareV3(DeclareTransactionV3 tx, Felt chainId)
    {
        var tipRb = TipAndResourceBoundsHash(tx.Tip, tx.ResourceBounds);
        var paymaster = Poseidon.HashMany(tx.PaymasterData.Span);
        var da = DataAvailabilityModes(tx.NonceDataAvailabilityMode, tx.FeeDataAvailabilityMode);
        var deployment = Poseidon.HashMany(tx.AccountDeploymentData.Span);
        return Poseidon.HashMany([DeclarePrefix, tx.HashVersion, tx.SenderAddress, tipRb, paymaster, chainId, tx.Nonce, da, deployment,
            tx.ClassHash, tx.CompiledClassHash]);
    }

    public static Felt DeployAccountV3(DeployAccountTransactionV3 tx, Felt chainId)
    {
        var address = ContractAddressCalculator.Compute(tx.ContractAddressSalt, tx.ClassHash, tx.ConstructorCalldata.Span, Felt.Zero).Value;
        var tipRb = TipAndResourceBoundsHash(tx.Tip, tx.ResourceBounds);
        var paymaster = Poseidon.HashMany(tx.PaymasterData.Span);
        var da = DataAvailabilityModes(tx.NonceDataAvailabilityMode, tx.FeeDataAvailabilityMode);
        var calldata = Poseidon.HashMany(tx.ConstructorCalldata.Span);
        return Poseidon.HashMany([DeployAccountPrefix, tx.HashVersion, address, tipRb, paymaster, chainId, tx.Nonce, da, calldata,
            tx.ClassHash, tx.ContractAddressSalt]);
    }

    // ---- Pedersen forms -------------------------------------------------------------------------

    /// <summary>
    /// <c>pedersen_array(['l1_handler', 0, contract_address, selector, pedersen_array(calldata), 0, chain_id, nonce])</c>.
    /// L1_HANDLER has no query form; <see cref="Transaction.IsQuery"/> is ignored.
    /// </summary>
    public static Felt L1Handler(L1HandlerTransaction tx, Felt chainId) =>
        Pedersen.HashArray([L1HandlerPrefix, Felt.Zero, tx.ContractAddress, tx.EntryPointSelector, Pedersen.HashArray(tx.Calldata.Span),
            Felt.Zero, chainId, tx.Nonce]);

    public static Felt InvokeV0(InvokeTransactionV0 tx, Felt chainId) =>
        Pedersen.HashArray([InvokePrefix, tx.HashVersion, tx.ContractAddress, tx.EntryPointSelector, Pedersen.HashArray(tx.Calldata.Span),
            tx.MaxFee, chainId]);

    public static Felt InvokeV1(InvokeTransactionV1 tx, Felt chainId) =>
        Pedersen.HashArray([InvokePrefix, tx.HashVersion, tx.SenderAddress, Felt.Zero, Pedersen.HashArray(tx.Calldata.Span),
            tx.MaxFee, chainId, tx.Nonce]);

    /// <summary>
    /// v0: <c>[declare, 0, sender, 0, pedersen_array([]), max_fee, chain_id, class_hash]</c>;
    /// v1: <c>[declare, 1, sender, 0, pedersen_array([class_hash]), max_fee, chain_id, nonce]</c>;
    /// v2: as v1 followed by compiled_class_hash.
    /// </summary>
    public static Felt DeclareLegacy(DeclareTransactionLegacy tx, Felt chainId)
    {
        if (tx.Version == 0)
        {
            return Pedersen.HashArray([DeclarePrefix, tx.HashVersion, tx.SenderAddress, Felt.Zero, Pedersen.HashArray([]),
                tx.MaxFee, chainId, tx.ClassHash]);
        }
        var classHashes = Pedersen.HashArray([tx.ClassHash]);
        return tx.Version == 1
            ? Pedersen.HashArray([DeclarePrefix, tx.HashVersion, tx.SenderAddress, Felt.Zero, classHashes, tx.MaxFee, chainId, tx.Nonce])
            : Pedersen.HashArray([DeclarePrefix, tx.HashVersion, tx.SenderAddress, Felt.Zero, classHashes, tx.MaxFee, chainId, tx.Nonce,
                tx.CompiledClassHash]);
    }

    /// <summary><c>[deploy_account, 1, address, 0, pedersen_array([class_hash, salt, …calldata]), max_fee, chain_id, nonce]</c>.</summary>
    public static Felt DeployAccountV1(DeployAccountTransactionV1 tx, Felt chainId)
    {
        var address = ContractAddressCalculator.Compute(tx.ContractAddressSalt, tx.ClassHash, tx.ConstructorCalldata.Span, Felt.Zero).Value;
        var calldata = PedersenArray(tx.ClassHash, tx.ContractAddressSalt, tx.ConstructorCalldata.Span);
        return Pedersen.HashArray([DeployAccountPrefix, tx.HashVersion, address, Felt.Zero, calldata, tx.MaxFee, chainId, tx.Nonce]);
    }

    /// <summary><c>[deploy, version, address, selector('constructor'), pedersen_array(calldata), 0, chain_id]</c>.</summary>
    public static Felt Deploy(DeployTransaction tx, Felt chainId)
    {
        var address = ContractAddressCalculator.Compute(tx.ContractAddressSalt, tx.ClassHash, tx.ConstructorCalldata.Span, Felt.Zero).Value;
        return Pedersen.HashArray([DeployPrefix, tx.HashVersion, address, ConstructorSelector, Pedersen.HashArray(tx.ConstructorCalldata.Span),
            Felt.Zero, chainId]);
    }

    /// <summary>pedersen_array([a, b, …rest]) without building the joined array.</summary>
    private static Felt PedersenArray(Felt a, Felt b, ReadOnlySpan<Felt> rest)
    {
        var acc = Pedersen.Hash(Pedersen.Hash(Felt.Zero, a), b);
        foreach (var x in rest) acc = Pedersen.Hash(acc, x);
        return Pedersen.Hash(acc, Felt.FromUInt64((ulong)(rest.Length + 2)));
    }
}
