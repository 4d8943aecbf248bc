using Cairn.Primitives;

namespace Cairn.Execution.Transactions;

/// <summary>DEPLOY_ACCOUNT v1 (RPC <c>DEPLOY_ACCOUNT_TXN_V1</c>; history only).</summary>
public sealed record DeployAccountTransactionV1 : Transaction
{
    public override TransactionType Type => TransactionType.DeployAccount;

    public override int Version => 1;

    public required Felt ClassHash { get; init; }

    public required Felt ContractAddressSalt { get; init; }

    public ReadOnlyMemory<Felt> ConstructorCalldata { get; init; }

    public required Felt MaxFee { get; init; }

    public required Felt Nonce { get; init; }
}
