using System.Text.Json.Nodes;
using Cairn.Execution.Executor;

namespace Cairn.Rpc;

/// <summary>
/// A spec-shaped error from the backend: the RPC answers <c>{code, message, data}</c> as given. Use the factory methods
/// for the common ones (they carry the spec's message). <see cref="Data"/> is any JSON value (a string for
/// VALIDATION_FAILURE, INVALID_TRANSACTION_NONCE, UNEXPECTED_ERROR …, an object for CONTRACT_ERROR and
/// TRANSACTION_EXECUTION_ERROR) or null for none.
/// </summary>
/// <remarks>
/// The RPC also maps, without the backend wrapping them: <see cref="TransactionRejectedException"/> (its
/// <c>Code</c> name → code, its message → data), <see cref="ContractCallException"/> (CONTRACT_ERROR with
/// <c>{revert_error}</c>), <c>JsonInputException</c> (-32602 Invalid params) and anything else (UNEXPECTED_ERROR 63,
/// with the exception's message as data).
/// </remarks>
public sealed class RpcBackendException : Exception
{
    public RpcBackendException(int code, string? message = null, JsonNode? data = null, Exception? inner = null)
        : base(message ?? RpcErrorCode.MessageOf(code), inner)
    {
        Code = code;
        Data = data;
    }

    public int Code { get; }

    /// <summary>The <c>data</c> member (null: omitted).</summary>
    public new JsonNode? Data { get; }

    private static RpcBackendException Of(int code, JsonNode? data = null) => new(code, null, data);

    public static RpcBackendException BlockNotFound() => Of(RpcErrorCode.BlockNotFound);

    public static RpcBackendException NoBlocks() => Of(RpcErrorCode.NoBlocks);

    public static RpcBackendException ContractNotFound() => Of(RpcErrorCode.ContractNotFound);

    public static RpcBackendException ClassHashNotFound() => Of(RpcErrorCode.ClassHashNotFound);

    public static RpcBackendException TxnHashNotFound() => Of(RpcErrorCode.TxnHashNotFound);

    public static RpcBackendException InvalidTxnIndex() => Of(RpcErrorCode.InvalidTxnIndex);

    public static RpcBackendException PageSizeTooBig() => Of(RpcErrorCode.PageSizeTooBig);

    public static RpcBackendException InvalidContinuationToken() => Of(RpcErrorCode.InvalidContinuationToken);

    public static RpcBackendException TooManyKeysInFilter() => Of(RpcErrorCode.TooManyKeysInFilter);

    public static RpcBackendException StorageProofNotSupported() => Of(RpcErrorCode.StorageProofNotSupported);

    /// <summary>NO_TRACE_AVAILABLE with <c>{status: "RECEIVED" | "REJECTED"}</c>.</summary>
    public static RpcBackendException NoTraceAvailable(string status) =>
        Of(RpcErrorCode.NoTraceAvailable, new JsonObject { ["status"] = status });

    /// <summary>CONTRACT_ERROR with <c>{revert_error}</c> (a string or a CONTRACT_EXECUTION_ERROR_INNER object).</summary>
    public static RpcBackendException ContractError(JsonNode revertError) =>
        Of(RpcErrorCode.ContractError, new JsonObject { ["revert_error"] = revertError });

    /// <summary>TRANSACTION_EXECUTION_ERROR with <c>{transaction_index, execution_error}</c>.</summary>
    public static RpcBackendException TransactionExecutionError(int transactionIndex, JsonNode executionError) =>
        Of(RpcErrorCode.TransactionExecutionError, new JsonObject { ["transaction_index"] = transactionIndex, ["execution_error"] = executionError });

    public static RpcBackendException CompiledClassHashMismatch() => Of(RpcErrorCode.CompiledClassHashMismatch);

    public static RpcBackendException CompilationError(string reason) =>
        Of(RpcErrorCode.CompilationError, new JsonObject { ["compilation_error"] = reason });

    public static RpcBackendException UnexpectedError(string reason) => Of(RpcErrorCode.UnexpectedError, JsonValue.Create(reason));

    /// <summary>The error of a gateway/executor rejection: its name's code, the spec message, its text as data.</summary>
    public static RpcBackendException FromRejection(TransactionRejectedException e)
    {
        var code = RpcErrorCode.FromName(e.Code) ?? RpcErrorCode.UnexpectedError;
        return new RpcBackendException(code, null, JsonValue.Create(e.Message), e);
    }
}
