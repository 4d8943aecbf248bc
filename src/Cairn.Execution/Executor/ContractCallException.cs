using Cairn.Primitives;

namespace Cairn.Execution.Executor;

/// <summary>A read-only call failed (panic or execution error): the RPC's CONTRACT_ERROR with its revert reason.</summary>
public sealed class ContractCallException(string message, IReadOnlyList<Felt> panicData, Exception? inner = null) : Exception(message, inner)
{
    public IReadOnlyList<Felt> PanicData { get; } = panicData;
}
