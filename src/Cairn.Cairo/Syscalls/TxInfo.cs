using Cairn.Primitives;

namespace Cairn.Cairo.Syscalls;

/// <summary>
/// The transaction a contract sees through GetExecutionInfo (cairo-vm.md §8.4). For pre-v3
/// transactions the v3 fields are empty or zero.
/// </summary>
public sealed record TxInfo
{
    public Felt Version { get; init; }

    public Felt AccountContractAddress { get; init; }

    public Felt MaxFee { get; init; }

    public IReadOnlyList<Felt> Signature { get; init; } = [];

    public Felt TransactionHash { get; init; }

    public Felt ChainId { get; init; }

    public Felt Nonce { get; init; }

    /// <summary>Resource bounds in the order 'L1_GAS', 'L2_GAS', 'L1_DATA'.</summary>
    public IReadOnlyList<ResourceBound> ResourceBounds { get; init; } = [];

    public Felt Tip { get; init; }

    public IReadOnlyList<Felt> PaymasterData { get; init; } = [];

    public Felt NonceDataAvailabilityMode { get; init; }

    public Felt FeeDataAvailabilityMode { get; init; }

    public IReadOnlyList<Felt> AccountDeploymentData { get; init; } = [];

    public IReadOnlyList<Felt> ProofFacts { get; init; } = [];
}
