namespace Cairn.Rpc;

/// <summary>RPC <c>EVENTS_CHUNK</c>: a page of events and, if more follow, the token for the next page.</summary>
public sealed record RpcEventsChunk(IReadOnlyList<RpcEmittedEvent> Events, string? ContinuationToken);
