namespace Cairn.Primitives.Ids;

/// <summary>A contract address (a Patricia key below 2^251).</summary>
public readonly record struct ContractAddress(Felt Value) : IComparable<ContractAddress>
{
    public static ContractAddress Parse(ReadOnlySpan<char> text) => new(Felt.Parse(text));

    public int CompareTo(ContractAddress other) => Value.CompareTo(other.Value);

    public override string ToString() => Value.ToString();

    public static implicit operator Felt(ContractAddress id) => id.Value;

    public static explicit operator ContractAddress(Felt value) => new(value);
}
