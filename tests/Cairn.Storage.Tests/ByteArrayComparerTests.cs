namespace Cairn.Storage.Tests;

public sealed class ByteArrayComparerTests
{
    [Fact]
    public void Orders_unsigned_and_lexicographically()
    {
        var comparer = ByteArrayComparer.Instance;
        Assert.True(comparer.Compare([0x7F], [0x80]) < 0);
        Assert.True(comparer.Compare([0x01], [0x01, 0x00]) < 0);
        Assert.True(comparer.Compare([], [0x00]) < 0);
        Assert.Equal(0, comparer.Compare([1, 2], [1, 2]));
        Assert.True(comparer.Compare(null, []) < 0);
    }

    [Fact]
    public void Finds_arrays_by_span()
    {
        var map = new Dictionary<byte[], int>(ByteArrayComparer.Instance) { [[1, 2, 3]] = 7 };
        var lookup = map.GetAlternateLookup<ReadOnlySpan<byte>>();
        ReadOnlySpan<byte> key = [1, 2, 3];
        Assert.True(lookup.TryGetValue(key, out var value));
        Assert.Equal(7, value);
        Assert.True(ByteArrayComparer.Instance.Equals([1, 2, 3], [1, 2, 3]));
        Assert.Equal(ByteArrayComparer.Instance.GetHashCode([1, 2, 3]), ByteArrayComparer.Instance.GetHashCode(key));
    }
}
