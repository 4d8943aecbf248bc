namespace Cairn.Execution.Executor;

/// <summary>A included transaction's outcome: its execute phase succeeded, or it reverted (fee and nonce kept, execute-phase state dropped).</summary>
public enum ExecutionStatus
{
    Succeeded,
    Reverted,
}
