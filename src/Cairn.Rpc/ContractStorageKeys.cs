using Cairn.Primitives.Ids;

namespace Cairn.Rpc;

/// <summary>One item of <c>starknet_getStorageProof</c>'s <c>contracts_storage_keys</c>.</summary>
public sealed record ContractStorageKeys(ContractAddress ContractAddress, IReadOnlyList<StorageKey> StorageKeys);
