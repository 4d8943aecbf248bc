namespace Cairn.Primitives.Ids;

/// <summary>An account nonce.</summary>
public readonly record struct Nonce(Felt Value) : IComparable<Nonce>
{
    public static Nonce Parse(ReadOnlySpan<char> text) => new(Felt.Parse(text));

    public int CompareTo(Nonce other) => Value.CompareTo(other.Value);

    public override string ToString() => Value.ToString();

    public static implicit operator Felt(Nonce id) => id.Value;

    public static explicit operator Nonce(Felt value) => new(value);
}
