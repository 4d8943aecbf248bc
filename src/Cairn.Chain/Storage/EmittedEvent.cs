using Cairn.Execution.Executor;
using Cairn.Primitives.Ids;

namespace Cairn.Chain.Storage;

/// <summary>An event with where it was emitted (RPC <c>EMITTED_EVENT</c>); <see cref="EventIndex"/> counts within the transaction.</summary>
public sealed record EmittedEvent(
    ReceiptEvent Event,
    ulong BlockNumber,
    BlockHash BlockHash,
    TxHash TransactionHash,
    int TransactionIndex,
    int EventIndex);
