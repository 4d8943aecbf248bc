using Cairn.Primitives;

namespace Cairn.Execution.Transactions;

/// <summary>INVOKE v3 (RPC <c>INVOKE_TXN_V3</c> / <c>BROADCASTED_INVOKE_TXN</c>).</summary>
public sealed record InvokeTransactionV3 : TransactionV3
{
    public override TransactionType Type => TransactionType.Invoke;

    public required Felt SenderAddress { get; init; }

    public ReadOnlyMemory<Felt> Calldata { get; init; }

    public ReadOnlyMemory<Felt> AccountDeploymentData { get; init; }

    /// <summary>Client-side proving facts (RPC 0.10.1+); they enter the hash only when non-empty.</summary>
    public ReadOnlyMemory<Felt> ProofFacts { get; init; }

    /// <summary>The optional proof bytes (base64 on the wire); not part of the hash.</summary>
    public string? Proof { get; init; }
}
