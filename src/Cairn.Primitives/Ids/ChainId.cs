namespace Cairn.Primitives.Ids;

/// <summary>A chain id, a Cairo short string such as SN_MAIN.</summary>
public readonly record struct ChainId(Felt Value) : IComparable<ChainId>
{
    public static ChainId Parse(ReadOnlySpan<char> text) => new(Felt.Parse(text));

    public int CompareTo(ChainId other) => Value.CompareTo(other.Value);

    public override string ToString() => Value.ToString();

    public static implicit operator Felt(ChainId id) => id.Value;

    public static explicit operator ChainId(Felt value) => new(value);
}
