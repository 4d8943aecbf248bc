using System.Numerics;
using System.Runtime.CompilerServices;
using Cairn.Primitives;

namespace Cairn.Stark.Polynomials;

/// <summary>Bit-reversal of indices and in-place bit-reversal permutation of vectors.</summary>
public static class BitReversal
{
    /// <summary>Reverses the low <paramref name="bits"/> bits of <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Reverse(int index, int bits) =>
        bits == 0 ? 0 : (int)(ReverseBits32((uint)index) >> (32 - bits));

    /// <summary>Reverses the low <paramref name="bits"/> bits of a 64-bit index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Reverse(ulong index, int bits)
    {
        if (bits == 0) return 0;
        ulong x = index;
        x = ((x >> 1) & 0x5555555555555555UL) | ((x & 0x5555555555555555UL) << 1);
        x = ((x >> 2) & 0x3333333333333333UL) | ((x & 0x3333333333333333UL) << 2);
        x = ((x >> 4) & 0x0F0F0F0F0F0F0F0FUL) | ((x & 0x0F0F0F0F0F0F0F0FUL) << 4);
        x = BinaryPrimitives_ReverseEndianness(x);
        return x >> (64 - bits);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong BinaryPrimitives_ReverseEndianness(ulong x) => System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint ReverseBits32(uint x)
    {
        x = ((x >> 1) & 0x55555555u) | ((x & 0x55555555u) << 1);
        x = ((x >> 2) & 0x33333333u) | ((x & 0x33333333u) << 2);
        x = ((x >> 4) & 0x0F0F0F0Fu) | ((x & 0x0F0F0F0Fu) << 4);
        return System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(x);
    }

    /// <summary>Permutes <paramref name="values"/> (length a power of two) into bit-reversed order, in place.</summary>
    public static void Permute(Span<Felt> values)
    {
        int n = values.Length;
        if (n <= 2) return;
        if (!BitOperations.IsPow2(n)) throw new ArgumentException("length must be a power of two", nameof(values));
        int bits = BitOperations.Log2((uint)n);
        for (int i = 0; i < n; i++)
        {
            int j = Reverse(i, bits);
            if (j > i) (values[i], values[j]) = (values[j], values[i]);
        }
    }
}
