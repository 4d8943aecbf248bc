using Cairn.Primitives;

namespace Cairn.Execution.Transactions;

/// <summary>DECLARE v0, v1 or v2 (RPC <c>DECLARE_TXN_V0</c>/<c>_V1</c>/<c>_V2</c>; history only).</summary>
public sealed record DeclareTransactionLegacy : Transaction
{
    private readonly int _version;

    public override TransactionType Type => TransactionType.Declare;

    /// <summary>0, 1 or 2.</summary>
    public override int Version => _version;

    public required int DeclareVersion
    {
        get => _version;
        init => _version = value is >= 0 and <= 2 ? value : throw new ArgumentOutOfRangeException(nameof(value), "a legacy declare is version 0, 1 or 2");
    }

    public required Felt SenderAddress { get; init; }

    public required Felt ClassHash { get; init; }

    public required Felt MaxFee { get; init; }

    /// <summary>The nonce (v1 and v2; v0 has none).</summary>
    public Felt Nonce { get; init; }

    /// <summary>The compiled class hash (v2 only).</summary>
    public Felt CompiledClassHash { get; init; }
}
