namespace Cairn.Primitives.Ids;

/// <summary>A transaction hash.</summary>
public readonly record struct TxHash(Felt Value) : IComparable<TxHash>
{
    public static TxHash Parse(ReadOnlySpan<char> text) => new(Felt.Parse(text));

    public int CompareTo(TxHash other) => Value.CompareTo(other.Value);

    public override string ToString() => Value.ToString();

    public static implicit operator Felt(TxHash id) => id.Value;

    public static explicit operator TxHash(Felt value) => new(value);
}
