using System.Buffers.Binary;
using Cairn.Cairo.Memory;
using Cairn.Cairo.Vm;

namespace Cairn.Cairo.Output;

/// <summary>
/// trace.bin (cairo-vm.md §6.4): one 24-byte record per step, in execution order:
/// ap, fp, pc as little-endian u64, relocated.
/// </summary>
public static class TraceFile
{
    public const int RecordSize = 24;

    public static void Write(Stream stream, IReadOnlyList<TraceEntry> trace, RelocationTable table)
    {
        var buffer = new byte[RecordSize * 4096];
        int n = 0;
        foreach (var e in trace)
        {
            var span = buffer.AsSpan(n, RecordSize);
            BinaryPrimitives.WriteUInt64LittleEndian(span, table.Relocate(e.Ap));
            BinaryPrimitives.WriteUInt64LittleEndian(span[8..], table.Relocate(e.Fp));
            BinaryPrimitives.WriteUInt64LittleEndian(span[16..], table.Relocate(e.Pc));
            n += RecordSize;
            if (n == buffer.Length)
            {
                stream.Write(buffer, 0, n);
                n = 0;
            }
        }
        stream.Write(buffer, 0, n);
    }

    public static byte[] ToBytes(IReadOnlyList<TraceEntry> trace, RelocationTable table)
    {
        using var ms = new MemoryStream(trace.Count * RecordSize);
        Write(ms, trace, table);
        return ms.ToArray();
    }
}
