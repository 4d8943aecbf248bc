using Cairn.Primitives;

namespace Cairn.Cairo.Syscalls;

/// <summary>An event emitted by a contract.</summary>
public sealed record EmittedEvent(Felt FromAddress, IReadOnlyList<Felt> Keys, IReadOnlyList<Felt> Data);
