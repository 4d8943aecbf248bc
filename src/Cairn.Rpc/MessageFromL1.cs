using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Rpc;

/// <summary>RPC <c>MSG_FROM_L1</c> (<c>starknet_estimateMessageFee</c>): <see cref="FromAddress"/> is the 160-bit L1 sender.</summary>
public sealed record MessageFromL1(Felt FromAddress, ContractAddress ToAddress, Felt EntryPointSelector, IReadOnlyList<Felt> Payload);
