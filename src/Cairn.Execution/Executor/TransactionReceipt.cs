using Cairn.Execution.Calls;
using Cairn.Primitives.Ids;

namespace Cairn.Execution.Executor;

/// <summary>
/// What executing an included transaction produced: status and revert reason, events and messages in
/// order (none from a reverted execute phase), the call trees of validation and execution (the trace),
/// and the Sierra gas the calls consumed.
/// </summary>
public sealed record TransactionReceipt(
    TxHash TransactionHash,
    ExecutionStatus Status,
    string? RevertReason,
    IReadOnlyList<ReceiptEvent> Events,
    IReadOnlyList<ReceiptMessage> Messages,
    CallInfo? ValidateCall,
    CallInfo? ExecuteCall,
    ulong GasConsumed);
