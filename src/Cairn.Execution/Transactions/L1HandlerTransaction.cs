using Cairn.Primitives;

namespace Cairn.Execution.Transactions;

/// <summary>
/// L1_HANDLER (RPC <c>L1_HANDLER_TXN</c>, version 0): the L2 side of an L1→L2 message.
/// <see cref="Calldata"/> starts with the L1 sender; <see cref="Nonce"/> is the L1 message nonce.
/// </summary>
public sealed record L1HandlerTransaction : Transaction
{
    public override TransactionType Type => TransactionType.L1Handler;

    public override int Version => 0;

    public required Felt ContractAddress { get; init; }

    public required Felt EntryPointSelector { get; init; }

    public ReadOnlyMemory<Felt> Calldata { get; init; }

    public required Felt Nonce { get; init; }
}
