using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Rpc;

/// <summary>RPC <c>FUNCTION_CALL</c>: the request of <c>starknet_call</c>.</summary>
public sealed record FunctionCall(ContractAddress ContractAddress, Felt EntryPointSelector, IReadOnlyList<Felt> Calldata);
