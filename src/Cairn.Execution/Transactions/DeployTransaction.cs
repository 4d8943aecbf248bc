using Cairn.Primitives;

namespace Cairn.Execution.Transactions;

/// <summary>DEPLOY (RPC <c>DEPLOY_TXN</c>; deprecated, history only). Its hash uses the version it carries.</summary>
public sealed record DeployTransaction : Transaction
{
    private readonly int _version;

    public override TransactionType Type => TransactionType.Deploy;

    public override int Version => _version;

    /// <summary>The version field (0 or 1 on mainnet).</summary>
    public int DeployVersion
    {
        get => _version;
        init => _version = value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), "a deploy is version 0 or 1");
    }

    public required Felt ClassHash { get; init; }

    public required Felt ContractAddressSalt { get; init; }

    public ReadOnlyMemory<Felt> ConstructorCalldata { get; init; }
}
