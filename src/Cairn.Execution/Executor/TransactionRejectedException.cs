namespace Cairn.Execution.Executor;

/// <summary>
/// The transaction cannot be included (bad nonce, validation failed, undeployed account …): nothing it
/// did is kept. <see cref="Code"/> names the Starknet error (e.g. INVALID_TRANSACTION_NONCE, VALIDATION_FAILURE).
/// </summary>
public sealed class TransactionRejectedException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Code { get; } = code;
}
