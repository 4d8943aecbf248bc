using System.Buffers.Binary;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static System.Numerics.BitOperations;

namespace Cairn.Crypto.Hashing;

/// <summary>
/// Ethereum Keccak-256: Keccak[c = 512] with the original <c>0x01</c> domain padding
/// (not NIST SHA3-256, which pads with <c>0x06</c>). Spec: shared/spec/starknet.md §2.3.
/// </summary>
/// <remarks>
/// Allocation-free apart from <see cref="Hash(ReadOnlySpan{byte})"/>, which returns a new array.
/// The permutation works on 25 local lanes with every step of a round unrolled.
/// </remarks>
[SkipLocalsInit]
public static class Keccak256
{
    /// <summary>Digest length in bytes.</summary>
    public const int HashSize = 32;

    /// <summary>Sponge rate in bytes: (1600 − 2·256) / 8.</summary>
    public const int Rate = 136;

    private const int RateLanes = Rate / 8;

    /// <summary>Number of 64-bit lanes in the Keccak-f[1600] state.</summary>
    internal const int StateLanes = 25;

    // A static readonly array rather than an RVA span: RuntimeHelpers.CreateSpan allocates on
    // every call in unoptimised (Debug) code, and tier-1 code treats this array as a constant.
    private static readonly ulong[] RoundConstants =
    [
        0x0000000000000001UL, 0x0000000000008082UL, 0x800000000000808AUL, 0x8000000080008000UL,
        0x000000000000808BUL, 0x0000000080000001UL, 0x8000000080008081UL, 0x8000000000008009UL,
        0x000000000000008AUL, 0x0000000000000088UL, 0x0000000080008009UL, 0x000000008000000AUL,
        0x000000008000808BUL, 0x800000000000008BUL, 0x8000000000008089UL, 0x8000000000008003UL,
        0x8000000000008002UL, 0x8000000000000080UL, 0x000000000000800AUL, 0x800000008000000AUL,
        0x8000000080008081UL, 0x8000000000008080UL, 0x0000000080000001UL, 0x8000000080008008UL,
    ];

    /// <summary>Returns keccak256(<paramref name="data"/>) as a new 32-byte array.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var result = new byte[HashSize];
        Hash(data, result);
        return result;
    }

    /// <summary>Writes keccak256(<paramref name="data"/>) to the first 32 bytes of <paramref name="output32"/>.</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> output32)
    {
        if (output32.Length < HashSize) ThrowOutputTooSmall();

        Span<ulong> state = stackalloc ulong[StateLanes];
        state.Clear();
        ref ulong s = ref MemoryMarshal.GetReference(state);

        while (data.Length >= Rate)
        {
            AbsorbBlock(ref s, data);
            Permute(ref s);
            data = data[Rate..];
        }

        // Last (partial, possibly empty) block: pad10*1 with Keccak's 0x01 domain byte.
        Span<byte> last = stackalloc byte[Rate];
        last.Clear();
        data.CopyTo(last);
        last[data.Length] ^= 0x01;
        last[Rate - 1] ^= 0x80;
        AbsorbBlock(ref s, last);
        Permute(ref s);

        BinaryPrimitives.WriteUInt64LittleEndian(output32, s);
        BinaryPrimitives.WriteUInt64LittleEndian(output32[8..], Unsafe.Add(ref s, 1));
        BinaryPrimitives.WriteUInt64LittleEndian(output32[16..], Unsafe.Add(ref s, 2));
        BinaryPrimitives.WriteUInt64LittleEndian(output32[24..], Unsafe.Add(ref s, 3));
    }

    /// <summary>
    /// Applies Keccak-f[1600] in place. Lane (x, y) is <c>state25[x + 5·y]</c>, as in the Keccak
    /// reference and the Cairo keccak builtin.
    /// </summary>
    internal static void KeccakF1600(Span<ulong> state25)
    {
        if (state25.Length < StateLanes) ThrowStateTooSmall();
        Permute(ref MemoryMarshal.GetReference(state25));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AbsorbBlock(ref ulong s, ReadOnlySpan<byte> block)
    {
        Debug.Assert(block.Length >= Rate);
        ref byte b = ref MemoryMarshal.GetReference(block);
        for (int i = 0; i < RateLanes; i++)
        {
            ulong lane = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref b, i * 8));
            if (!BitConverter.IsLittleEndian) lane = BinaryPrimitives.ReverseEndianness(lane);
            Unsafe.Add(ref s, i) ^= lane;
        }
    }

    private static void Permute(ref ulong s)
    {
        ulong a00 = s, a01 = Unsafe.Add(ref s, 1), a02 = Unsafe.Add(ref s, 2), a03 = Unsafe.Add(ref s, 3), a04 = Unsafe.Add(ref s, 4);
        ulong a05 = Unsafe.Add(ref s, 5), a06 = Unsafe.Add(ref s, 6), a07 = Unsafe.Add(ref s, 7), a08 = Unsafe.Add(ref s, 8), a09 = Unsafe.Add(ref s, 9);
        ulong a10 = Unsafe.Add(ref s, 10), a11 = Unsafe.Add(ref s, 11), a12 = Unsafe.Add(ref s, 12), a13 = Unsafe.Add(ref s, 13), a14 = Unsafe.Add(ref s, 14);
        ulong a15 = Unsafe.Add(ref s, 15), a16 = Unsafe.Add(ref s, 16), a17 = Unsafe.Add(ref s, 17), a18 = Unsafe.Add(ref s, 18), a19 = Unsafe.Add(ref s, 19);
        ulong a20 = Unsafe.Add(ref s, 20), a21 = Unsafe.Add(ref s, 21), a22 = Unsafe.Add(ref s, 22), a23 = Unsafe.Add(ref s, 23), a24 = Unsafe.Add(ref s, 24);

        ReadOnlySpan<ulong> rc = RoundConstants;
        for (int round = 0; round < rc.Length; round++)
        {
            // θ: column parities, then a[x, y] ^= c[x − 1] ^ rotl(c[x + 1], 1).
            ulong c0 = a00 ^ a05 ^ a10 ^ a15 ^ a20;
            ulong c1 = a01 ^ a06 ^ a11 ^ a16 ^ a21;
            ulong c2 = a02 ^ a07 ^ a12 ^ a17 ^ a22;
            ulong c3 = a03 ^ a08 ^ a13 ^ a18 ^ a23;
            ulong c4 = a04 ^ a09 ^ a14 ^ a19 ^ a24;

            ulong d0 = c4 ^ RotateLeft(c1, 1);
            ulong d1 = c0 ^ RotateLeft(c2, 1);
            ulong d2 = c1 ^ RotateLeft(c3, 1);
            ulong d3 = c2 ^ RotateLeft(c4, 1);
            ulong d4 = c3 ^ RotateLeft(c0, 1);

            a00 ^= d0; a05 ^= d0; a10 ^= d0; a15 ^= d0; a20 ^= d0;
            a01 ^= d1; a06 ^= d1; a11 ^= d1; a16 ^= d1; a21 ^= d1;
            a02 ^= d2; a07 ^= d2; a12 ^= d2; a17 ^= d2; a22 ^= d2;
            a03 ^= d3; a08 ^= d3; a13 ^= d3; a18 ^= d3; a23 ^= d3;
            a04 ^= d4; a09 ^= d4; a14 ^= d4; a19 ^= d4; a24 ^= d4;

            // ρ and π in one cycle through the 24 moving lanes: b[y, 2x + 3y] = rotl(a[x, y], r[x, y]).
            // (a00 neither moves nor rotates.)
            ulong t = RotateLeft(a01, 1);
            a01 = RotateLeft(a06, 44);
            a06 = RotateLeft(a09, 20);
            a09 = RotateLeft(a22, 61);
            a22 = RotateLeft(a14, 39);
            a14 = RotateLeft(a20, 18);
            a20 = RotateLeft(a02, 62);
            a02 = RotateLeft(a12, 43);
            a12 = RotateLeft(a13, 25);
            a13 = RotateLeft(a19, 8);
            a19 = RotateLeft(a23, 56);
            a23 = RotateLeft(a15, 41);
            a15 = RotateLeft(a04, 27);
            a04 = RotateLeft(a24, 14);
            a24 = RotateLeft(a21, 2);
            a21 = RotateLeft(a08, 55);
            a08 = RotateLeft(a16, 45);
            a16 = RotateLeft(a05, 36);
            a05 = RotateLeft(a03, 28);
            a03 = RotateLeft(a18, 21);
            a18 = RotateLeft(a17, 15);
            a17 = RotateLeft(a11, 10);
            a11 = RotateLeft(a07, 6);
            a07 = RotateLeft(a10, 3);
            a10 = t;

            // χ, row by row: a[x] ^= ~a[x + 1] & a[x + 2].
            c0 = a00 ^ (~a01 & a02);
            c1 = a01 ^ (~a02 & a03);
            a02 ^= ~a03 & a04;
            a03 ^= ~a04 & a00;
            a04 ^= ~a00 & a01;
            a00 = c0; a01 = c1;

            c0 = a05 ^ (~a06 & a07);
            c1 = a06 ^ (~a07 & a08);
            a07 ^= ~a08 & a09;
            a08 ^= ~a09 & a05;
            a09 ^= ~a05 & a06;
            a05 = c0; a06 = c1;

            c0 = a10 ^ (~a11 & a12);
            c1 = a11 ^ (~a12 & a13);
            a12 ^= ~a13 & a14;
            a13 ^= ~a14 & a10;
            a14 ^= ~a10 & a11;
            a10 = c0; a11 = c1;

            c0 = a15 ^ (~a16 & a17);
            c1 = a16 ^ (~a17 & a18);
            a17 ^= ~a18 & a19;
            a18 ^= ~a19 & a15;
            a19 ^= ~a15 & a16;
            a15 = c0; a16 = c1;

            c0 = a20 ^ (~a21 & a22);
            c1 = a21 ^ (~a22 & a23);
            a22 ^= ~a23 & a24;
            a23 ^= ~a24 & a20;
            a24 ^= ~a20 & a21;
            a20 = c0; a21 = c1;

            // ι
            a00 ^= rc[round];
        }

        s = a00; Unsafe.Add(ref s, 1) = a01; Unsafe.Add(ref s, 2) = a02; Unsafe.Add(ref s, 3) = a03; Unsafe.Add(ref s, 4) = a04;
        Unsafe.Add(ref s, 5) = a05; Unsafe.Add(ref s, 6) = a06; Unsafe.Add(ref s, 7) = a07; Unsafe.Add(ref s, 8) = a08; Unsafe.Add(ref s, 9) = a09;
        Unsafe.Add(ref s, 10) = a10; Unsafe.Add(ref s, 11) = a11; Unsafe.Add(ref s, 12) = a12; Unsafe.Add(ref s, 13) = a13; Unsafe.Add(ref s, 14) = a14;
        Unsafe.Add(ref s, 15) = a15; Unsafe.Add(ref s, 16) = a16; Unsafe.Add(ref s, 17) = a17; Unsafe.Add(ref s, 18) = a18; Unsafe.Add(ref s, 19) = a19;
        Unsafe.Add(ref s, 20) = a20; Unsafe.Add(ref s, 21) = a21; Unsafe.Add(ref s, 22) = a22; Unsafe.Add(ref s, 23) = a23; Unsafe.Add(ref s, 24) = a24;
    }

    [DoesNotReturn]
    [StackTraceHidden]
    private static void ThrowOutputTooSmall() =>
        throw new ArgumentException($"the output needs at least {HashSize} bytes", "output32");

    [DoesNotReturn]
    [StackTraceHidden]
    private static void ThrowStateTooSmall() =>
        throw new ArgumentException($"the Keccak-f[1600] state needs {StateLanes} lanes", "state25");
}
