namespace Cairn.Execution.Calls;

/// <summary>A call could not run (undeployed contract, undeclared class, VM error): the transaction fails or reverts.</summary>
public sealed class ExecutionException(string message, Exception? inner = null) : Exception(message, inner);
