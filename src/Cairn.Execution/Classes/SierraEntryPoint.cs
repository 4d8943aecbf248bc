using Cairn.Primitives;

namespace Cairn.Execution.Classes;

/// <summary>An entry point of a Sierra class (RPC <c>SIERRA_ENTRY_POINT</c>).</summary>
public readonly record struct SierraEntryPoint(Felt Selector, ulong FunctionIdx);
