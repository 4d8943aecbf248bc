using System.Runtime.CompilerServices;
using Cairn.Crypto.Hashing;

namespace Cairn.Stark.Hashing;

/// <summary>Blake2s-256 commitments (an alternative suite; recursion-friendly variants come later, spec §10.5).</summary>
public sealed class Blake2sCommitmentHasher : ICommitmentHasher
{
    public static readonly Blake2sCommitmentHasher Instance = new();

    private Blake2sCommitmentHasher()
    {
    }

    public string Name => "blake2s256";

    public void Hash(ReadOnlySpan<byte> data, Span<byte> output32) => Blake2s.Hash(data, output32);

    [SkipLocalsInit]
    public void HashPair(ReadOnlySpan<byte> left32, ReadOnlySpan<byte> right32, Span<byte> output32)
    {
        Span<byte> buffer = stackalloc byte[64];
        left32[..32].CopyTo(buffer);
        right32[..32].CopyTo(buffer[32..]);
        Blake2s.Hash(buffer, output32);
    }
}
