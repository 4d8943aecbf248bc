using System.Buffers.Binary;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static System.Numerics.BitOperations;

namespace Cairn.Crypto.Hashing;

/// <summary>
/// Unkeyed BLAKE2s-256 (RFC 7693): 32-byte digest, no key, salt or personalisation.
/// Spec: shared/spec/starknet.md §2.4 (the byte hash under Blake2Felt252).
/// </summary>
/// <remarks>
/// Allocation-free apart from <see cref="Hash(ReadOnlySpan{byte})"/>, which returns a new array.
/// The compression function keeps the 16 working words and the 16 message words in locals and
/// has its 10 rounds fully unrolled. For streaming input use <see cref="Blake2sState"/>.
/// </remarks>
[SkipLocalsInit]
public static class Blake2s
{
    /// <summary>Digest length in bytes.</summary>
    public const int HashSize = 32;

    /// <summary>Block length in bytes.</summary>
    public const int BlockSize = 64;

    private const uint Iv0 = 0x6A09E667, Iv1 = 0xBB67AE85, Iv2 = 0x3C6EF372, Iv3 = 0xA54FF53A;
    private const uint Iv4 = 0x510E527F, Iv5 = 0x9B05688C, Iv6 = 0x1F83D9AB, Iv7 = 0x5BE0CD19;

    /// <summary>
    /// First word of the parameter block for an unkeyed 32-byte digest:
    /// digest length 32, key length 0, fanout 1, depth 1 (all other parameter words are 0).
    /// </summary>
    private const uint ParamWord0 = 0x0101_0020;

    /// <summary>Returns BLAKE2s-256(<paramref name="data"/>) as a new 32-byte array.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var result = new byte[HashSize];
        Hash(data, result);
        return result;
    }

    /// <summary>Writes BLAKE2s-256(<paramref name="data"/>) to the first 32 bytes of <paramref name="output32"/>.</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> output32)
    {
        if (output32.Length < HashSize) ThrowOutputTooSmall();

        Span<uint> h = stackalloc uint[8];
        Initialize(h);
        ref uint h0 = ref MemoryMarshal.GetReference(h);

        // Every block but the last is compressed as it comes; the last one (possibly empty,
        // possibly full) carries the final flag.
        ulong counter = 0;
        while (data.Length > BlockSize)
        {
            counter += BlockSize;
            CompressCore(ref h0, ref MemoryMarshal.GetReference(data), counter, last: false);
            data = data[BlockSize..];
        }

        Span<byte> block = stackalloc byte[BlockSize];
        data.CopyTo(block);
        block[data.Length..].Clear();
        counter += (ulong)data.Length;
        CompressCore(ref h0, ref MemoryMarshal.GetReference(block), counter, last: true);

        WriteDigest(h, output32);
    }

    /// <summary>Sets <paramref name="h8"/> to the initial chaining value of unkeyed BLAKE2s-256.</summary>
    internal static void Initialize(Span<uint> h8)
    {
        if (h8.Length < 8) ThrowStateTooSmall();
        h8[0] = Iv0 ^ ParamWord0;
        h8[1] = Iv1;
        h8[2] = Iv2;
        h8[3] = Iv3;
        h8[4] = Iv4;
        h8[5] = Iv5;
        h8[6] = Iv6;
        h8[7] = Iv7;
    }

    /// <summary>
    /// The BLAKE2s compression function F(h, m, t, f) on message words, as used by the Cairo
    /// blake2s builtins: <paramref name="counter"/> is the total number of message bytes so far
    /// including this block, <paramref name="last"/> sets the final-block flag f0 (f1 stays 0).
    /// </summary>
    internal static void Compress(Span<uint> h8, ReadOnlySpan<uint> m16, ulong counter, bool last)
    {
        if (h8.Length < 8) ThrowStateTooSmall();
        if (m16.Length < 16) ThrowBlockTooSmall();
        if (BitConverter.IsLittleEndian)
        {
            CompressCore(ref MemoryMarshal.GetReference(h8), ref MemoryMarshal.GetReference(MemoryMarshal.AsBytes(m16)), counter, last);
        }
        else
        {
            Span<byte> block = stackalloc byte[BlockSize];
            for (int i = 0; i < 16; i++) BinaryPrimitives.WriteUInt32LittleEndian(block[(i * 4)..], m16[i]);
            CompressCore(ref MemoryMarshal.GetReference(h8), ref MemoryMarshal.GetReference(block), counter, last);
        }
    }

    /// <summary>As <see cref="Compress(Span{uint}, ReadOnlySpan{uint}, ulong, bool)"/>, on a 64-byte block (little-endian words).</summary>
    internal static void Compress(Span<uint> h8, ReadOnlySpan<byte> block64, ulong counter, bool last)
    {
        if (h8.Length < 8) ThrowStateTooSmall();
        if (block64.Length < BlockSize) ThrowBlockTooSmall();
        CompressCore(ref MemoryMarshal.GetReference(h8), ref MemoryMarshal.GetReference(block64), counter, last);
    }

    /// <summary>Writes the chaining value as the 32-byte digest (little-endian words).</summary>
    internal static void WriteDigest(ReadOnlySpan<uint> h8, Span<byte> output32)
    {
        Debug.Assert(h8.Length >= 8 && output32.Length >= HashSize);
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(h8[..8]).CopyTo(output32);
        }
        else
        {
            for (int i = 0; i < 8; i++) BinaryPrimitives.WriteUInt32LittleEndian(output32[(i * 4)..], h8[i]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint LoadWord(ref byte block, int index)
    {
        uint w = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref block, index * 4));
        return BitConverter.IsLittleEndian ? w : BinaryPrimitives.ReverseEndianness(w);
    }

    private static void CompressCore(ref uint h, ref byte block, ulong counter, bool last)
    {
        uint m0 = LoadWord(ref block, 0), m1 = LoadWord(ref block, 1), m2 = LoadWord(ref block, 2), m3 = LoadWord(ref block, 3);
        uint m4 = LoadWord(ref block, 4), m5 = LoadWord(ref block, 5), m6 = LoadWord(ref block, 6), m7 = LoadWord(ref block, 7);
        uint m8 = LoadWord(ref block, 8), m9 = LoadWord(ref block, 9), m10 = LoadWord(ref block, 10), m11 = LoadWord(ref block, 11);
        uint m12 = LoadWord(ref block, 12), m13 = LoadWord(ref block, 13), m14 = LoadWord(ref block, 14), m15 = LoadWord(ref block, 15);

        uint h0 = h, h1 = Unsafe.Add(ref h, 1), h2 = Unsafe.Add(ref h, 2), h3 = Unsafe.Add(ref h, 3);
        uint h4 = Unsafe.Add(ref h, 4), h5 = Unsafe.Add(ref h, 5), h6 = Unsafe.Add(ref h, 6), h7 = Unsafe.Add(ref h, 7);

        uint v0 = h0, v1 = h1, v2 = h2, v3 = h3, v4 = h4, v5 = h5, v6 = h6, v7 = h7;
        uint v8 = Iv0, v9 = Iv1, v10 = Iv2, v11 = Iv3;
        uint v12 = Iv4 ^ (uint)counter;
        uint v13 = Iv5 ^ (uint)(counter >> 32);
        uint v14 = last ? ~Iv6 : Iv6;
        uint v15 = Iv7;

        // G(a, b, c, d, x, y) on the columns (0,4,8,12) .. (3,7,11,15), then the diagonals
        // (0,5,10,15), (1,6,11,12), (2,7,8,13), (3,4,9,14), with x, y = m[sigma[r][2i]], m[sigma[r][2i + 1]].
        // round 0: sigma = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 }
        v0 += v4 + m0; v12 = RotateRight(v12 ^ v0, 16); v8 += v12; v4 = RotateRight(v4 ^ v8, 12);
        v0 += v4 + m1; v12 = RotateRight(v12 ^ v0, 8); v8 += v12; v4 = RotateRight(v4 ^ v8, 7);
        v1 += v5 + m2; v13 = RotateRight(v13 ^ v1, 16); v9 += v13; v5 = RotateRight(v5 ^ v9, 12);
        v1 += v5 + m3; v13 = RotateRight(v13 ^ v1, 8); v9 += v13; v5 = RotateRight(v5 ^ v9, 7);
        v2 += v6 + m4; v14 = RotateRight(v14 ^ v2, 16); v10 += v14; v6 = RotateRight(v6 ^ v10, 12);
        v2 += v6 + m5; v14 = RotateRight(v14 ^ v2, 8); v10 += v14; v6 = RotateRight(v6 ^ v10, 7);
        v3 += v7 + m6; v15 = RotateRight(v15 ^ v3, 16); v11 += v15; v7 = RotateRight(v7 ^ v11, 12);
        v3 += v7 + m7; v15 = RotateRight(v15 ^ v3, 8); v11 += v15; v7 = RotateRight(v7 ^ v11, 7);
        v0 += v5 + m8; v15 = RotateRight(v15 ^ v0, 16); v10 += v15; v5 = RotateRight(v5 ^ v10, 12);
        v0 += v5 + m9; v15 = RotateRight(v15 ^ v0, 8); v10 += v15; v5 = RotateRight(v5 ^ v10, 7);
        v1 += v6 + m10; v12 = RotateRight(v12 ^ v1, 16); v11 += v12; v6 = RotateRight(v6 ^ v11, 12);
        v1 += v6 + m11; v12 = RotateRight(v12 ^ v1, 8); v11 += v12; v6 = RotateRight(v6 ^ v11, 7);
        v2 += v7 + m12; v13 = RotateRight(v13 ^ v2, 16); v8 += v13; v7 = RotateRight(v7 ^ v8, 12);
        v2 += v7 + m13; v13 = RotateRight(v13 ^ v2, 8); v8 += v13; v7 = RotateRight(v7 ^ v8, 7);
        v3 += v4 + m14; v14 = RotateRight(v14 ^ v3, 16); v9 += v14; v4 = RotateRight(v4 ^ v9, 12);
        v3 += v4 + m15; v14 = RotateRight(v14 ^ v3, 8); v9 += v14; v4 = RotateRight(v4 ^ v9, 7);
        // round 1: sigma = { 14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3 }
        v0 += v4 + m14; v12 = RotateRight(v12 ^ v0, 16); v8 += v12; v4 = RotateRight(v4 ^ v8, 12);
        v0 += v4 + m10; v12 = RotateRight(v12 ^ v0, 8); v8 += v12; v4 = RotateRight(v4 ^ v8, 7);
        v1 += v5 + m4; v13 = RotateRight(v13 ^ v1, 16); v9 += v13; v5 = RotateRight(v5 ^ v9, 12);
        v1 += v5 + m8; v13 = RotateRight(v13 ^ v1, 8); v9 += v13; v5 = RotateRight(v5 ^ v9, 7);
        v2 += v6 + m9; v14 = RotateRight(v14 ^ v2, 16); v10 += v14; v6 = RotateRight(v6 ^ v10, 12);
        v2 += v6 + m15; v14 = RotateRight(v14 ^ v2, 8); v10 += v14; v6 = RotateRight(v6 ^ v10, 7);
        v3 += v7 + m13; v15 = RotateRight(v15 ^ v3, 16); v11 += v15; v7 = RotateRight(v7 ^ v11, 12);
        v3 += v7 + m6; v15 = RotateRight(v15 ^ v3, 8); v11 += v15; v7 = RotateRight(v7 ^ v11, 7);
        v0 += v5 + m1; v15 = RotateRight(v15 ^ v0, 16); v10 += v15; v5 = RotateRight(v5 ^ v10, 12);
        v0 += v5 + m12; v15 = RotateRight(v15 ^ v0, 8); v10 += v15; v5 = RotateRight(v5 ^ v10, 7);
        v1 += v6 + m0; v12 = RotateRight(v12 ^ v1, 16); v11 += v12; v6 = RotateRight(v6 ^ v11, 12);
        v1 += v6 + m2; v12 = RotateRight(v12 ^ v1, 8); v11 += v12; v6 = RotateRight(v6 ^ v11, 7);
        v2 += v7 + m11; v13 = RotateRight(v13 ^ v2, 16); v8 += v13; v7 = RotateRight(v7 ^ v8, 12);
        v2 += v7 + m7; v13 = RotateRight(v13 ^ v2, 8); v8 += v13; v7 = RotateRight(v7 ^ v8, 7);
        v3 += v4 + m5; v14 = RotateRight(v14 ^ v3, 16); v9 += v14; v4 = RotateRight(v4 ^ v9, 12);
        v3 += v4 + m3; v14 = RotateRight(v14 ^ v3, 8); v9 += v14; v4 = RotateRight(v4 ^ v9, 7);
        // round 2: sigma = { 11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4 }
        v0 += v4 + m11; v12 = RotateRight(v12 ^ v0, 16); v8 += v12; v4 = RotateRight(v4 ^ v8, 12);
        v0 += v4 + m8; v12 = RotateRight(v12 ^ v0, 8); v8 += v12; v4 = RotateRight(v4 ^ v8, 7);
        v1 += v5 + m12; v13 = RotateRight(v13 ^ v1, 16); v9 += v13; v5 = RotateRight(v5 ^ v9, 12);
        v1 += v5 + m0; v13 = RotateRight(v13 ^ v1, 8); v9 += v13; v5 = RotateRight(v5 ^ v9, 7);
        v2 += v6 + m5; v14 = RotateRight(v14 ^ v2, 16); v10 += v14; v6 = RotateRight(v6 ^ v10, 12);
        v2 += v6 + m2; v14 = RotateRight(v14 ^ v2, 8); v10 += v14; v6 = RotateRight(v6 ^ v10, 7);
        v3 += v7 + m15; v15 = RotateRight(v15 ^ v3, 16); v11 += v15; v7 = RotateRight(v7 ^ v11, 12);
        v3 += v7 + m13; v15 = RotateRight(v15 ^ v3, 8); v11 += v15; v7 = RotateRight(v7 ^ v11, 7);
        v0 += v5 + m10; v15 = RotateRight(v15 ^ v0, 16); v10 += v15; v5 = RotateRight(v5 ^ v10, 12);
        v0 += v5 + m14; v15 = RotateRight(v15 ^ v0, 8); v10 += v15; v5 = RotateRight(v5 ^ v10, 7);
        v1 += v6 + m3; v12 = RotateRight(v12 ^ v1, 16); v11 += v12; v6 = RotateRight(v6 ^ v11, 12);
        v1 += v6 + m6; v12 = RotateRight(v12 ^ v1, 8); v11 += v12; v6 = RotateRight(v6 ^ v11, 7);
        v2 += v7 + m7; v13 = RotateRight(v13 ^ v2, 16); v8 += v13; v7 = RotateRight(v7 ^ v8, 12);
        v2 += v7 + m1; v13 = RotateRight(v13 ^ v2, 8); v8 += v13; v7 = RotateRight(v7 ^ v8, 7);
        v3 += v4 + m9; v14 = RotateRight(v14 ^ v3, 16); v9 += v14; v4 = RotateRight(v4 ^ v9, 12);
        v3 += v4 + m4; v14 = RotateRight(v14 ^ v3, 8); v9 += v14; v4 = RotateRight(v4 ^ v9, 7);
        // round 3: sigma = { 7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8 }
        v0 += v4 + m7; v12 = RotateRight(v12 ^ v0, 16); v8 += v12; v4 = RotateRight(v4 ^ v8, 12);
        v0 += v4 + m9; v12 = RotateRight(v12 ^ v0, 8); v8 += v12; v4 = RotateRight(v4 ^ v8, 7);
        v1 += v5 + m3; v13 = RotateRight(v13 ^ v1, 16); v9 += v13; v5 = RotateRight(v5 ^ v9, 12);
        v1 += v5 + m1; v13 = RotateRight(v13 ^ v1, 8); v9 += v13; v5 = RotateRight(v5 ^ v9, 7);
        v2 += v6 + m13; v14 = RotateRight(v14 ^ v2, 16); v10 += v14; v6 = RotateRight(v6 ^ v10, 12);
        v2 += v6 + m12; v14 = RotateRight(v14 ^ v2, 8); v10 += v14; v6 = RotateRight(v6 ^ v10, 7);
        v3 += v7 + m11; v15 = RotateRight(v15 ^ v3, 16); v11 += v15; v7 = RotateRight(v7 ^ v11, 12);
        v3 += v7 + m14; v15 = RotateRight(v15 ^ v3, 8); v11 += v15; v7 = RotateRight(v7 ^ v11, 7);
        v0 += v5 + m2; v15 = RotateRight(v15 ^ v0, 16); v10 += v15; v5 = RotateRight(v5 ^ v10, 12);
        v0 += v5 + m6; v15 = RotateRight(v15 ^ v0, 8); v10 += v15; v5 = RotateRight(v5 ^ v10, 7);
        v1 += v6 + m5; v12 = RotateRight(v12 ^ v1, 16); v11 += v12; v6 = RotateRight(v6 ^ v11, 12);
        v1 += v6 + m10; v12 = RotateRight(v12 ^ v1, 8); v11 += v12; v6 = RotateRight(v6 ^ v11, 7);
        v2 += v7 + m4; v13 = RotateRight(v13 ^ v2, 16); v8 += v13; v7 = RotateRight(v7 ^ v8, 12);
        v2 += v7 + m0; v13 = RotateRight(v13 ^ v2, 8); v8 += v13; v7 = RotateRight(v7 ^ v8, 7);
        v3 += v4 + m15; v14 = RotateRight(v14 ^ v3, 16); v9 += v14; v4 = RotateRight(v4 ^ v9, 12);
        v3 += v4 + m8; v14 = RotateRight(v14 ^ v3, 8); v9 += v14; v4 = RotateRight(v4 ^ v9, 7);
        // round 4: sigma = { 9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13 }
        v0 += v4 + m9; v12 = RotateRight(v12 ^ v0, 16); v8 += v12; v4 = RotateRight(v4 ^ v8, 12);
        v0 += v4 + m0; v12 = RotateRight(v12 ^ v0, 8); v8 += v12; v4 = RotateRight(v4 ^ v8, 7);
        v1 += v5 + m5; v13 = RotateRight(v13 ^ v1, 16); v9 += v13; v5 = RotateRight(v5 ^ v9, 12);
        v1 += v5 + m7; v13 = RotateRight(v13 ^ v1, 8); v9 += v13; v5 = RotateRight(v5 ^ v9, 7);
        v2 += v6 + m2; v14 = RotateRight(v14 ^ v2, 16); v10 += v14; v6 = RotateRight(v6 ^ v10, 12);
        v2 += v6 + m4; v14 = RotateRight(v14 ^ v2, 8); v10 += v14; v6 = RotateRight(v6 ^ v10, 7);
        v3 += v7 + m10; v15 = RotateRight(v15 ^ v3, 16); v11 += v15; v7 = RotateRight(v7 ^ v11, 12);
        v3 += v7 + m15; v15 = RotateRight(v15 ^ v3, 8); v11 += v15; v7 = RotateRight(v7 ^ v11, 7);
        v0 += v5 + m14; v15 = RotateRight(v15 ^ v0, 16); v10 += v15; v5 = RotateRight(v5 ^ v10, 12);
        v0 += v5 + m1; v15 = RotateRight(v15 ^ v0, 8); v10 += v15; v5 = RotateRight(v5 ^ v10, 7);
        v1 += v6 + m11; v12 = RotateRight(v12 ^ v1, 16); v11 += v12; v6 = RotateRight(v6 ^ v11, 12);
        v1 += v6 + m12; v12 = RotateRight(v12 ^ v1, 8); v11 += v12; v6 = RotateRight(v6 ^ v11, 7);
        v2 += v7 + m6; v13 = RotateRight(v13 ^ v2, 16); v8 += v13; v7 = RotateRight(v7 ^ v8, 12);
        v2 += v7 + m8; v13 = RotateRight(v13 ^ v2, 8); v8 += v13; v7 = RotateRight(v7 ^ v8, 7);
        v3 += v4 + m3; v14 = RotateRight(v14 ^ v3, 16); v9 += v14; v4 = RotateRight(v4 ^ v9, 12);
        v3 += v4 + m13; v14 = RotateRight(v14 ^ v3, 8); v9 += v14; v4 = RotateRight(v4 ^ v9, 7);
        // round 5: sigma = { 2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9 }
        v0 += v4 + m2; v12 = RotateRight(v12 ^ v0, 16); v8 += v12; v4 = RotateRight(v4 ^ v8, 12);
        v0 += v4 + m12; v12 = RotateRight(v12 ^ v0, 8); v8 += v12; v4 = RotateRight(v4 ^ v8, 7);
        v1 += v5 + m6; v13 = RotateRight(v13 ^ v1, 16); v9 += v13; v5 = RotateRight(v5 ^ v9, 12);
        v1 += v5 + m10; v13 = RotateRight(v13 ^ v1, 8); v9 += v13; v5 = RotateRight(v5 ^ v9, 7);
        v2 += v6 + m0; v14 = RotateRight(v14 ^ v2, 16); v10 += v14; v6 = RotateRight(v6 ^ v10, 12);
        v2 += v6 + m11; v14 = RotateRight(v14 ^ v2, 8); v10 += v14; v6 = RotateRight(v6 ^ v10, 7);
        v3 += v7 + m8; v15 = RotateRight(v15 ^ v3, 16); v11 += v15; v7 = RotateRight(v7 ^ v11, 12);
        v3 += v7 + m3; v15 = RotateRight(v15 ^ v3, 8); v11 += v15; v7 = RotateRight(v7 ^ v11, 7);
        v0 += v5 + m4; v15 = RotateRight(v15 ^ v0, 16); v10 += v15; v5 = RotateRight(v5 ^ v10, 12);
        v0 += v5 + m13; v15 = RotateRight(v15 ^ v0, 8); v10 += v15; v5 = RotateRight(v5 ^ v10, 7);
        v1 += v6 + m7; v12 = RotateRight(v12 ^ v1, 16); v11 += v12; v6 = RotateRight(v6 ^ v11, 12);
        v1 += v6 + m5; v12 = RotateRight(v12 ^ v1, 8); v11 += v12; v6 = RotateRight(v6 ^ v11, 7);
        v2 += v7 + m15; v13 = RotateRight(v13 ^ v2, 16); v8 += v13; v7 = RotateRight(v7 ^ v8, 12);
        v2 += v7 + m14; v13 = RotateRight(v13 ^ v2, 8); v8 += v13; v7 = RotateRight(v7 ^ v8, 7);
        v3 += v4 + m1; v14 = RotateRight(v14 ^ v3, 16); v9 += v14; v4 = RotateRight(v4 ^ v9, 12);
        v3 += v4 + m9; v14 = RotateRight(v14 ^ v3, 8); v9 += v14; v4 = RotateRight(v4 ^ v9, 7);
        // round 6: sigma = { 12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11 }
        v0 += v4 + m12; v12 = RotateRight(v12 ^ v0, 16); v8 += v12; v4 = RotateRight(v4 ^ v8, 12);
        v0 += v4 + m5; v12 = RotateRight(v12 ^ v0, 8); v8 += v12; v4 = RotateRight(v4 ^ v8, 7);
        v1 += v5 + m1; v13 = RotateRight(v13 ^ v1, 16); v9 += v13; v5 = RotateRight(v5 ^ v9, 12);
        v1 += v5 + m15; v13 = RotateRight(v13 ^ v1, 8); v9 += v13; v5 = RotateRight(v5 ^ v9, 7);
        v2 += v6 + m14; v14 = RotateRight(v14 ^ v2, 16); v10 += v14; v6 = RotateRight(v6 ^ v10, 12);
        v2 += v6 + m13; v14 = RotateRight(v14 ^ v2, 8); v10 += v14; v6 = RotateRight(v6 ^ v10, 7);
        v3 += v7 + m4; v15 = RotateRight(v15 ^ v3, 16); v11 += v15; v7 = RotateRight(v7 ^ v11, 12);
        v3 += v7 + m10; v15 = RotateRight(v15 ^ v3, 8); v11 += v15; v7 = RotateRight(v7 ^ v11, 7);
        v0 += v5 + m0; v15 = RotateRight(v15 ^ v0, 16); v10 += v15; v5 = RotateRight(v5 ^ v10, 12);
        v0 += v5 + m7; v15 = RotateRight(v15 ^ v0, 8); v10 += v15; v5 = RotateRight(v5 ^ v10, 7);
        v1 += v6 + m6; v12 = RotateRight(v12 ^ v1, 16); v11 += v12; v6 = RotateRight(v6 ^ v11, 12);
        v1 += v6 + m3; v12 = RotateRight(v12 ^ v1, 8); v11 += v12; v6 = RotateRight(v6 ^ v11, 7);
        v2 += v7 + m9; v13 = RotateRight(v13 ^ v2, 16); v8 += v13; v7 = RotateRight(v7 ^ v8, 12);
        v2 += v7 + m2; v13 = RotateRight(v13 ^ v2, 8); v8 += v13; v7 = RotateRight(v7 ^ v8, 7);
        v3 += v4 + m8; v14 = RotateRight(v14 ^ v3, 16); v9 += v14; v4 = RotateRight(v4 ^ v9, 12);
        v3 += v4 + m11; v14 = RotateRight(v14 ^ v3, 8); v9 += v14; v4 = RotateRight(v4 ^ v9, 7);
        // round 7: sigma = { 13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10 }
        v0 += v4 + m13; v12 = RotateRight(v12 ^ v0, 16); v8 += v12; v4 = RotateRight(v4 ^ v8, 12);
        v0 += v4 + m11; v12 = RotateRight(v12 ^ v0, 8); v8 += v12; v4 = RotateRight(v4 ^ v8, 7);
        v1 += v5 + m7; v13 = RotateRight(v13 ^ v1, 16); v9 += v13; v5 = RotateRight(v5 ^ v9, 12);
        v1 += v5 + m14; v13 = RotateRight(v13 ^ v1, 8); v9 += v13; v5 = RotateRight(v5 ^ v9, 7);
        v2 += v6 + m12; v14 = RotateRight(v14 ^ v2, 16); v10 += v14; v6 = RotateRight(v6 ^ v10, 12);
        v2 += v6 + m1; v14 = RotateRight(v14 ^ v2, 8); v10 += v14; v6 = RotateRight(v6 ^ v10, 7);
        v3 += v7 + m3; v15 = RotateRight(v15 ^ v3, 16); v11 += v15; v7 = RotateRight(v7 ^ v11, 12);
        v3 += v7 + m9; v15 = RotateRight(v15 ^ v3, 8); v11 += v15; v7 = RotateRight(v7 ^ v11, 7);
        v0 += v5 + m5; v15 = RotateRight(v15 ^ v0, 16); v10 += v15; v5 = RotateRight(v5 ^ v10, 12);
        v0 += v5 + m0; v15 = RotateRight(v15 ^ v0, 8); v10 += v15; v5 = RotateRight(v5 ^ v10, 7);
        v1 += v6 + m15; v12 = RotateRight(v12 ^ v1, 16); v11 += v12; v6 = RotateRight(v6 ^ v11, 12);
        v1 += v6 + m4; v12 = RotateRight(v12 ^ v1, 8); v11 += v12; v6 = RotateRight(v6 ^ v11, 7);
        v2 += v7 + m8; v13 = RotateRight(v13 ^ v2, 16); v8 += v13; v7 = RotateRight(v7 ^ v8, 12);
        v2 += v7 + m6; v13 = RotateRight(v13 ^ v2, 8); v8 += v13; v7 = RotateRight(v7 ^ v8, 7);
        v3 += v4 + m2; v14 = RotateRight(v14 ^ v3, 16); v9 += v14; v4 = RotateRight(v4 ^ v9, 12);
        v3 += v4 + m10; v14 = RotateRight(v14 ^ v3, 8); v9 += v14; v4 = RotateRight(v4 ^ v9, 7);
        // round 8: sigma = { 6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5 }
        v0 += v4 + m6; v12 = RotateRight(v12 ^ v0, 16); v8 += v12; v4 = RotateRight(v4 ^ v8, 12);
        v0 += v4 + m15; v12 = RotateRight(v12 ^ v0, 8); v8 += v12; v4 = RotateRight(v4 ^ v8, 7);
        v1 += v5 + m14; v13 = RotateRight(v13 ^ v1, 16); v9 += v13; v5 = RotateRight(v5 ^ v9, 12);
        v1 += v5 + m9; v13 = RotateRight(v13 ^ v1, 8); v9 += v13; v5 = RotateRight(v5 ^ v9, 7);
        v2 += v6 + m11; v14 = RotateRight(v14 ^ v2, 16); v10 += v14; v6 = RotateRight(v6 ^ v10, 12);
        v2 += v6 + m3; v14 = RotateRight(v14 ^ v2, 8); v10 += v14; v6 = RotateRight(v6 ^ v10, 7);
        v3 += v7 + m0; v15 = RotateRight(v15 ^ v3, 16); v11 += v15; v7 = RotateRight(v7 ^ v11, 12);
        v3 += v7 + m8; v15 = RotateRight(v15 ^ v3, 8); v11 += v15; v7 = RotateRight(v7 ^ v11, 7);
        v0 += v5 + m12; v15 = RotateRight(v15 ^ v0, 16); v10 += v15; v5 = RotateRight(v5 ^ v10, 12);
        v0 += v5 + m2; v15 = RotateRight(v15 ^ v0, 8); v10 += v15; v5 = RotateRight(v5 ^ v10, 7);
        v1 += v6 + m13; v12 = RotateRight(v12 ^ v1, 16); v11 += v12; v6 = RotateRight(v6 ^ v11, 12);
        v1 += v6 + m7; v12 = RotateRight(v12 ^ v1, 8); v11 += v12; v6 = RotateRight(v6 ^ v11, 7);
        v2 += v7 + m1; v13 = RotateRight(v13 ^ v2, 16); v8 += v13; v7 = RotateRight(v7 ^ v8, 12);
        v2 += v7 + m4; v13 = RotateRight(v13 ^ v2, 8); v8 += v13; v7 = RotateRight(v7 ^ v8, 7);
        v3 += v4 + m10; v14 = RotateRight(v14 ^ v3, 16); v9 += v14; v4 = RotateRight(v4 ^ v9, 12);
        v3 += v4 + m5; v14 = RotateRight(v14 ^ v3, 8); v9 += v14; v4 = RotateRight(v4 ^ v9, 7);
        // round 9: sigma = { 10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0 }
        v0 += v4 + m10; v12 = RotateRight(v12 ^ v0, 16); v8 += v12; v4 = RotateRight(v4 ^ v8, 12);
        v0 += v4 + m2; v12 = RotateRight(v12 ^ v0, 8); v8 += v12; v4 = RotateRight(v4 ^ v8, 7);
        v1 += v5 + m8; v13 = RotateRight(v13 ^ v1, 16); v9 += v13; v5 = RotateRight(v5 ^ v9, 12);
        v1 += v5 + m4; v13 = RotateRight(v13 ^ v1, 8); v9 += v13; v5 = RotateRight(v5 ^ v9, 7);
        v2 += v6 + m7; v14 = RotateRight(v14 ^ v2, 16); v10 += v14; v6 = RotateRight(v6 ^ v10, 12);
        v2 += v6 + m6; v14 = RotateRight(v14 ^ v2, 8); v10 += v14; v6 = RotateRight(v6 ^ v10, 7);
        v3 += v7 + m1; v15 = RotateRight(v15 ^ v3, 16); v11 += v15; v7 = RotateRight(v7 ^ v11, 12);
        v3 += v7 + m5; v15 = RotateRight(v15 ^ v3, 8); v11 += v15; v7 = RotateRight(v7 ^ v11, 7);
        v0 += v5 + m15; v15 = RotateRight(v15 ^ v0, 16); v10 += v15; v5 = RotateRight(v5 ^ v10, 12);
        v0 += v5 + m11; v15 = RotateRight(v15 ^ v0, 8); v10 += v15; v5 = RotateRight(v5 ^ v10, 7);
        v1 += v6 + m9; v12 = RotateRight(v12 ^ v1, 16); v11 += v12; v6 = RotateRight(v6 ^ v11, 12);
        v1 += v6 + m14; v12 = RotateRight(v12 ^ v1, 8); v11 += v12; v6 = RotateRight(v6 ^ v11, 7);
        v2 += v7 + m3; v13 = RotateRight(v13 ^ v2, 16); v8 += v13; v7 = RotateRight(v7 ^ v8, 12);
        v2 += v7 + m12; v13 = RotateRight(v13 ^ v2, 8); v8 += v13; v7 = RotateRight(v7 ^ v8, 7);
        v3 += v4 + m13; v14 = RotateRight(v14 ^ v3, 16); v9 += v14; v4 = RotateRight(v4 ^ v9, 12);
        v3 += v4 + m0; v14 = RotateRight(v14 ^ v3, 8); v9 += v14; v4 = RotateRight(v4 ^ v9, 7);

        h = h0 ^ v0 ^ v8;
        Unsafe.Add(ref h, 1) = h1 ^ v1 ^ v9;
        Unsafe.Add(ref h, 2) = h2 ^ v2 ^ v10;
        Unsafe.Add(ref h, 3) = h3 ^ v3 ^ v11;
        Unsafe.Add(ref h, 4) = h4 ^ v4 ^ v12;
        Unsafe.Add(ref h, 5) = h5 ^ v5 ^ v13;
        Unsafe.Add(ref h, 6) = h6 ^ v6 ^ v14;
        Unsafe.Add(ref h, 7) = h7 ^ v7 ^ v15;
    }

    [DoesNotReturn]
    [StackTraceHidden]
    private static void ThrowOutputTooSmall() =>
        throw new ArgumentException($"the output needs at least {HashSize} bytes", "output32");

    [DoesNotReturn]
    [StackTraceHidden]
    private static void ThrowStateTooSmall() =>
        throw new ArgumentException("the BLAKE2s chaining value needs 8 words", "h8");

    [DoesNotReturn]
    [StackTraceHidden]
    private static void ThrowBlockTooSmall() =>
        throw new ArgumentException("a BLAKE2s block needs 16 words (64 bytes)", "block");
}
