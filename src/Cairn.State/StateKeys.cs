using System.Buffers.Binary;
using Cairn.Primitives;

namespace Cairn.State;

/// <summary>Key encodings of the state data column (see <see cref="WorldState"/>).</summary>
internal static class StateKeys
{
    public const byte Head = (byte)'h';
    public const byte Block = (byte)'b';
    public const byte Contract = (byte)'c';
    public const byte Class = (byte)'k';
    public const byte Storage = (byte)'s';
    public const byte StorageWrites = (byte)'w';
    public const byte FlatStorage = (byte)'f';
    public const byte LatestStorage = (byte)'l';

    /// <summary><c>'l' + address (32 BE) + key (32 BE)</c> → the slot's value after the latest block (absent: 0).</summary>
    public static byte[] LatestStorageKey(Felt address, Felt key)
    {
        var bytes = new byte[65];
        bytes[0] = LatestStorage;
        address.WriteBytesBE(bytes.AsSpan(1, 32));
        key.WriteBytesBE(bytes.AsSpan(33, 32));
        return bytes;
    }

    public static byte[] FlatStorageKey() => [FlatStorage];

    /// <summary><c>'s' + address (32 BE) + key (32 BE) + ~block (8 BE)</c>: newer blocks sort first.</summary>
    public static byte[] StorageKey(Felt address, Felt key, ulong block)
    {
        var bytes = new byte[73];
        bytes[0] = Storage;
        address.WriteBytesBE(bytes.AsSpan(1, 32));
        key.WriteBytesBE(bytes.AsSpan(33, 32));
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(65), ~block);
        return bytes;
    }

    /// <summary>An exclusive upper bound above every versioned entry of one storage slot.</summary>
    public static byte[] StorageUpperBound(Felt address, Felt key)
    {
        var bytes = new byte[74];
        bytes[0] = Storage;
        address.WriteBytesBE(bytes.AsSpan(1, 32));
        key.WriteBytesBE(bytes.AsSpan(33, 32));
        bytes.AsSpan(65, 8).Fill(0xFF);
        return bytes;
    }

    /// <summary><c>'w' + block (8 BE)</c> → the (address, key) pairs the block wrote, for reverts.</summary>
    public static byte[] StorageWritesKey(ulong block)
    {
        var key = new byte[9];
        key[0] = StorageWrites;
        BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(1), block);
        return key;
    }

    public static byte[] HeadKey() => [Head];

    public static byte[] BlockKey(ulong block)
    {
        var key = new byte[9];
        key[0] = Block;
        BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(1), block);
        return key;
    }

    /// <summary><c>prefix + id (32 BE) + ~block (8 BE)</c>: newer blocks sort first.</summary>
    public static byte[] VersionedKey(byte prefix, Felt id, ulong block)
    {
        var key = new byte[41];
        key[0] = prefix;
        id.WriteBytesBE(key.AsSpan(1, 32));
        BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(33), ~block);
        return key;
    }

    /// <summary>An exclusive upper bound above every versioned key of <paramref name="id"/>.</summary>
    public static byte[] VersionedUpperBound(byte prefix, Felt id)
    {
        var key = new byte[42];
        key[0] = prefix;
        id.WriteBytesBE(key.AsSpan(1, 32));
        key.AsSpan(33, 8).Fill(0xFF);
        return key;
    }
}
