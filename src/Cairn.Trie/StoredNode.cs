using System.Buffers.Binary;
using Cairn.Primitives;

namespace Cairn.Trie;

/// <summary>
/// A decoded node record. Binary: A = left, B = right. Edge: A = child, <see cref="Path"/>/<see cref="Length"/>.
/// Child ids are 0 for leaves (the child hash is then the leaf value).
/// </summary>
/// <remarks>
/// Record layout (big-endian):
/// binary = [0][left hash 32][right hash 32][left id 8][right id 8] (81 bytes);
/// edge = [1][child hash 32][child id 8][length 1][path: ceil(length / 8) bytes] (≤ 74 bytes).
/// </remarks>
internal readonly struct StoredNode
{
    public const int MaxEncodedLength = 81;
    private const byte BinaryTag = 0;
    private const byte EdgeTag = 1;

    public readonly bool IsBinary;
    public readonly Felt HashA;
    public readonly Felt HashB;
    public readonly ulong IdA;
    public readonly ulong IdB;
    public readonly Bits256 Path;
    public readonly int Length;

    private StoredNode(bool isBinary, Felt hashA, Felt hashB, ulong idA, ulong idB, Bits256 path, int length)
    {
        IsBinary = isBinary;
        HashA = hashA;
        HashB = hashB;
        IdA = idA;
        IdB = idB;
        Path = path;
        Length = length;
    }

    public static int EncodeBinary(Span<byte> destination, Felt left, ulong leftId, Felt right, ulong rightId)
    {
        destination[0] = BinaryTag;
        left.WriteBytesBE(destination.Slice(1, 32));
        right.WriteBytesBE(destination.Slice(33, 32));
        BinaryPrimitives.WriteUInt64BigEndian(destination.Slice(65, 8), leftId);
        BinaryPrimitives.WriteUInt64BigEndian(destination.Slice(73, 8), rightId);
        return 81;
    }

    public static int EncodeEdge(Span<byte> destination, Felt child, ulong childId, Bits256 path, int length)
    {
        destination[0] = EdgeTag;
        child.WriteBytesBE(destination.Slice(1, 32));
        BinaryPrimitives.WriteUInt64BigEndian(destination.Slice(33, 8), childId);
        destination[41] = (byte)length;
        var pathBytes = (length + 7) >> 3;
        Span<byte> full = stackalloc byte[32];
        BinaryPrimitives.WriteUInt64BigEndian(full, path.L3);
        BinaryPrimitives.WriteUInt64BigEndian(full[8..], path.L2);
        BinaryPrimitives.WriteUInt64BigEndian(full[16..], path.L1);
        BinaryPrimitives.WriteUInt64BigEndian(full[24..], path.L0);
        full[(32 - pathBytes)..].CopyTo(destination[42..]);
        return 42 + pathBytes;
    }

    public static StoredNode Decode(ReadOnlySpan<byte> record, ulong id)
    {
        if (record.Length == 81 && record[0] == BinaryTag)
        {
            return new StoredNode(
                true,
                Felt.FromBytesBE(record.Slice(1, 32)),
                Felt.FromBytesBE(record.Slice(33, 32)),
                BinaryPrimitives.ReadUInt64BigEndian(record.Slice(65, 8)),
                BinaryPrimitives.ReadUInt64BigEndian(record.Slice(73, 8)),
                default,
                0);
        }

        if (record.Length >= 42 && record[0] == EdgeTag)
        {
            var length = record[41];
            var pathBytes = (length + 7) >> 3;
            if (length >= 1 && record.Length == 42 + pathBytes)
            {
                Span<byte> full = stackalloc byte[32];
                full.Clear();
                record.Slice(42, pathBytes).CopyTo(full[(32 - pathBytes)..]);
                var path = new Bits256(
                    BinaryPrimitives.ReadUInt64BigEndian(full[24..]),
                    BinaryPrimitives.ReadUInt64BigEndian(full[16..]),
                    BinaryPrimitives.ReadUInt64BigEndian(full[8..]),
                    BinaryPrimitives.ReadUInt64BigEndian(full));
                return new StoredNode(
                    false,
                    Felt.FromBytesBE(record.Slice(1, 32)),
                    default,
                    BinaryPrimitives.ReadUInt64BigEndian(record.Slice(33, 8)),
                    0,
                    path,
                    length);
            }
        }

        throw new InvalidDataException($"Trie node {id} has a malformed record ({record.Length} bytes).");
    }
}
