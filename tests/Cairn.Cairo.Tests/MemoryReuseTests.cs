using Cairn.Cairo.Memory;
using Cairn.Cairo.Programs;
using Cairn.Cairo.Runners;
using Cairn.Cairo.Vm;
using Cairn.Primitives;

namespace Cairn.Cairo.Tests;

/// <summary>Released memory pages and trace chunks are reused by later runs without leaking values.</summary>
public class MemoryReuseTests
{
    [Fact]
    public void Released_pages_come_back_empty()
    {
        const int cells = 5 * MemorySegment.PageSize + 17;
        for (int round = 0; round < 3; round++)
        {
            var mem = new VmMemory();
            var seg = mem.AddSegment();
            var other = mem.AddSegment();
            for (int i = 0; i < cells; i += 3)
            {
                Assert.False(mem.TryGet(seg.Add(i), out _), $"round {round}: cell {i} of a new memory holds a value");
            }
            for (int i = 0; i < cells; i += 3) mem.Insert(seg.Add(i), Felt.FromUInt64((ulong)(i + round)));
            mem.Insert(other.Add(MemorySegment.PageSize * 2), seg);
            for (int i = 0; i < cells; i++)
            {
                bool set = mem.TryGet(seg.Add(i), out var v);
                Assert.Equal(i % 3 == 0, set);
                if (set) Assert.Equal(new MaybeRelocatable(Felt.FromUInt64((ulong)(i + round))), v);
            }
            mem.Dispose();
        }
    }

    [Fact]
    public void Released_memory_reads_nothing_and_rejects_writes()
    {
        var mem = new VmMemory();
        var seg = mem.AddSegment();
        mem.Insert(seg.Add(MemorySegment.PageSize + 1), Felt.One);
        mem.Dispose();
        mem.Dispose();
        Assert.False(mem.TryGet(seg.Add(MemorySegment.PageSize + 1), out _));
        var e = Assert.Throws<MemoryException>(() => mem.Insert(seg, Felt.One));
        Assert.Contains("the memory was released", e.Message);
        Assert.Throws<ObjectDisposedException>(() => mem.AddSegment());
    }

    [Fact]
    public void Shared_segments_are_not_handed_to_the_pool()
    {
        var values = new MaybeRelocatable[MemorySegment.PageSize * 2];
        for (int i = 0; i < values.Length; i++) values[i] = Felt.FromUInt64((ulong)i + 1);
        var pages = VmMemory.ToPages(values);
        for (int round = 0; round < 3; round++)
        {
            var mem = new VmMemory();
            var code = mem.AddSharedSegment(pages, values.Length);
            var scratch = mem.AddSegment();
            for (int i = 0; i < 3 * MemorySegment.PageSize; i++) mem.Insert(scratch.Add(i), Felt.Zero);
            Assert.Equal(values[^1], mem.Get(code.Add(values.Length - 1)));
            mem.Dispose();
        }
        for (int i = 0; i < values.Length; i++) Assert.Equal(new MaybeRelocatable(Felt.FromUInt64((ulong)i + 1)), pages[i / MemorySegment.PageSize][i % MemorySegment.PageSize]);
    }

    [Fact]
    public void Runs_after_released_runs_write_the_same_files()
    {
        var program = Programs.FibonacciLoop(3000).Build();
        var (trace, memory) = Files(program);
        for (int i = 0; i < 3; i++)
        {
            var (t, m) = Files(program);
            Assert.Equal(trace, t);
            Assert.Equal(memory, m);
        }

        // A different, shorter program on the pages the long one left behind.
        var small = Programs.FibonacciLoop(10).Build();
        using var a = new CairoRunner(small, new CairoRunOptions { RecordTrace = true });
        a.RunMain();
        Assert.Equal(3 + 4 * 10 + 1, a.Vm.Trace.Count);
        Assert.False(a.Memory.TryGet(a.ExecutionBase.Add(a.Memory.GetUsedSize(a.ExecutionBase.Segment)), out _));
    }

    [Fact]
    public void Trace_entries_round_trip_and_large_offsets_are_a_clear_error()
    {
        var trace = new TraceBuffer();
        var rnd = new Random(7);
        var expected = new List<TraceEntry>();
        for (int i = 0; i < 70_000; i++)
        {
            var e = new TraceEntry(
                new Relocatable(rnd.Next(0, 5), (ulong)rnd.NextInt64(0, 1L << 32)),
                new Relocatable(rnd.Next(0, 5), (ulong)rnd.NextInt64(0, 1L << 32)),
                new Relocatable(rnd.Next(0, 5), uint.MaxValue));
            expected.Add(e);
            trace.Add(e.Pc, e.Ap, e.Fp);
        }
        Assert.Equal(expected, trace.ToList());
        var error = Assert.Throws<VmException>(() => trace.Add(new Relocatable(0, 1), new Relocatable(1, 1UL << 32), new Relocatable(1, 0)));
        Assert.Contains("2^32", error.Message);
        trace.Release();
        Assert.Empty(trace);
    }

    private static (byte[] Trace, byte[] Memory) Files(CairoProgram program)
    {
        using var runner = new CairoRunner(program, new CairoRunOptions { RecordTrace = true });
        runner.RunMain();
        using var trace = new MemoryStream();
        using var memory = new MemoryStream();
        runner.WriteTrace(trace);
        runner.WriteMemory(memory);
        return (trace.ToArray(), memory.ToArray());
    }
}
