namespace Cairn.Stark.Proving;

/// <summary>
/// A STARK proof: the channel's byte stream in the order of spec stark-prover.md §5.10 (roots, OODS values, FRI
/// roots, last layer, nonce, then the decommitments). The parameters and the public input travel separately.
/// </summary>
public sealed class StarkProof
{
    public StarkProof(byte[] bytes) => Bytes = bytes;

    public byte[] Bytes { get; }

    /// <summary>The human-readable message log, when the prover was asked for it.</summary>
    public IReadOnlyList<string>? Annotations { get; init; }

    /// <summary>The compact binary form (the bytes themselves).</summary>
    public byte[] ToBytes() => (byte[])Bytes.Clone();

    public static StarkProof FromBytes(ReadOnlySpan<byte> bytes) => new(bytes.ToArray());
}
