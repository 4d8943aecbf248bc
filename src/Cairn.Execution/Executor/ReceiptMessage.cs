using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Execution.Executor;

/// <summary>An L2→L1 message of a receipt.</summary>
public sealed record ReceiptMessage(ContractAddress FromAddress, Felt ToAddress, IReadOnlyList<Felt> Payload);
