using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Cairn.Primitives;

namespace Cairn.Chain.Storage;

/// <summary>
/// Writes the chain store's compact binary encoding: unsigned LEB128 varints, felts as a length byte (0–32) and
/// that many big-endian bytes (leading zeros dropped), UTF-8 strings with a varint length.
/// </summary>
internal sealed class ByteWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);

    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    public void Clear() => _buffer.ResetWrittenCount();

    public void Byte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    public void Bool(bool value) => Byte(value ? (byte)1 : (byte)0);

    public void VarUInt(ulong value)
    {
        var span = _buffer.GetSpan(10);
        var n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[n++] = (byte)value;
        _buffer.Advance(n);
    }

    public void UInt64BE(ulong value)
    {
        BinaryPrimitives.WriteUInt64BigEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void Felt(Felt value)
    {
        Span<byte> bytes = stackalloc byte[32];
        value.WriteBytesBE(bytes);
        var start = bytes.IndexOfAnyExcept((byte)0);
        var significant = start < 0 ? [] : bytes[start..];
        var span = _buffer.GetSpan(33);
        span[0] = (byte)significant.Length;
        significant.CopyTo(span[1..]);
        _buffer.Advance(1 + significant.Length);
    }

    public void Felts(IReadOnlyList<Felt> values)
    {
        VarUInt((ulong)values.Count);
        for (var i = 0; i < values.Count; i++) Felt(values[i]);
    }

    public void Felts(ReadOnlySpan<Felt> values)
    {
        VarUInt((ulong)values.Length);
        foreach (var v in values) Felt(v);
    }

    public void UInt128(UInt128 value) => Felt(Primitives.Felt.FromUInt128(value));

    public void Bytes(ReadOnlySpan<byte> value)
    {
        VarUInt((ulong)value.Length);
        value.CopyTo(_buffer.GetSpan(value.Length));
        _buffer.Advance(value.Length);
    }

    public void String(string value) => Bytes(Encoding.UTF8.GetBytes(value));

    public void NullableString(string? value)
    {
        Bool(value is not null);
        if (value is not null) String(value);
    }
}
