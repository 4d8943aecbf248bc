namespace Cairn.Primitives.Ids;

/// <summary>An entry-point selector (sn_keccak of the function name).</summary>
public readonly record struct EntryPointSelector(Felt Value) : IComparable<EntryPointSelector>
{
    public static EntryPointSelector Parse(ReadOnlySpan<char> text) => new(Felt.Parse(text));

    public int CompareTo(EntryPointSelector other) => Value.CompareTo(other.Value);

    public override string ToString() => Value.ToString();

    public static implicit operator Felt(EntryPointSelector id) => id.Value;

    public static explicit operator EntryPointSelector(Felt value) => new(value);
}
