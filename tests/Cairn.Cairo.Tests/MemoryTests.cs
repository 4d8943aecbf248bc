using Cairn.Cairo.Memory;
using Cairn.Cairo.Output;
using Cairn.Primitives;

namespace Cairn.Cairo.Tests;

public class MemoryTests
{
    [Fact]
    public void Write_once_accepts_equal_and_rejects_different_values()
    {
        var mem = new VmMemory();
        var seg = mem.AddSegment();
        mem.Insert(seg.Add(3), Felt.FromUInt64(5));
        mem.Insert(seg.Add(3), Felt.FromUInt64(5));
        var e = Assert.Throws<MemoryException>(() => mem.Insert(seg.Add(3), Felt.FromUInt64(6)));
        Assert.Equal("Inconsistent memory assignment at address 0:3. 5 != 6.", e.Message);
        var e2 = Assert.Throws<MemoryException>(() => mem.Insert(seg.Add(3), new Relocatable(0, 1)));
        Assert.Contains("Inconsistent memory assignment at address 0:3", e2.Message);
    }

    [Fact]
    public void Reading_unset_cells_and_unallocated_segments()
    {
        var mem = new VmMemory();
        var seg = mem.AddSegment();
        Assert.False(mem.TryGet(seg.Add(100), out _));
        var e = Assert.Throws<MemoryException>(() => mem.Get(seg.Add(2)));
        Assert.Equal("Unknown value for memory cell at address 0:2", e.Message);
        Assert.Throws<MemoryException>(() => mem.Insert(new Relocatable(5, 0), Felt.One));
        Assert.Equal(0, mem.GetUsedSize(0));
    }

    [Fact]
    public void Cells_keep_felts_and_addresses_apart_in_32_bytes()
    {
        Assert.Equal(32, System.Runtime.CompilerServices.Unsafe.SizeOf<MaybeRelocatable>());
        var rnd = new Random(11);
        var felts = new List<Felt> { Felt.Zero, Felt.One, Felt.MaxValue, Felt.MaxValue - Felt.One, Felt.FromUInt64(ulong.MaxValue) };
        for (int i = 0; i < 500; i++)
        {
            felts.Add(Felt.FromUInt64((ulong)rnd.NextInt64()) * Felt.FromUInt64((ulong)rnd.NextInt64()) * Felt.FromUInt64((ulong)rnd.NextInt64()) + Felt.FromUInt64((ulong)rnd.NextInt64()));
        }
        var addresses = new List<Relocatable> { new(0, 0), new(-1, 0), new(int.MaxValue, ulong.MaxValue >> 1), new(int.MinValue, 7) };
        for (int i = 0; i < 500; i++) addresses.Add(new Relocatable(rnd.Next(-4, 100), (ulong)rnd.NextInt64()));

        foreach (var f in felts)
        {
            var v = new MaybeRelocatable(f);
            Assert.Equal(ValueKind.Felt, v.Kind);
            Assert.True(v.HasValue && v.IsFelt && !v.IsRelocatable);
            Assert.Equal(f, v.Felt);
            Assert.Equal(f.ToDecimalString(), v.ToString());
            Assert.Equal(f.GetHashCode(), v.GetHashCode());
            Assert.NotEqual(default, v);
            Assert.Equal(v, new MaybeRelocatable(f + Felt.Zero));
            Assert.NotEqual(v, new MaybeRelocatable(f + Felt.One));
            Assert.Equal(f + Felt.One, (v + new MaybeRelocatable(Felt.One)).Felt);
        }
        foreach (var a in addresses)
        {
            var v = new MaybeRelocatable(a);
            Assert.Equal(ValueKind.Relocatable, v.Kind);
            Assert.True(v.HasValue && v.IsRelocatable && !v.IsFelt);
            Assert.Equal(a, v.Relocatable);
            Assert.Equal(v, new MaybeRelocatable(new Relocatable(a.Segment, a.Offset)));
            Assert.NotEqual(v, new MaybeRelocatable(new Relocatable(a.Segment + 1, a.Offset)));
            Assert.NotEqual(v, new MaybeRelocatable(Felt.FromUInt64(a.Offset)));
        }
        Assert.NotEqual(new MaybeRelocatable(Felt.Zero), new MaybeRelocatable(new Relocatable(0, 0)));
        Assert.NotEqual(default, new MaybeRelocatable(new Relocatable(0, 0)));
        Assert.Equal(ValueKind.None, default(MaybeRelocatable).Kind);
        Assert.False(default(MaybeRelocatable).HasValue);
    }

    [Fact]
    public void Relocatable_arithmetic_follows_the_rules()
    {
        var a = new MaybeRelocatable(new Relocatable(1, 10));
        var b = new MaybeRelocatable(new Relocatable(1, 4));
        Assert.Equal(new MaybeRelocatable(Felt.FromUInt64(6)), a - b);
        Assert.Equal(new MaybeRelocatable(-Felt.FromUInt64(6)), b - a);
        Assert.Equal(new MaybeRelocatable(new Relocatable(1, 13)), a + Felt.FromUInt64(3));
        Assert.Equal(new MaybeRelocatable(new Relocatable(1, 7)), a + (-Felt.FromUInt64(3)));
        Assert.Equal(new MaybeRelocatable(new Relocatable(1, 7)), a - Felt.FromUInt64(3));
        Assert.Equal(new MaybeRelocatable(new Relocatable(1, 13)), Felt.FromUInt64(3) + a);
        Assert.Throws<MemoryException>(() => a + b);
        Assert.Throws<MemoryException>(() => new MaybeRelocatable(Felt.One) - a);
        Assert.Throws<MemoryException>(() => a - new MaybeRelocatable(new Relocatable(2, 0)));
        Assert.Throws<MemoryException>(() => b - Felt.FromUInt64(5));
        Assert.Throws<MemoryException>(() => new Relocatable(1, 2).Add(-3));
        Assert.NotEqual(new MaybeRelocatable(Felt.Zero), new MaybeRelocatable(new Relocatable(0, 0)));
        Assert.Equal("1:10", a.ToString());
    }

    [Fact]
    public void Relocation_starts_at_one_and_keeps_holes()
    {
        var mem = new VmMemory();
        var s0 = mem.AddSegment();
        var s1 = mem.AddSegment();
        var s2 = mem.AddSegment(); // stays empty: size 0
        var s3 = mem.AddSegment();
        mem.Insert(s0, Felt.FromUInt64(10));
        mem.Insert(s0.Add(1), s3.Add(1));
        mem.Insert(s1.Add(3), s2); // offsets 0..2 are holes
        mem.Insert(s3.Add(1), Felt.FromUInt64(0xabcdef));

        var table = mem.ComputeRelocationTable();
        Assert.Equal([1UL, 3UL, 7UL, 7UL], table.Bases);
        Assert.Equal([2UL, 4UL, 0UL, 2UL], table.Sizes);
        Assert.Equal(9UL, table.End);
        Assert.Equal(6UL, table.Relocate(s1.Add(3)));

        byte[] bytes = MemoryFile.ToBytes(mem, table);
        var expected = new List<(ulong Addr, Felt Value)>
        {
            (1, Felt.FromUInt64(10)),
            (2, Felt.FromUInt64(8)), // rel(3, 1) -> 7 + 1
            (6, Felt.FromUInt64(7)), // rel(2, 0) -> 7
            (8, Felt.FromUInt64(0xabcdef)),
        };
        Assert.Equal(expected.Count * 40, bytes.Length);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Addr, BitConverter.ToUInt64(bytes, i * 40));
            var value = new byte[32];
            expected[i].Value.ToLimbs(out ulong l0, out ulong l1, out ulong l2, out ulong l3);
            BitConverter.GetBytes(l0).CopyTo(value, 0);
            BitConverter.GetBytes(l1).CopyTo(value, 8);
            BitConverter.GetBytes(l2).CopyTo(value, 16);
            BitConverter.GetBytes(l3).CopyTo(value, 24);
            Assert.Equal(value, bytes.AsSpan(i * 40 + 8, 32).ToArray());
        }
    }

    [Fact]
    public void Cells_across_pages_and_far_offsets()
    {
        var mem = new VmMemory();
        var seg = mem.AddSegment();
        ulong[] offsets = [0, 4095, 4096, 4097, 70_000];
        foreach (ulong o in offsets) mem.Insert(seg.Add((long)o), Felt.FromUInt64(o + 1));
        foreach (ulong o in offsets) Assert.Equal(new MaybeRelocatable(Felt.FromUInt64(o + 1)), mem.Get(seg.Add((long)o)));
        Assert.False(mem.TryGet(seg.Add(4098), out _));
        Assert.False(mem.TryGet(seg.Add(1_000_000), out _));
        Assert.Equal(70_001, mem.GetUsedSize(0));
        var bytes = MemoryFile.ToBytes(mem, mem.ComputeRelocationTable());
        Assert.Equal(offsets.Length * 40, bytes.Length);
        for (int i = 0; i < offsets.Length; i++) Assert.Equal(offsets[i] + 1, BitConverter.ToUInt64(bytes, i * 40));
        Assert.Throws<MemoryException>(() => mem.Insert(seg.Add(VmMemory.MaxSegmentSize), Felt.One));
    }
}
