using Cairn.Primitives;
using Cairn.Trie;

namespace Cairn.Rpc;

/// <summary>The result of <c>starknet_getStorageProof</c> (spec §7.7).</summary>
public sealed record RpcStorageProof
{
    public required IReadOnlyList<ProofNode> ClassesProof { get; init; }

    public required IReadOnlyList<ProofNode> ContractsProof { get; init; }

    /// <summary>One per requested contract address, in request order.</summary>
    public required IReadOnlyList<ContractLeafData> ContractLeavesData { get; init; }

    /// <summary>One node list per <c>contracts_storage_keys</c> item, in request order.</summary>
    public required IReadOnlyList<IReadOnlyList<ProofNode>> ContractsStorageProofs { get; init; }

    public required Felt ContractsTreeRoot { get; init; }

    public required Felt ClassesTreeRoot { get; init; }

    public required Felt BlockHash { get; init; }
}
