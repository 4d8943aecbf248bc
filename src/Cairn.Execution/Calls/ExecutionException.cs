namespace Cairn.Execution.Calls;

/// <summary>A call could not run (undeployed contract, undeclared class, VM error): the transaction fails or reverts.</summary>
public sealed class ExecutionException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The class has no entry point with the requested selector (an inner call then fails with 'ENTRYPOINT_NOT_FOUND').</summary>
    public bool IsEntryPointNotFound { get; init; }
}
