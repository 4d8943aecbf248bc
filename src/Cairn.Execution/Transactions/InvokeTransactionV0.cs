using Cairn.Primitives;

namespace Cairn.Execution.Transactions;

/// <summary>INVOKE v0 (RPC <c>INVOKE_TXN_V0</c>; history only).</summary>
public sealed record InvokeTransactionV0 : Transaction
{
    public override TransactionType Type => TransactionType.Invoke;

    public override int Version => 0;

    public required Felt ContractAddress { get; init; }

    public required Felt EntryPointSelector { get; init; }

    public ReadOnlyMemory<Felt> Calldata { get; init; }

    public required Felt MaxFee { get; init; }
}
