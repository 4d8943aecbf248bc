using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Cairn.Crypto.Hashing;

namespace Cairn.Stark.Channel;

/// <summary>
/// Stone's proof of work (grinding), spec stark-prover.md §4.1 (Stone <c>channel/proof_of_work.inl</c>, L1
/// <c>VerifierChannel.sol::verifyProofOfWork</c>).
/// </summary>
/// <remarks>
/// <c>init = Keccak256(0x0123456789abcded ‖ D ‖ byte(bits))</c>; a nonce is valid when the first 8 bytes of
/// <c>Keccak256(init ‖ BE64(nonce))</c>, read big-endian, are below <c>2^(64 − bits)</c>. The prover returns the
/// smallest valid nonce, so proofs are deterministic.
/// </remarks>
[SkipLocalsInit]
public static class ProofOfWork
{
    /// <summary>The magic prefix of the PoW seed.</summary>
    public const ulong Magic = 0x0123456789abcdedUL;

    /// <summary>Largest supported number of work bits.</summary>
    public const int MaxBits = 62;

    private const int Batch = 1 << 14;

    /// <summary>The 32-byte PoW seed for channel digest <paramref name="digest"/>.</summary>
    public static void ComputeInit(ReadOnlySpan<byte> digest, int bits, Span<byte> init32)
    {
        CheckBits(bits);
        Span<byte> buffer = stackalloc byte[41];
        BinaryPrimitives.WriteUInt64BigEndian(buffer, Magic);
        digest[..32].CopyTo(buffer[8..]);
        buffer[40] = (byte)bits;
        Keccak256.Hash(buffer, init32);
    }

    /// <summary>Whether <paramref name="nonce"/> satisfies the work requirement for the given seed.</summary>
    public static bool IsValid(ReadOnlySpan<byte> init32, int bits, ulong nonce)
    {
        if (bits == 0) return true;
        Span<byte> buffer = stackalloc byte[40];
        init32[..32].CopyTo(buffer);
        BinaryPrimitives.WriteUInt64BigEndian(buffer[32..], nonce);
        Span<byte> hash = stackalloc byte[32];
        Keccak256.Hash(buffer, hash);
        return BinaryPrimitives.ReadUInt64BigEndian(hash) < 1UL << (64 - bits);
    }

    /// <summary>Verifies a nonce against the channel digest (before the nonce is absorbed).</summary>
    public static bool Verify(ReadOnlySpan<byte> digest, int bits, ulong nonce)
    {
        Span<byte> init = stackalloc byte[32];
        ComputeInit(digest, bits, init);
        return IsValid(init, bits, nonce);
    }

    /// <summary>The smallest valid nonce for the channel digest, searched in parallel batches.</summary>
    public static ulong FindNonce(ReadOnlySpan<byte> digest, int bits)
    {
        var init = new byte[32];
        ComputeInit(digest, bits, init);
        if (bits == 0) return 0;
        int workers = Math.Max(1, Environment.ProcessorCount);
        for (ulong start = 0; ; start += (ulong)(Batch * workers))
        {
            ulong best = ulong.MaxValue;
            object gate = new();
            ulong batchStart = start;
            Parallel.For(0, workers, w =>
            {
                ulong from = batchStart + (ulong)w * Batch;
                for (ulong n = from; n < from + Batch; n++)
                {
                    if (!IsValid(init, bits, n)) continue;
                    lock (gate)
                    {
                        if (n < best) best = n;
                    }
                    return;
                }
            });
            if (best != ulong.MaxValue) return best;
        }
    }

    private static void CheckBits(int bits)
    {
        if (bits < 0 || bits > MaxBits) throw new ArgumentOutOfRangeException(nameof(bits), $"proof-of-work bits must be in [0, {MaxBits}]");
    }
}
