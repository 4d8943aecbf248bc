namespace Cairn.Storage;

/// <summary>Turns the iteration arguments of <see cref="IReadOnlyKeyValueStore"/> into a key range.</summary>
internal static class KeyBounds
{
    /// <summary>
    /// The range of keys that start with <paramref name="prefix"/> and lie below <paramref name="upperBound"/>
    /// (ignored when empty): [lower, upper), upper null when unbounded.
    /// </summary>
    public static (byte[] Lower, byte[]? Upper) ForPrefix(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> upperBound)
    {
        var upper = PrefixEnd(prefix);
        if (!upperBound.IsEmpty && (upper is null || upperBound.SequenceCompareTo(upper) < 0))
        {
            upper = upperBound.ToArray();
        }

        return (prefix.ToArray(), upper);
    }

    /// <summary>The range [from, to), upper null when <paramref name="to"/> is empty.</summary>
    public static (byte[] Lower, byte[]? Upper) ForRange(ReadOnlySpan<byte> from, ReadOnlySpan<byte> to) =>
        (from.ToArray(), to.IsEmpty ? null : to.ToArray());

    /// <summary>
    /// The smallest key greater than every key that starts with <paramref name="prefix"/>, or null when there
    /// is none (an empty prefix, or one made only of 0xFF bytes).
    /// </summary>
    public static byte[]? PrefixEnd(ReadOnlySpan<byte> prefix)
    {
        var last = prefix.Length - 1;
        while (last >= 0 && prefix[last] == 0xFF)
        {
            last--;
        }

        if (last < 0)
        {
            return null;
        }

        var end = prefix[..(last + 1)].ToArray();
        end[last]++;
        return end;
    }
}
