using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Cairn.Crypto.Hashing;
using Cairn.Primitives;

namespace Cairn.Stark.Channel;

/// <summary>
/// The Stone / L1 Fiat–Shamir hash chain (spec stark-prover.md §4; Stone <c>randomness/hash_chain.cc</c>,
/// <c>prng.h</c>): a 32-byte Keccak-256 digest <c>D</c>, a block counter and a few spare bytes.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>init: <c>D = Keccak256(seed)</c>.</item>
/// <item>absorb: <c>D = Keccak256(BE256(D + 1 mod 2^256) ‖ bytes)</c>; counter and spare bytes reset.</item>
/// <item>block: <c>Keccak256(D ‖ BE256(counter))</c>, then counter + 1.</item>
/// <item>draw k bytes: whole blocks first; a tail of r bytes comes from the spare bytes if at least r remain, else
/// from a new block whose unused 32 − r bytes are appended to the spare bytes.</item>
/// </list>
/// </remarks>
[SkipLocalsInit]
public sealed class Transcript
{
    private readonly byte[] _digest = new byte[32];
    private readonly byte[] _spare = new byte[64];
    private int _spareCount;
    private ulong _counter;

    /// <summary>Starts the chain from the statement's seed bytes (the public-input serialisation).</summary>
    public Transcript(ReadOnlySpan<byte> seed) => Keccak256.Hash(seed, _digest);

    private Transcript(Transcript other)
    {
        other._digest.CopyTo(_digest, 0);
        other._spare.CopyTo(_spare, 0);
        _spareCount = other._spareCount;
        _counter = other._counter;
    }

    /// <summary>The current digest D.</summary>
    public ReadOnlySpan<byte> State => _digest;

    /// <summary>The number of blocks drawn since the last absorb.</summary>
    public ulong Counter => _counter;

    /// <summary>An independent copy of the current state.</summary>
    public Transcript Clone() => new(this);

    /// <summary>Absorbs prover data: <c>D = Keccak256(BE256(D + 1) ‖ data)</c>.</summary>
    public void Absorb(ReadOnlySpan<byte> data)
    {
        int length = 32 + data.Length;
        byte[]? rented = length > 512 ? ArrayPool<byte>.Shared.Rent(length) : null;
        Span<byte> buffer = rented is null ? stackalloc byte[512] : rented;
        buffer = buffer[..length];
        _digest.CopyTo(buffer);
        // + 1 as a 256-bit big-endian integer (wrapping).
        for (int i = 31; i >= 0; i--)
        {
            if (++buffer[i] != 0) break;
        }
        data.CopyTo(buffer[32..]);
        Keccak256.Hash(buffer, _digest);
        if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        _counter = 0;
        _spareCount = 0;
    }

    /// <summary>Absorbs <c>BE256(Mont(x))</c>.</summary>
    public void Absorb(Felt x)
    {
        Span<byte> bytes = stackalloc byte[32];
        FeltEncoding.WriteMontgomery(x, bytes);
        Absorb(bytes);
    }

    private void NextBlock(Span<byte> output32)
    {
        Span<byte> input = stackalloc byte[64];
        _digest.CopyTo(input);
        input.Slice(32, 24).Clear();
        BinaryPrimitives.WriteUInt64BigEndian(input[56..], _counter);
        _counter++;
        Keccak256.Hash(input, output32);
    }

    /// <summary>Fills <paramref name="destination"/> with pseudo-random bytes.</summary>
    public void DrawBytes(Span<byte> destination)
    {
        int fullBlocks = destination.Length / 32;
        for (int b = 0; b < fullBlocks; b++) NextBlock(destination.Slice(b * 32, 32));
        int tail = destination.Length % 32;
        if (tail == 0) return;
        var output = destination.Slice(fullBlocks * 32, tail);
        if (tail <= _spareCount)
        {
            _spare.AsSpan(0, tail).CopyTo(output);
            _spare.AsSpan(tail, _spareCount - tail).CopyTo(_spare);
            _spareCount -= tail;
            return;
        }
        Span<byte> block = stackalloc byte[32];
        NextBlock(block);
        block[..tail].CopyTo(output);
        block[tail..].CopyTo(_spare.AsSpan(_spareCount));
        _spareCount += 32 - tail;
    }

    /// <summary>
    /// Draws a field element: 32 bytes as an integer X, redrawn while <c>X ≥ 31p</c>; the result is the element whose
    /// Montgomery representation is <c>X mod p</c>, i.e. <c>(X mod p)·R⁻¹</c> (§1.5).
    /// </summary>
    public Felt DrawFelt()
    {
        Span<byte> bytes = stackalloc byte[32];
        while (true)
        {
            DrawBytes(bytes);
            ulong l3 = BinaryPrimitives.ReadUInt64BigEndian(bytes);
            ulong l2 = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
            ulong l1 = BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]);
            ulong l0 = BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]);
            if (BelowThirtyOneP(l0, l1, l2, l3)) return FeltEncoding.FromMontgomeryReduced(l0, l1, l2, l3);
        }
    }

    // 31p = 0xf80000000000020f 0000000000000000 0000000000000000 000000000000001f
    private static bool BelowThirtyOneP(ulong l0, ulong l1, ulong l2, ulong l3)
    {
        const ulong T3 = 0xf80000000000020fUL, T0 = 0x1fUL;
        if (l3 != T3) return l3 < T3;
        if ((l2 | l1) != 0) return false;
        return l0 < T0;
    }

    /// <summary>
    /// Draws an integer below <paramref name="bound"/> (<c>0 &lt; bound &lt; 2^48</c>): 8 bytes read big-endian, mod bound.
    /// </summary>
    public ulong DrawInteger(ulong bound)
    {
        if (bound == 0 || bound >= 1UL << 48) throw new ArgumentOutOfRangeException(nameof(bound), "bound must be in (0, 2^48)");
        Span<byte> bytes = stackalloc byte[8];
        DrawBytes(bytes);
        return BinaryPrimitives.ReadUInt64BigEndian(bytes) % bound;
    }
}
