using System.Buffers.Binary;
using Cairn.Cairo.Memory;

namespace Cairn.Cairo.Output;

/// <summary>
/// memory.bin (cairo-vm.md §6.5): one 40-byte record per written cell, in increasing address order
/// (as the Rust VM writes it): relocated address as u64 LE, then the relocated value as a 32-byte
/// little-endian felt. Holes are absent.
/// </summary>
public static class MemoryFile
{
    public const int RecordSize = 40;

    public static void Write(Stream stream, VmMemory memory, RelocationTable table)
    {
        var buffer = new byte[RecordSize * 4096];
        int n = 0;
        for (int s = 0; s < memory.SegmentCount; s++)
        {
            int size = memory.GetUsedSize(s);
            ulong baseAddr = table.Bases[s];
            for (int o = 0; o < size; o++)
            {
                var cell = memory.GetCell(s, o);
                if (!cell.HasValue) continue;
                var span = buffer.AsSpan(n, RecordSize);
                BinaryPrimitives.WriteUInt64LittleEndian(span, baseAddr + (ulong)o);
                table.Relocate(cell).WriteBytesLE(span.Slice(8, 32));
                n += RecordSize;
                if (n == buffer.Length)
                {
                    stream.Write(buffer, 0, n);
                    n = 0;
                }
            }
        }
        stream.Write(buffer, 0, n);
    }

    public static byte[] ToBytes(VmMemory memory, RelocationTable table)
    {
        using var ms = new MemoryStream();
        Write(ms, memory, table);
        return ms.ToArray();
    }
}
