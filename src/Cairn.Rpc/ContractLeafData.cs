using Cairn.Primitives;

namespace Cairn.Rpc;

/// <summary>One item of <c>contracts_proof.contract_leaves_data</c>: what hashes into a contract's leaf.</summary>
public readonly record struct ContractLeafData(Felt Nonce, Felt ClassHash, Felt? StorageRoot);
