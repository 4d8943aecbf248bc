using Cairn.Primitives;

namespace Cairn.Execution.Transactions;

/// <summary>INVOKE v1 (RPC <c>INVOKE_TXN_V1</c>; history only).</summary>
public sealed record InvokeTransactionV1 : Transaction
{
    public override TransactionType Type => TransactionType.Invoke;

    public override int Version => 1;

    public required Felt SenderAddress { get; init; }

    public ReadOnlyMemory<Felt> Calldata { get; init; }

    public required Felt MaxFee { get; init; }

    public required Felt Nonce { get; init; }
}
