using Cairn.Primitives;

namespace Cairn.State;

/// <summary>The roots of the state after a block.</summary>
public readonly record struct StateRoots(Felt ContractsRoot, Felt ClassesRoot, Felt GlobalRoot);
