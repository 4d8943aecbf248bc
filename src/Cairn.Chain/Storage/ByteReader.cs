using System.Buffers.Binary;
using System.Text;
using Cairn.Primitives;

namespace Cairn.Chain.Storage;

/// <summary>Reads what <see cref="ByteWriter"/> wrote; malformed data throws <see cref="InvalidDataException"/>.</summary>
internal ref struct ByteReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public ByteReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public readonly bool AtEnd => _position == _data.Length;

    public byte Byte()
    {
        if (_position >= _data.Length) throw Truncated();
        return _data[_position++];
    }

    public bool Bool() => Byte() switch
    {
        0 => false,
        1 => true,
        var b => throw new InvalidDataException($"chain store: {b} is not a boolean byte"),
    };

    public ulong VarUInt()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = Byte();
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }

        throw new InvalidDataException("chain store: varint longer than 64 bits");
    }

    public int Count()
    {
        var n = VarUInt();
        if (n > (ulong)(_data.Length - _position)) throw new InvalidDataException($"chain store: count {n} exceeds the remaining data");
        return (int)n;
    }

    public ulong UInt64BE()
    {
        var value = BinaryPrimitives.ReadUInt64BigEndian(Take(8));
        return value;
    }

    public Felt Felt()
    {
        var length = Byte();
        if (length > 32) throw new InvalidDataException($"chain store: felt of {length} bytes");
        if (!Primitives.Felt.TryFromBytesBE(Take(length), out var value)) throw new InvalidDataException("chain store: value is not a felt");
        return value;
    }

    public Felt[] Felts()
    {
        var n = Count();
        var values = new Felt[n];
        for (var i = 0; i < n; i++) values[i] = Felt();
        return values;
    }

    public UInt128 UInt128()
    {
        var f = Felt();
        f.SplitU256(out var low, out var high);
        if (high != 0) throw new InvalidDataException("chain store: value wider than 128 bits");
        return low;
    }

    public byte[] Bytes() => Take(Count()).ToArray();

    public string String() => Encoding.UTF8.GetString(Take(Count()));

    public string? NullableString() => Bool() ? String() : null;

    private ReadOnlySpan<byte> Take(int n)
    {
        if (n > _data.Length - _position) throw Truncated();
        var span = _data.Slice(_position, n);
        _position += n;
        return span;
    }

    private static InvalidDataException Truncated() => new("chain store: record is truncated");
}
