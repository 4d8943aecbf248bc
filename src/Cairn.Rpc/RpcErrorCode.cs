namespace Cairn.Rpc;

/// <summary>
/// The Starknet JSON-RPC 0.10 error codes (starknet.md §10.3) with their spec messages, and the JSON-RPC 2.0 ones.
/// <see cref="FromName"/> maps an error NAME (as in <c>TransactionRejectedException.Code</c>) to its code.
/// </summary>
public static class RpcErrorCode
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;

    public const int FailedToReceiveTxn = 1;
    public const int NoTraceAvailable = 10;
    public const int ContractNotFound = 20;
    public const int EntrypointNotFound = 21;
    public const int BlockNotFound = 24;
    public const int InvalidTxnIndex = 27;
    public const int ClassHashNotFound = 28;
    public const int TxnHashNotFound = 29;
    public const int PageSizeTooBig = 31;
    public const int NoBlocks = 32;
    public const int InvalidContinuationToken = 33;
    public const int TooManyKeysInFilter = 34;
    public const int ContractError = 40;
    public const int TransactionExecutionError = 41;
    public const int StorageProofNotSupported = 42;
    public const int ClassAlreadyDeclared = 51;
    public const int InvalidTransactionNonce = 52;
    public const int InsufficientResourcesForValidate = 53;
    public const int InsufficientAccountBalance = 54;
    public const int ValidationFailure = 55;
    public const int CompilationFailed = 56;
    public const int ContractClassSizeIsTooLarge = 57;
    public const int NonAccount = 58;
    public const int DuplicateTx = 59;
    public const int CompiledClassHashMismatch = 60;
    public const int UnsupportedTxVersion = 61;
    public const int UnsupportedContractClassVersion = 62;
    public const int UnexpectedError = 63;
    public const int ReplacementTransactionUnderpriced = 64;
    public const int FeeBelowMinimum = 65;
    public const int InvalidSubscriptionId = 66;
    public const int TooManyAddressesInFilter = 67;
    public const int TooManyBlocksBack = 68;
    public const int InvalidProof = 69;
    public const int CompilationError = 100;

    private static readonly Dictionary<string, (int Code, string Message)> ByName = new(StringComparer.Ordinal)
    {
        ["FAILED_TO_RECEIVE_TXN"] = (FailedToReceiveTxn, "Failed to write transaction"),
        ["NO_TRACE_AVAILABLE"] = (NoTraceAvailable, "No trace available for transaction"),
        ["CONTRACT_NOT_FOUND"] = (ContractNotFound, "Contract not found"),
        ["ENTRYPOINT_NOT_FOUND"] = (EntrypointNotFound, "Requested entry point does not exist in the contract"),
        ["BLOCK_NOT_FOUND"] = (BlockNotFound, "Block not found"),
        ["INVALID_TXN_INDEX"] = (InvalidTxnIndex, "Invalid transaction index in a block"),
        ["CLASS_HASH_NOT_FOUND"] = (ClassHashNotFound, "Class hash not found"),
        ["TXN_HASH_NOT_FOUND"] = (TxnHashNotFound, "Transaction hash not found"),
        ["PAGE_SIZE_TOO_BIG"] = (PageSizeTooBig, "Requested page size is too big"),
        ["NO_BLOCKS"] = (NoBlocks, "There are no blocks"),
        ["INVALID_CONTINUATION_TOKEN"] = (InvalidContinuationToken, "The supplied continuation token is invalid or unknown"),
        ["TOO_MANY_KEYS_IN_FILTER"] = (TooManyKeysInFilter, "Too many keys provided in a filter"),
        ["CONTRACT_ERROR"] = (ContractError, "Contract error"),
        ["TRANSACTION_EXECUTION_ERROR"] = (TransactionExecutionError, "Transaction execution error"),
        ["STORAGE_PROOF_NOT_SUPPORTED"] = (StorageProofNotSupported, "the node doesn't support storage proofs for blocks that are too far in the past"),
        ["CLASS_ALREADY_DECLARED"] = (ClassAlreadyDeclared, "Class already declared"),
        ["INVALID_TRANSACTION_NONCE"] = (InvalidTransactionNonce, "Invalid transaction nonce"),
        ["INSUFFICIENT_RESOURCES_FOR_VALIDATE"] = (InsufficientResourcesForValidate, "The transaction's resources don't cover validation or the minimal transaction fee"),
        ["INSUFFICIENT_ACCOUNT_BALANCE"] = (InsufficientAccountBalance, "Account balance is smaller than the transaction's maximal fee (calculated as the sum of each resource's limit x max price)"),
        ["VALIDATION_FAILURE"] = (ValidationFailure, "Account validation failed"),
        ["COMPILATION_FAILED"] = (CompilationFailed, "Compilation failed"),
        ["CONTRACT_CLASS_SIZE_IS_TOO_LARGE"] = (ContractClassSizeIsTooLarge, "Contract class size is too large"),
        ["NON_ACCOUNT"] = (NonAccount, "Sender address is not an account contract"),
        ["DUPLICATE_TX"] = (DuplicateTx, "A transaction with the same hash already exists in the mempool"),
        ["COMPILED_CLASS_HASH_MISMATCH"] = (CompiledClassHashMismatch, "the compiled class hash did not match the one supplied in the transaction"),
        ["UNSUPPORTED_TX_VERSION"] = (UnsupportedTxVersion, "the transaction version is not supported"),
        ["UNSUPPORTED_CONTRACT_CLASS_VERSION"] = (UnsupportedContractClassVersion, "the contract class version is not supported"),
        ["UNEXPECTED_ERROR"] = (UnexpectedError, "An unexpected error occurred"),
        ["REPLACEMENT_TRANSACTION_UNDERPRICED"] = (ReplacementTransactionUnderpriced, "Replacement transaction is underpriced"),
        ["FEE_BELOW_MINIMUM"] = (FeeBelowMinimum, "Transaction fee below minimum"),
        ["INVALID_SUBSCRIPTION_ID"] = (InvalidSubscriptionId, "Invalid subscription id"),
        ["TOO_MANY_ADDRESSES_IN_FILTER"] = (TooManyAddressesInFilter, "Too many addresses in filter sender_address filter"),
        ["TOO_MANY_BLOCKS_BACK"] = (TooManyBlocksBack, "Cannot go back more than 1024 blocks"),
        ["INVALID_PROOF"] = (InvalidProof, "The proof field in the invoke v3 transaction is invalid"),
        ["COMPILATION_ERROR"] = (CompilationError, "Failed to compile the contract"),
    };

    private static readonly Dictionary<int, string> MessageByCode = ByName.Values.ToDictionary(v => v.Code, v => v.Message);

    /// <summary>The code of a Starknet error name (e.g. "INVALID_TRANSACTION_NONCE" → 52), or null if unknown.</summary>
    public static int? FromName(string name) => ByName.TryGetValue(name, out var e) ? e.Code : null;

    /// <summary>The spec's message for a Starknet error code (or the JSON-RPC 2.0 one).</summary>
    public static string MessageOf(int code) => code switch
    {
        ParseError => "Parse error",
        InvalidRequest => "Invalid Request",
        MethodNotFound => "Method not found",
        InvalidParams => "Invalid params",
        InternalError => "Internal error",
        _ => MessageByCode.TryGetValue(code, out var m) ? m : "Unknown error",
    };
}
