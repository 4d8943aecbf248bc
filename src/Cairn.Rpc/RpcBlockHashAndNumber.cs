using Cairn.Primitives;

namespace Cairn.Rpc;

/// <summary>A block's number and hash (<c>starknet_blockHashAndNumber</c>, <c>dev_generateBlock</c>).</summary>
public readonly record struct RpcBlockHashAndNumber(ulong BlockNumber, Felt BlockHash);
