using System.Runtime.CompilerServices;
using Cairn.Crypto.Hashing;

namespace Cairn.Stark.Hashing;

/// <summary>
/// Keccak-256 commitments, optionally masked to the 160 most significant bits as Stone and the L1 contracts do
/// (<c>keccak256_masked160_msb</c>: keep the first 20 bytes, zero the last 12; spec §3.1).
/// </summary>
public sealed class KeccakCommitmentHasher : ICommitmentHasher
{
    /// <summary>The L1-compatible default: Keccak-256 masked to 160 bits.</summary>
    public static readonly KeccakCommitmentHasher Masked160 = new(masked: true);

    /// <summary>Full 256-bit Keccak-256 digests (for Cairn's own verifier).</summary>
    public static readonly KeccakCommitmentHasher Full = new(masked: false);

    private readonly bool _masked;

    private KeccakCommitmentHasher(bool masked) => _masked = masked;

    public string Name => _masked ? "keccak256_masked160_msb" : "keccak256";

    [SkipLocalsInit]
    public void Hash(ReadOnlySpan<byte> data, Span<byte> output32)
    {
        Keccak256.Hash(data, output32);
        if (_masked) output32.Slice(20, 12).Clear();
    }

    [SkipLocalsInit]
    public void HashPair(ReadOnlySpan<byte> left32, ReadOnlySpan<byte> right32, Span<byte> output32)
    {
        Span<byte> buffer = stackalloc byte[64];
        left32[..32].CopyTo(buffer);
        right32[..32].CopyTo(buffer[32..]);
        Hash(buffer, output32);
    }
}
