using Cairn.Primitives;

namespace Cairn.Rpc;

/// <summary>RPC <c>SYNC_STATUS</c> (<c>starknet_syncing</c> returns <c>false</c> when the backend returns null).</summary>
public sealed record RpcSyncStatus(
    Felt StartingBlockHash,
    ulong StartingBlockNumber,
    Felt CurrentBlockHash,
    ulong CurrentBlockNumber,
    Felt HighestBlockHash,
    ulong HighestBlockNumber);
