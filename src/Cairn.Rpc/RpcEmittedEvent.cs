using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Rpc;

/// <summary>
/// RPC <c>EMITTED_EVENT</c>: an event with where it was emitted; block hash null in the pre-confirmed block;
/// <see cref="EventIndex"/> counts within the transaction.
/// </summary>
public sealed record RpcEmittedEvent(
    ContractAddress FromAddress,
    IReadOnlyList<Felt> Keys,
    IReadOnlyList<Felt> Data,
    Felt? BlockHash,
    ulong BlockNumber,
    TxHash TransactionHash,
    int TransactionIndex,
    int EventIndex);
