namespace Cairn.Primitives.Ids;

/// <summary>A block hash.</summary>
public readonly record struct BlockHash(Felt Value) : IComparable<BlockHash>
{
    public static BlockHash Parse(ReadOnlySpan<char> text) => new(Felt.Parse(text));

    public int CompareTo(BlockHash other) => Value.CompareTo(other.Value);

    public override string ToString() => Value.ToString();

    public static implicit operator Felt(BlockHash id) => id.Value;

    public static explicit operator BlockHash(Felt value) => new(value);
}
