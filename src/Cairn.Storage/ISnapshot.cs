namespace Cairn.Storage;

/// <summary>
/// A consistent, read-only view of every column of a store as of the snapshot's creation: later writes
/// are invisible to it. Dispose it to release what it pins; its iterators are disposed with it.
/// </summary>
public interface ISnapshot : IReadOnlyKeyValueStore, IDisposable
{
}
