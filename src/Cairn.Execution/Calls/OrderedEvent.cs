using Cairn.Primitives;

namespace Cairn.Execution.Calls;

/// <summary>An event with its position among all events of the transaction.</summary>
public sealed record OrderedEvent(int Order, IReadOnlyList<Felt> Keys, IReadOnlyList<Felt> Data);
