using Cairn.Primitives;

namespace Cairn.Execution.Transactions;

/// <summary>DEPLOY_ACCOUNT v3 (RPC <c>DEPLOY_ACCOUNT_TXN_V3</c>). The sender is the address being deployed.</summary>
public sealed record DeployAccountTransactionV3 : TransactionV3
{
    public override TransactionType Type => TransactionType.DeployAccount;

    public required Felt ClassHash { get; init; }

    public required Felt ContractAddressSalt { get; init; }

    public ReadOnlyMemory<Felt> ConstructorCalldata { get; init; }
}
