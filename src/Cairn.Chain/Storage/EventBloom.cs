using Cairn.Primitives;

namespace Cairn.Chain.Storage;

/// <summary>
/// A per-block Bloom filter of the events' emitters and of their first <see cref="IndexedKeyPositions"/> keys (each
/// with its position): 2048 bits, 3 probes from a 64-bit FNV-1a/splitmix hash of (tag, felt). getEvents skips the
/// blocks whose filter rules out every accepted key at some position. Deterministic, so it can be stored.
/// </summary>
internal static class EventBloom
{
    public const int Bytes = 256;
    public const int IndexedKeyPositions = 8;
    private const int Bits = Bytes * 8;
    private const byte AddressTag = 0xA0;

    public static byte[] Build(IEnumerable<Execution.Executor.ReceiptEvent> events)
    {
        var bloom = new byte[Bytes];
        foreach (var e in events)
        {
            Add(bloom, AddressTag, e.FromAddress.Value);
            for (var p = 0; p < e.Keys.Count && p < IndexedKeyPositions; p++) Add(bloom, (byte)p, e.Keys[p]);
        }

        return bloom;
    }

    /// <summary>False only when no event of the block can pass the address and key conditions of <paramref name="filter"/>.</summary>
    public static bool MayMatch(ReadOnlySpan<byte> bloom, EventFilter filter)
    {
        if (filter.Addresses.Count != 0 && !AnyPresent(bloom, AddressTag, filter.Addresses.Select(a => a.Value))) return false;
        for (var p = 0; p < filter.Keys.Count && p < IndexedKeyPositions; p++)
        {
            if (filter.Keys[p].Count != 0 && !AnyPresent(bloom, (byte)p, filter.Keys[p])) return false;
        }

        return true;
    }

    private static bool AnyPresent(ReadOnlySpan<byte> bloom, byte tag, IEnumerable<Felt> values)
    {
        foreach (var v in values)
        {
            if (Contains(bloom, tag, v)) return true;
        }

        return false;
    }

    private static void Add(Span<byte> bloom, byte tag, Felt value)
    {
        var h = Hash(tag, value);
        for (var i = 0; i < 3; i++)
        {
            var bit = (int)((h >> (i * 21)) % Bits);
            bloom[bit >> 3] |= (byte)(1 << (bit & 7));
        }
    }

    private static bool Contains(ReadOnlySpan<byte> bloom, byte tag, Felt value)
    {
        var h = Hash(tag, value);
        for (var i = 0; i < 3; i++)
        {
            var bit = (int)((h >> (i * 21)) % Bits);
            if ((bloom[bit >> 3] & (1 << (bit & 7))) == 0) return false;
        }

        return true;
    }

    private static ulong Hash(byte tag, Felt value)
    {
        Span<byte> bytes = stackalloc byte[32];
        value.WriteBytesBE(bytes);
        var h = 0xcbf29ce484222325UL ^ tag;
        h *= 0x100000001b3UL;
        foreach (var b in bytes)
        {
            h ^= b;
            h *= 0x100000001b3UL;
        }

        // splitmix64 finaliser: spread the bits the probes take.
        h ^= h >> 30;
        h *= 0xbf58476d1ce4e5b9UL;
        h ^= h >> 27;
        h *= 0x94d049bb133111ebUL;
        return h ^ (h >> 31);
    }
}
