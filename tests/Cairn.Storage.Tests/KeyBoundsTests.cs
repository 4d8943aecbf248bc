namespace Cairn.Storage.Tests;

public sealed class KeyBoundsTests
{
    [Theory]
    [InlineData("", null)]
    [InlineData("00", "01")]
    [InlineData("0102", "0103")]
    [InlineData("01FF", "02")]
    [InlineData("01FFFF", "02")]
    [InlineData("FF", null)]
    [InlineData("FFFF", null)]
    [InlineData("FE", "FF")]
    public void The_end_of_a_prefix_range_is_its_successor(string prefix, string? end)
    {
        var result = KeyBounds.PrefixEnd(Convert.FromHexString(prefix));
        Assert.Equal(end, result is null ? null : Convert.ToHexString(result));
    }

    [Fact]
    public void The_smaller_of_prefix_end_and_upper_bound_wins()
    {
        Assert.Equal("02", Convert.ToHexString(KeyBounds.ForPrefix([0x01], [0x03]).Upper!));
        Assert.Equal("0150", Convert.ToHexString(KeyBounds.ForPrefix([0x01], [0x01, 0x50]).Upper!));
        Assert.Equal("05", Convert.ToHexString(KeyBounds.ForPrefix([0xFF], [0x05]).Upper!));
        Assert.Null(KeyBounds.ForPrefix([0xFF], []).Upper);
    }
}
