// READY
// CHANGED: Simulate's doc — starknet_estimateFee adds SKIP_FEE_CHARGE to the client's flags (no shape change).
using System.Numerics;
using Cairn.Cairo.Programs;
using Cairn.Execution.Fees;
using Cairn.Execution.Transactions;
using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Rpc;

/// <summary>
/// What the JSON-RPC server needs from a node: chain reads, execution (call, simulate, estimate), the write path,
/// the CASM extension, the dev namespace and the events that feed WebSocket subscriptions. The server does the JSON
/// (parsing params, writing results); the backend speaks Cairn's domain types.
/// </summary>
/// <remarks>
/// <para><b>Errors.</b> Throw <see cref="RpcBackendException"/> (its factory methods carry the spec's codes and
/// messages), or let these through: <c>Cairn.Execution.Executor.TransactionRejectedException</c> (its <c>Code</c> name is
/// mapped to the spec code, e.g. "INVALID_TRANSACTION_NONCE" → 52), <c>ContractCallException</c> (→ CONTRACT_ERROR 40).
/// Anything else becomes UNEXPECTED_ERROR (63) with the exception's message. Every method that takes a
/// <see cref="BlockId"/> throws BLOCK_NOT_FOUND (24) for an unknown block.</para>
/// <para><b>Threading.</b> Methods are called concurrently from request threads. Events may be raised on any thread;
/// handlers only enqueue (they never block), so raise them synchronously.</para>
/// </remarks>
public interface INodeBackend
{
    // ---- chain ----------------------------------------------------------------------------------------------

    /// <summary>The chain id (e.g. <c>'SN_SEPOLIA'</c> as a felt) for <c>starknet_chainId</c> and transaction hashes.</summary>
    Felt ChainId { get; }

    /// <summary><c>starknet_syncing</c>: null when not syncing (the RPC answers <c>false</c>).</summary>
    RpcSyncStatus? GetSyncStatus();

    /// <summary>The latest block accepted on L2 (<c>starknet_blockNumber</c>, <c>blockHashAndNumber</c>); NO_BLOCKS (32) if none.</summary>
    RpcBlockHashAndNumber GetLatestBlock();

    /// <summary>A block's header (cheap: no transactions). For <see cref="BlockIdKind.PreConfirmed"/>, the block being built.</summary>
    RpcBlockHeader GetBlockHeader(BlockId block);

    /// <summary>A block with its transactions and receipts in order (getBlockWithTxHashes / WithTxs / WithReceipts).</summary>
    RpcBlock GetBlock(BlockId block);

    /// <summary><c>starknet_getStateUpdate</c>; for the pre-confirmed block, the diff so far with a null hash and new root.</summary>
    RpcStateUpdate GetStateUpdate(BlockId block);

    // ---- state ----------------------------------------------------------------------------------------------

    /// <summary>A storage value (0 when unset) and its last-update block; CONTRACT_NOT_FOUND (20) for an undeployed address.</summary>
    StorageValue GetStorageAt(BlockId block, ContractAddress contract, StorageKey key);

    /// <summary>An account's nonce; CONTRACT_NOT_FOUND (20) for an undeployed address.</summary>
    Nonce GetNonce(BlockId block, ContractAddress contract);

    /// <summary>The class hash at an address; CONTRACT_NOT_FOUND (20).</summary>
    ClassHash GetClassHashAt(BlockId block, ContractAddress contract);

    /// <summary>A class declared at or before the block; CLASS_HASH_NOT_FOUND (28).</summary>
    RpcContractClass GetClass(BlockId block, ClassHash classHash);

    /// <summary><c>starknet_getCompiledCasm</c>: the CASM of a declared Sierra class; CLASS_HASH_NOT_FOUND (28).</summary>
    CasmContractClass GetCompiledCasm(ClassHash classHash);

    /// <summary>
    /// <c>starknet_getStorageProof</c> (spec §7.7): proofs for the given classes, contracts and storage keys against
    /// the block's roots; STORAGE_PROOF_NOT_SUPPORTED (42) for a block whose tries are gone.
    /// </summary>
    RpcStorageProof GetStorageProof(
        BlockId block,
        IReadOnlyList<ClassHash> classHashes,
        IReadOnlyList<ContractAddress> contractAddresses,
        IReadOnlyList<ContractStorageKeys> contractsStorageKeys);

    // ---- transactions ---------------------------------------------------------------------------------------

    /// <summary>
    /// Any known transaction by hash: executed, or still in the mempool (RECEIVED/CANDIDATE); TXN_HASH_NOT_FOUND (29).
    /// </summary>
    Transaction GetTransactionByHash(TxHash hash);

    /// <summary>The transaction at a position of a block; INVALID_TXN_INDEX (27).</summary>
    RpcTransactionWithReceipt GetTransactionByBlockIdAndIndex(BlockId block, int index);

    /// <summary>An executed transaction with its receipt and place; TXN_HASH_NOT_FOUND (29) while not executed.</summary>
    RpcTransactionWithReceipt GetTransactionReceipt(TxHash hash);

    /// <summary><c>starknet_getTransactionStatus</c>; TXN_HASH_NOT_FOUND (29) for unknown, rejected or evicted transactions.</summary>
    RpcTransactionStatusResult GetTransactionStatus(TxHash hash);

    /// <summary>
    /// <c>starknet_getMessagesStatus</c>: the L1_HANDLER transactions created by an L1 transaction, in order;
    /// TXN_HASH_NOT_FOUND (29) if the L1 transaction is unknown.
    /// </summary>
    IReadOnlyList<RpcMessageStatus> GetMessagesStatus(L1TransactionHash l1TransactionHash);

    /// <summary><c>starknet_getEvents</c>: PAGE_SIZE_TOO_BIG (31), INVALID_CONTINUATION_TOKEN (33), TOO_MANY_KEYS_IN_FILTER (34).</summary>
    RpcEventsChunk GetEvents(RpcEventFilter filter);

    // ---- execution ------------------------------------------------------------------------------------------

    /// <summary>
    /// <c>starknet_call</c>: the return data of a view call on the block's state (the pre-confirmed state for that tag);
    /// CONTRACT_NOT_FOUND (20), ENTRYPOINT_NOT_FOUND (21), CONTRACT_ERROR (40) (a <c>ContractCallException</c> is mapped).
    /// </summary>
    IReadOnlyList<Felt> Call(BlockId block, FunctionCall call);

    /// <summary>
    /// Runs the transactions one after the other on the block's state (each sees the previous ones' effects), without
    /// keeping anything: <c>starknet_simulateTransactions</c> (flags as given) and <c>starknet_estimateFee</c> (its flags
    /// plus <see cref="SimulationFlags.SkipFeeCharge"/>, since estimated transactions carry zero bounds; a REVERTED
    /// result becomes TRANSACTION_EXECUTION_ERROR). Query-version transactions (<see cref="Transaction.IsQuery"/>) with empty
    /// signatures under SKIP_VALIDATE must work. A transaction that cannot be executed (nonce, validation, balance,
    /// undeployed sender…) throws <see cref="RpcBackendException.TransactionExecutionError"/> with its index.
    /// </summary>
    SimulationResult Simulate(BlockId block, IReadOnlyList<Transaction> transactions, SimulationFlags flags);

    /// <summary><c>starknet_estimateMessageFee</c>: the fee (unit WEI) of the L1_HANDLER the message would create.</summary>
    FeeEstimate EstimateMessageFee(BlockId block, MessageFromL1 message);

    /// <summary>
    /// <c>starknet_traceTransaction</c>: the executed transaction whose receipt carries its call trees (ValidateCall,
    /// ExecuteCall, FeeTransferCall) and state diff (re-executed if the stored receipt has none);
    /// TXN_HASH_NOT_FOUND (29), NO_TRACE_AVAILABLE (10).
    /// </summary>
    RpcTransactionWithReceipt TraceTransaction(TxHash hash);

    /// <summary><c>starknet_traceBlockTransactions</c>: every transaction of the block with call trees; not for pre_confirmed.</summary>
    IReadOnlyList<RpcTransactionWithReceipt> TraceBlockTransactions(BlockId block);

    // ---- writes ---------------------------------------------------------------------------------------------

    /// <summary>
    /// <c>starknet_add*Transaction</c>: checks (stateless, then nonce/balance/__validate__) and queues the transaction.
    /// A DECLARE needs its CASM: <paramref name="compiledClass"/> when given (<c>cairn_addDeclareTransaction</c>), else
    /// one stored before by <see cref="AddCompiledClass"/> under the transaction's compiled class hash; none →
    /// COMPILATION_FAILED (56) with a data string telling to use the cairn_ methods; a CASM whose hash differs from the
    /// transaction's → COMPILED_CLASS_HASH_MISMATCH (60). Rejections: <c>TransactionRejectedException</c> or
    /// <see cref="RpcBackendException"/>.
    /// </summary>
    ValueTask<AddTransactionResult> AddTransactionAsync(Transaction transaction, CasmContractClass? compiledClass, CancellationToken cancellationToken);

    /// <summary>
    /// <c>cairn_addCompiledClass</c>: stores a CASM by its compiled class hash (the one the node's Starknet version uses:
    /// v2 Blake from 0.14.1) so that a following <c>starknet_addDeclareTransaction</c> with that compiled class hash
    /// finds it. Returns the hash. Idempotent.
    /// </summary>
    CompiledClassHash AddCompiledClass(CasmContractClass compiledClass);

    // ---- dev namespace --------------------------------------------------------------------------------------

    /// <summary><c>dev_predeployedAccounts</c>: the accounts created at genesis, with their current STRK (fri) balance.</summary>
    IReadOnlyList<PredeployedAccount> GetPredeployedAccounts();

    /// <summary><c>dev_generateBlock</c>: closes the pre-confirmed block now (an empty one if nothing is pending) and returns it.</summary>
    ValueTask<RpcBlockHashAndNumber> GenerateBlockAsync(CancellationToken cancellationToken);

    /// <summary><c>dev_setNextBlockTimestamp</c>: the next block's timestamp (Unix seconds); later blocks continue from it.</summary>
    void SetNextBlockTimestamp(ulong timestamp);

    /// <summary><c>dev_increaseNextBlockTimestamp</c>: moves the clock of the next blocks forward by <paramref name="seconds"/>.</summary>
    void IncreaseNextBlockTimestamp(ulong seconds);

    /// <summary><c>dev_mint</c>: credits <paramref name="amount"/> of STRK (FRI) or ETH (WEI) to an address.</summary>
    ValueTask<MintResult> MintAsync(ContractAddress address, BigInteger amount, FeeUnit unit, CancellationToken cancellationToken);

    // ---- subscriptions --------------------------------------------------------------------------------------

    /// <summary>A block was accepted on L2 (<c>starknet_subscribeNewHeads</c>).</summary>
    event Action<RpcBlockHeader>? NewHead;

    /// <summary>
    /// A transaction was executed into the pre-confirmed block (finality PRE_CONFIRMED), and again when its block was
    /// accepted (ACCEPTED_ON_L2, with the block hash): feeds subscribeNewTransactionReceipts and subscribeEvents.
    /// </summary>
    event Action<RpcTransactionWithReceipt>? NewReceipt;

    /// <summary>
    /// A transaction reached a status: RECEIVED (accepted by the gateway), CANDIDATE, PRE_CONFIRMED, ACCEPTED_ON_L2,
    /// ACCEPTED_ON_L1: feeds subscribeTransactionStatus and subscribeNewTransactions.
    /// </summary>
    event Action<RpcTransactionStatusUpdate>? TransactionStatusChanged;
}
