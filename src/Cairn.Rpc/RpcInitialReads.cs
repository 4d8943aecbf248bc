using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Rpc;

/// <summary>RPC <c>INITIAL_READS</c> (trace API, with <c>RETURN_INITIAL_READS</c>): the state values a simulation read.</summary>
public sealed record RpcInitialReads
{
    public IReadOnlyList<(ContractAddress Address, StorageKey Key, Felt Value)> Storage { get; init; } = [];

    public IReadOnlyList<(ContractAddress Address, Nonce Nonce)> Nonces { get; init; } = [];

    public IReadOnlyList<(ContractAddress Address, ClassHash ClassHash)> ClassHashes { get; init; } = [];

    public IReadOnlyList<(ClassHash ClassHash, bool IsDeclared)> DeclaredContracts { get; init; } = [];
}
