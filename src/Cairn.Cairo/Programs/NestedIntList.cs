namespace Cairn.Cairo.Programs;

/// <summary>
/// <c>bytecode_segment_lengths</c>: an int (a leaf segment of that length) or a list of nested lists
/// (cairo-vm.md §6.3). Used for the compiled-class hash; it does not affect execution.
/// </summary>
public sealed class NestedIntList
{
    private NestedIntList(int? value, IReadOnlyList<NestedIntList>? children)
    {
        Value = value;
        Children = children ?? [];
    }

    /// <summary>The length of a leaf, or null for a node.</summary>
    public int? Value { get; }

    /// <summary>The children of a node (empty for a leaf).</summary>
    public IReadOnlyList<NestedIntList> Children { get; }

    public bool IsLeaf => Value is not null;

    public static NestedIntList Leaf(int length) => new(length, null);

    public static NestedIntList Node(IReadOnlyList<NestedIntList> children) => new(null, children);

    /// <summary>Sum of every leaf.</summary>
    public long Total()
    {
        if (Value is { } v) return v;
        long sum = 0;
        foreach (var c in Children) sum += c.Total();
        return sum;
    }
}
