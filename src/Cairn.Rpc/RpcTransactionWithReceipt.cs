using Cairn.Execution.Executor;
using Cairn.Execution.Transactions;
using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Rpc;

/// <summary>
/// An executed transaction where it is: the transaction, its hash, its receipt (status, fee, gas, events,
/// messages; call trees and state diff for traces), its block and position, and its finality.
/// </summary>
public sealed record RpcTransactionWithReceipt
{
    public required TxHash Hash { get; init; }

    public required Transaction Transaction { get; init; }

    public required TransactionReceipt Receipt { get; init; }

    public required RpcFinalityStatus Finality { get; init; }

    public required ulong BlockNumber { get; init; }

    /// <summary>The block hash; null while the block is pre-confirmed.</summary>
    public Felt? BlockHash { get; init; }

    /// <summary>The position in the block.</summary>
    public required int Index { get; init; }
}
