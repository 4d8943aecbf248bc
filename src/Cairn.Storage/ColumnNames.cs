namespace Cairn.Storage;

/// <summary>Helpers to name a store's columns.</summary>
public static class ColumnNames
{
    /// <summary>
    /// The names of <typeparamref name="TEnum"/>'s members in the order of their values, so that a column's
    /// <see cref="Column.Index"/> equals its member's value when the values run 0, 1, 2 ….
    /// </summary>
    public static string[] Of<TEnum>()
        where TEnum : struct, Enum => Enum.GetNames<TEnum>();

    /// <summary>Checks a list of column names: not empty, no blank and no duplicate (ordinal) names.</summary>
    internal static string[] Validate(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count == 0)
        {
            throw new ArgumentException("A store needs at least one column.", nameof(names));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException("Column names cannot be blank.", nameof(names));
            }

            if (!seen.Add(name))
            {
                throw new ArgumentException($"Column '{name}' is named twice.", nameof(names));
            }
        }

        return [.. names];
    }
}
