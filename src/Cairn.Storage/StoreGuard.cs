namespace Cairn.Storage;

/// <summary>Argument checks shared by the backends.</summary>
internal static class StoreGuard
{
    public static void CheckColumn(Column column, object owner)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (!ReferenceEquals(column.Owner, owner))
        {
            throw new ArgumentException($"Column '{column.Name}' belongs to another store.", nameof(column));
        }
    }

    public static Column[] CreateColumns(string[] names, object owner)
    {
        var columns = new Column[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            columns[i] = new Column(names[i], i, owner);
        }

        return columns;
    }

    public static Column FindColumn(Column[] columns, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var column in columns)
        {
            if (string.Equals(column.Name, name, StringComparison.Ordinal))
            {
                return column;
            }
        }

        throw new KeyNotFoundException($"The store has no column '{name}'.");
    }
}
