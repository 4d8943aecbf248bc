using System.Buffers.Binary;

namespace Cairn.Storage.CrashHelper;

/// <summary>
/// The shape of the numbered batches the crash test writes and checks: batch n puts
/// <see cref="KeysPerColumn"/> keys into each of the columns "a" and "b" and sets "last" in "meta" to n.
/// </summary>
public static class CrashBatch
{
    public const int KeysPerColumn = 50;

    public static readonly string[] Columns = ["a", "b", "meta"];

    public static readonly byte[] LastKey = "last"u8.ToArray();

    /// <summary>Key j of batch n: n (8 bytes, big-endian) then j (2 bytes, big-endian).</summary>
    public static byte[] Key(long batch, int index)
    {
        var key = new byte[10];
        BinaryPrimitives.WriteInt64BigEndian(key, batch);
        BinaryPrimitives.WriteUInt16BigEndian(key.AsSpan(8), (ushort)index);
        return key;
    }

    /// <summary>The value of key j of batch n in a column: 64 bytes derived from all three.</summary>
    public static byte[] Value(long batch, int index, int column)
    {
        var value = new byte[64];
        for (var i = 0; i < value.Length; i += 8)
        {
            BinaryPrimitives.WriteInt64LittleEndian(value.AsSpan(i), (batch * 1_000_003) ^ (index * 7919L) ^ (column * 131L) ^ i);
        }

        return value;
    }

    public static byte[] Number(long batch)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, batch);
        return bytes;
    }

    public static void Fill(IKeyValueStore store, IWriteBatch batch, long number)
    {
        var a = store.GetColumn(Columns[0]);
        var b = store.GetColumn(Columns[1]);
        var meta = store.GetColumn(Columns[2]);
        for (var j = 0; j < KeysPerColumn; j++)
        {
            var key = Key(number, j);
            batch.Put(a, key, Value(number, j, 0));
            batch.Put(b, key, Value(number, j, 1));
        }

        batch.Put(meta, LastKey, Number(number));
    }
}
