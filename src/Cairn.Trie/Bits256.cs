using System.Numerics;
using System.Runtime.CompilerServices;
using Cairn.Primitives;

namespace Cairn.Trie;

/// <summary>
/// A 256-bit unsigned integer in four little-endian limbs: trie keys and edge paths (bit 0 = least significant).
/// </summary>
internal readonly struct Bits256 : IEquatable<Bits256>, IComparable<Bits256>
{
    public readonly ulong L0;
    public readonly ulong L1;
    public readonly ulong L2;
    public readonly ulong L3;

    public Bits256(ulong l0, ulong l1, ulong l2, ulong l3)
    {
        L0 = l0;
        L1 = l1;
        L2 = l2;
        L3 = l3;
    }

    public static Bits256 One => new(1, 0, 0, 0);

    public bool IsZero => (L0 | L1 | L2 | L3) == 0;

    public static Bits256 FromFelt(Felt value)
    {
        value.ToLimbs(out var l0, out var l1, out var l2, out var l3);
        return new Bits256(l0, l1, l2, l3);
    }

    /// <summary>The value as a felt; only for values below the field prime (paths of at most 251 bits).</summary>
    public Felt ToFelt() => Felt.FromLimbs(L0, L1, L2, L3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Limb(int index) => index switch
    {
        0 => L0,
        1 => L1,
        2 => L2,
        _ => L3,
    };

    /// <summary>Bit <paramref name="index"/> (0 = least significant).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Bit(int index) => ((Limb(index >> 6) >> (index & 63)) & 1) != 0;

    public int BitLength
    {
        get
        {
            if (L3 != 0) return 256 - BitOperations.LeadingZeroCount(L3);
            if (L2 != 0) return 192 - BitOperations.LeadingZeroCount(L2);
            if (L1 != 0) return 128 - BitOperations.LeadingZeroCount(L1);
            return 64 - BitOperations.LeadingZeroCount(L0);
        }
    }

    public Bits256 ShiftRight(int n)
    {
        if (n <= 0) return this;
        if (n >= 256) return default;
        var words = n >> 6;
        var bits = n & 63;
        return new Bits256(ShrWord(0, words, bits), ShrWord(1, words, bits), ShrWord(2, words, bits), ShrWord(3, words, bits));
    }

    public Bits256 ShiftLeft(int n)
    {
        if (n <= 0) return this;
        if (n >= 256) return default;
        var words = n >> 6;
        var bits = n & 63;
        return new Bits256(ShlWord(0, words, bits), ShlWord(1, words, bits), ShlWord(2, words, bits), ShlWord(3, words, bits));
    }

    /// <summary>The low <paramref name="n"/> bits (0 ≤ n ≤ 256).</summary>
    public Bits256 LowBits(int n)
    {
        if (n >= 256) return this;
        if (n <= 0) return default;
        return new Bits256(L0 & Mask(n, 0), L1 & Mask(n, 1), L2 & Mask(n, 2), L3 & Mask(n, 3));
    }

    /// <summary>Bits [from, from + length) counted from the most significant end of a <paramref name="height"/>-bit key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Bits256 Segment(int height, int from, int length) => ShiftRight(height - from - length).LowBits(length);

    public static Bits256 operator |(Bits256 a, Bits256 b) => new(a.L0 | b.L0, a.L1 | b.L1, a.L2 | b.L2, a.L3 | b.L3);

    public static Bits256 operator ^(Bits256 a, Bits256 b) => new(a.L0 ^ b.L0, a.L1 ^ b.L1, a.L2 ^ b.L2, a.L3 ^ b.L3);

    /// <summary>
    /// The length of the common prefix of two <paramref name="length"/>-bit values read from the most significant
    /// bit (both below 2^length).
    /// </summary>
    public static int CommonPrefix(Bits256 a, Bits256 b, int length) => length - (a ^ b).BitLength;

    public bool Equals(Bits256 other) => L0 == other.L0 && L1 == other.L1 && L2 == other.L2 && L3 == other.L3;

    public override bool Equals(object? obj) => obj is Bits256 other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(L0, L1, L2, L3);

    public int CompareTo(Bits256 other)
    {
        if (L3 != other.L3) return L3 < other.L3 ? -1 : 1;
        if (L2 != other.L2) return L2 < other.L2 ? -1 : 1;
        if (L1 != other.L1) return L1 < other.L1 ? -1 : 1;
        if (L0 != other.L0) return L0 < other.L0 ? -1 : 1;
        return 0;
    }

    public static bool operator ==(Bits256 a, Bits256 b) => a.Equals(b);

    public static bool operator !=(Bits256 a, Bits256 b) => !a.Equals(b);

    public static bool operator <(Bits256 a, Bits256 b) => a.CompareTo(b) < 0;

    public static bool operator >(Bits256 a, Bits256 b) => a.CompareTo(b) > 0;

    public static bool operator <=(Bits256 a, Bits256 b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Bits256 a, Bits256 b) => a.CompareTo(b) >= 0;

    public override string ToString() => $"0x{L3:x16}{L2:x16}{L1:x16}{L0:x16}";

    private ulong ShrWord(int index, int words, int bits)
    {
        var source = index + words;
        if (source >= 4) return 0;
        var value = Limb(source) >> bits;
        if (bits != 0 && source + 1 < 4) value |= Limb(source + 1) << (64 - bits);
        return value;
    }

    private ulong ShlWord(int index, int words, int bits)
    {
        var source = index - words;
        if (source < 0) return 0;
        var value = Limb(source) << bits;
        if (bits != 0 && source - 1 >= 0) value |= Limb(source - 1) >> (64 - bits);
        return value;
    }

    private static ulong Mask(int n, int word)
    {
        var low = word * 64;
        if (n >= low + 64) return ulong.MaxValue;
        if (n <= low) return 0;
        return (1UL << (n - low)) - 1;
    }
}
