using Cairn.Cairo.Builder;

namespace Cairn.Execution.SystemContracts;

/// <summary>A <c>Span&lt;felt252&gt;</c> at run time: cells holding its start and end addresses (same segment).</summary>
public readonly record struct FeltSpan(Cell Start, Cell End);
