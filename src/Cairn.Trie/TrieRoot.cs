using Cairn.Primitives;

namespace Cairn.Trie;

/// <summary>
/// A stored trie version: the id of its root node in a <see cref="TrieNodeStore"/> and its root hash.
/// <see cref="Empty"/> (id 0, hash 0) is the empty trie. Keep both parts: the hash is the commitment,
/// the id is where the nodes start.
/// </summary>
public readonly record struct TrieRoot(ulong NodeId, Felt Hash)
{
    public static TrieRoot Empty => default;

    public bool IsEmpty => NodeId == 0;

    /// <summary>8 + 32 bytes: id then hash, both big-endian (for callers that store roots).</summary>
    public const int EncodedLength = 40;

    public void WriteTo(Span<byte> destination)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(destination, NodeId);
        Hash.WriteBytesBE(destination.Slice(8, 32));
    }

    public static TrieRoot ReadFrom(ReadOnlySpan<byte> source) =>
        new(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(source), Felt.FromBytesBE(source.Slice(8, 32)));
}
