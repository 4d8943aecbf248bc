namespace Cairn.Chain.Storage;

/// <summary>One page of <see cref="ChainStore.GetEvents"/> (RPC <c>EVENTS_CHUNK</c>): the events and, when more match, where the next page starts.</summary>
public sealed record EventPage(IReadOnlyList<EmittedEvent> Events, EventCursor? ContinuationToken);
