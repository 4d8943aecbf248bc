namespace Cairn.Stark.Hashing;

/// <summary>
/// The hash of Merkle commitments (Stone's <c>commitment_hash</c>, spec stark-prover.md §3.1): leaves and inner
/// nodes, 32-byte digests. Implementations must be stateless and thread-safe.
/// </summary>
public interface ICommitmentHasher
{
    /// <summary>A short stable name, e.g. <c>keccak256_masked160_msb</c>.</summary>
    string Name { get; }

    /// <summary>Writes the digest of <paramref name="data"/> to the first 32 bytes of <paramref name="output32"/>.</summary>
    void Hash(ReadOnlySpan<byte> data, Span<byte> output32);

    /// <summary>Inner node: the digest of <c>left32 ‖ right32</c>.</summary>
    void HashPair(ReadOnlySpan<byte> left32, ReadOnlySpan<byte> right32, Span<byte> output32);
}
