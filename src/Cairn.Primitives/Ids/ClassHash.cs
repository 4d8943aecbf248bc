namespace Cairn.Primitives.Ids;

/// <summary>The hash of a Sierra (or Cairo 0) contract class.</summary>
public readonly record struct ClassHash(Felt Value) : IComparable<ClassHash>
{
    public static ClassHash Parse(ReadOnlySpan<char> text) => new(Felt.Parse(text));

    public int CompareTo(ClassHash other) => Value.CompareTo(other.Value);

    public override string ToString() => Value.ToString();

    public static implicit operator Felt(ClassHash id) => id.Value;

    public static explicit operator ClassHash(Felt value) => new(value);
}
