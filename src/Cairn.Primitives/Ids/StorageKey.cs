namespace Cairn.Primitives.Ids;

/// <summary>A storage key (a Patricia key below 2^251).</summary>
public readonly record struct StorageKey(Felt Value) : IComparable<StorageKey>
{
    public static StorageKey Parse(ReadOnlySpan<char> text) => new(Felt.Parse(text));

    public int CompareTo(StorageKey other) => Value.CompareTo(other.Value);

    public override string ToString() => Value.ToString();

    public static implicit operator Felt(StorageKey id) => id.Value;

    public static explicit operator StorageKey(Felt value) => new(value);
}
