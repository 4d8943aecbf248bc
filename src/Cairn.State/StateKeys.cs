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
