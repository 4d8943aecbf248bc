namespace Cairn.Storage;

/// <summary>Conveniences over <see cref="IKeyValueStore"/> and <see cref="IReadOnlyKeyValueStore"/>.</summary>
public static class KeyValueStoreExtensions
{
    /// <summary>The column named after <paramref name="column"/> (see <see cref="ColumnNames.Of{TEnum}"/>).</summary>
    public static Column GetColumn<TEnum>(this IKeyValueStore store, TEnum column)
        where TEnum : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.GetColumn(column.ToString());
    }

    /// <summary>
    /// Copies out every pair that <see cref="IReadOnlyKeyValueStore.Iterate"/> would visit, in key order.
    /// </summary>
    public static List<KeyValuePair<byte[], byte[]>> GetAll(
        this IReadOnlyKeyValueStore store, Column column, ReadOnlySpan<byte> prefix = default, ReadOnlySpan<byte> upperBound = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var result = new List<KeyValuePair<byte[], byte[]>>();
        using var iterator = store.Iterate(column, prefix, upperBound);
        while (iterator.MoveNext())
        {
            result.Add(new(iterator.Key.ToArray(), iterator.Value.ToArray()));
        }

        return result;
    }
}
