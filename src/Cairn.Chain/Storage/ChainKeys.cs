using System.Buffers.Binary;
using Cairn.Primitives;

namespace Cairn.Chain.Storage;

/// <summary>Key encodings of the chain store's columns (see <see cref="ChainStore"/>). Numbers are big-endian so keys sort by block.</summary>
internal static class ChainKeys
{
    public static readonly byte[] Head = [(byte)'h'];
    public static readonly byte[] L1Accepted = [(byte)'l'];

    public static byte[] Block(ulong number)
    {
        var key = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(key, number);
        return key;
    }

    /// <summary>block (8) + transaction index (4).</summary>
    public static byte[] Transaction(ulong block, int index)
    {
        var key = new byte[12];
        BinaryPrimitives.WriteUInt64BigEndian(key, block);
        BinaryPrimitives.WriteInt32BigEndian(key.AsSpan(8), index);
        return key;
    }

    public static byte[] Felt(Felt value) => value.ToBytesBE();

    /// <summary>address (32) + block (8) + transaction index (4) + event index (4).</summary>
    public static byte[] EventByAddress(Felt address, ulong block, int transactionIndex, int eventIndex)
    {
        var key = new byte[48];
        address.WriteBytesBE(key);
        BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(32), block);
        BinaryPrimitives.WriteInt32BigEndian(key.AsSpan(40), transactionIndex);
        BinaryPrimitives.WriteInt32BigEndian(key.AsSpan(44), eventIndex);
        return key;
    }

    /// <summary>L1 transaction hash (32) + L2 transaction hash (32).</summary>
    public static byte[] L1Handler(ReadOnlySpan<byte> l1TransactionHash, Felt l2TransactionHash)
    {
        if (l1TransactionHash.Length != 32) throw new ArgumentException("an L1 transaction hash has 32 bytes", nameof(l1TransactionHash));
        var key = new byte[64];
        l1TransactionHash.CopyTo(key);
        l2TransactionHash.WriteBytesBE(key.AsSpan(32));
        return key;
    }

    public static ulong ReadUInt64(ReadOnlySpan<byte> bytes) => BinaryPrimitives.ReadUInt64BigEndian(bytes);

    public static int ReadInt32(ReadOnlySpan<byte> bytes) => BinaryPrimitives.ReadInt32BigEndian(bytes);
}
