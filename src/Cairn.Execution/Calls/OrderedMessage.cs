using Cairn.Primitives;

namespace Cairn.Execution.Calls;

/// <summary>An L2→L1 message with its position among all messages of the transaction.</summary>
public sealed record OrderedMessage(int Order, Felt ToAddress, IReadOnlyList<Felt> Payload);
