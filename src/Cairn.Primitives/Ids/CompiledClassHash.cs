namespace Cairn.Primitives.Ids;

/// <summary>The hash of a compiled (CASM) class.</summary>
public readonly record struct CompiledClassHash(Felt Value) : IComparable<CompiledClassHash>
{
    public static CompiledClassHash Parse(ReadOnlySpan<char> text) => new(Felt.Parse(text));

    public int CompareTo(CompiledClassHash other) => Value.CompareTo(other.Value);

    public override string ToString() => Value.ToString();

    public static implicit operator Felt(CompiledClassHash id) => id.Value;

    public static explicit operator CompiledClassHash(Felt value) => new(value);
}
