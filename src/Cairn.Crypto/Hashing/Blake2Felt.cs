using System.Buffers.Binary;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Cairn.Primitives;
using static System.Numerics.BitOperations;

namespace Cairn.Crypto.Hashing;

/// <summary>
/// Blake2Felt252, the felt hash behind compiled class hash v2. Spec: shared/spec/starknet.md §2.4.
/// </summary>
/// <remarks>
/// Each felt x is encoded as u32 words: 2 words (high, low of its low 64 bits) when x &lt; 2^63,
/// otherwise the 8 big-endian words of x + 2^255. Every word is serialised little-endian, the bytes
/// are hashed with unkeyed BLAKE2s-256 and the digest is read as a little-endian integer mod P.
/// <para>
/// Allocation-free for any input length: short lists are encoded into one stack buffer, long ones are
/// streamed through <see cref="Blake2sState"/> a stack chunk at a time.
/// </para>
/// </remarks>
[SkipLocalsInit]
public static class Blake2Felt
{
    private const int SmallEncodedBytes = 8;
    private const int LargeEncodedBytes = 32;
    private const ulong SmallLimit = 1UL << 63;

    /// <summary>Felts whose worst-case encoding fits the one-shot stack buffer.</summary>
    private const int StackFelts = 64;

    private const int StackBytes = StackFelts * LargeEncodedBytes;

    /// <summary><c>blake2felt([a, b])</c>.</summary>
    public static Felt Hash(Felt a, Felt b)
    {
        ReadOnlySpan<Felt> pair = [a, b];
        return Hash(pair);
    }

    /// <summary><c>blake2felt(values)</c>; the empty list hashes the empty byte string.</summary>
    public static Felt Hash(ReadOnlySpan<Felt> values)
    {
        Span<byte> digest = stackalloc byte[Blake2s.HashSize];
        Span<byte> buffer = stackalloc byte[StackBytes];

        if (values.Length <= StackFelts)
        {
            int n = EncodeUnchecked(values, buffer);
            Blake2s.Hash(buffer[..n], digest);
        }
        else
        {
            var state = new Blake2sState();
            while (!values.IsEmpty)
            {
                int take = Math.Min(values.Length, StackFelts);
                int n = EncodeUnchecked(values[..take], buffer);
                state.Update(buffer[..n]);
                values = values[take..];
            }
            state.Finish(digest);
        }

        return Felt.FromLimbsReduced(
            BinaryPrimitives.ReadUInt64LittleEndian(digest),
            BinaryPrimitives.ReadUInt64LittleEndian(digest[8..]),
            BinaryPrimitives.ReadUInt64LittleEndian(digest[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(digest[24..]));
    }

    /// <summary>The number of bytes <see cref="Encode"/> writes for <paramref name="values"/>.</summary>
    public static int EncodedLength(ReadOnlySpan<Felt> values)
    {
        int total = 0;
        foreach (var x in values)
        {
            x.ToLimbs(out var l0, out var l1, out var l2, out var l3);
            total += IsSmall(l0, l1, l2, l3) ? SmallEncodedBytes : LargeEncodedBytes;
        }
        return total;
    }

    /// <summary>
    /// Writes the byte string that Blake2Felt252 hashes (the little-endian serialisation of the u32
    /// words). <paramref name="destination"/> needs <see cref="EncodedLength"/> bytes.
    /// </summary>
    public static void Encode(ReadOnlySpan<Felt> values, Span<byte> destination)
    {
        int needed = EncodedLength(values);
        if (destination.Length < needed) ThrowDestinationTooSmall(needed);
        EncodeUnchecked(values, destination);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsSmall(ulong l0, ulong l1, ulong l2, ulong l3) => (l1 | l2 | l3) == 0 && l0 < SmallLimit;

    /// <summary>Encodes into a buffer of at least 32 bytes per felt; returns the bytes written.</summary>
    private static int EncodeUnchecked(ReadOnlySpan<Felt> values, Span<byte> destination)
    {
        Debug.Assert(destination.Length >= values.Length * LargeEncodedBytes || destination.Length >= EncodedLength(values));
        int offset = 0;
        foreach (var x in values)
        {
            x.ToLimbs(out var l0, out var l1, out var l2, out var l3);
            // A 64-bit value v as two big-endian-ordered u32 words (v >> 32, v & 0xffffffff), each
            // little-endian, is the little-endian serialisation of v with its halves swapped.
            if (IsSmall(l0, l1, l2, l3))
            {
                BinaryPrimitives.WriteUInt64LittleEndian(destination[offset..], RotateLeft(l0, 32));
                offset += SmallEncodedBytes;
            }
            else
            {
                Span<byte> d = destination.Slice(offset, LargeEncodedBytes);
                BinaryPrimitives.WriteUInt64LittleEndian(d, RotateLeft(l3 | (1UL << 63), 32));
                BinaryPrimitives.WriteUInt64LittleEndian(d[8..], RotateLeft(l2, 32));
                BinaryPrimitives.WriteUInt64LittleEndian(d[16..], RotateLeft(l1, 32));
                BinaryPrimitives.WriteUInt64LittleEndian(d[24..], RotateLeft(l0, 32));
                offset += LargeEncodedBytes;
            }
        }
        return offset;
    }

    [DoesNotReturn]
    [StackTraceHidden]
    private static void ThrowDestinationTooSmall(int needed) =>
        throw new ArgumentException($"the destination needs {needed} bytes", "destination");
}
