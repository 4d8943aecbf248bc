namespace Cairn.Storage;

/// <summary>
/// A column family of one store: an independent key space, named when the store is opened.
/// </summary>
/// <remarks>
/// Columns are handed out by the store that owns them (<see cref="IKeyValueStore.Columns"/>,
/// <see cref="IKeyValueStore.GetColumn(string)"/>) and are only valid with that store, its batches
/// and its snapshots; resolve them once and keep them.
/// </remarks>
public sealed class Column
{
    internal Column(string name, int index, object owner)
    {
        Name = name;
        Index = index;
        Owner = owner;
    }

    /// <summary>The name given when the store was opened.</summary>
    public string Name { get; }

    /// <summary>The position of the column in the list given when the store was opened.</summary>
    public int Index { get; }

    internal object Owner { get; }

    public override string ToString() => Name;
}
