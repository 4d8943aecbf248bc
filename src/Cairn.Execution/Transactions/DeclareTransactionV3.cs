using Cairn.Execution.Classes;
using Cairn.Primitives;

namespace Cairn.Execution.Transactions;

/// <summary>
/// DECLARE v3 (RPC <c>DECLARE_TXN_V3</c>, or <c>BROADCASTED_DECLARE_TXN_V3</c> when it carries the class).
/// </summary>
public sealed record DeclareTransactionV3 : TransactionV3
{
    public override TransactionType Type => TransactionType.Declare;

    public required Felt SenderAddress { get; init; }

    /// <summary>The Sierra class hash (computed from <see cref="ContractClass"/> when the request carries the class).</summary>
    public required Felt ClassHash { get; init; }

    public required Felt CompiledClassHash { get; init; }

    public ReadOnlyMemory<Felt> AccountDeploymentData { get; init; }

    /// <summary>The declared class, when the transaction is the broadcasted form.</summary>
    public SierraContractClass? ContractClass { get; init; }
}
