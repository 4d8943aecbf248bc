using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Execution.Executor;

/// <summary>An event of a receipt: the emitting contract and its keys and data, in emission order.</summary>
public sealed record ReceiptEvent(ContractAddress FromAddress, IReadOnlyList<Felt> Keys, IReadOnlyList<Felt> Data);
