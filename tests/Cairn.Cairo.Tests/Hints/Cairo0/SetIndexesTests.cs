using Cairn.Cairo.Hints.Cairo0;
using Cairn.Cairo.Memory;
using Cairn.Primitives;

namespace Cairn.Cairo.Tests.Hints.Cairo0;

/// <summary>set_add's index answers, and fails, exactly as the hint's own scan does.</summary>
public class SetIndexesTests
{
    [Fact]
    public void Index_agrees_with_the_scan_on_random_sets_queries_and_holes()
    {
        var rnd = new Random(5);
        for (int round = 0; round < 200; round++)
        {
            var memory = new VmMemory();
            var seg = memory.AddSegment();
            int elmSize = rnd.Next(1, 4);
            int cells = rnd.Next(0, 60);
            int hole = rnd.Next(4) == 0 ? rnd.Next(0, cells + 5) : -1; // a cell left unset (or past the end)
            for (int i = 0; i < cells + elmSize; i++)
            {
                if (i == hole) continue;
                // Few distinct values, so elements repeat; now and then an address instead of a felt.
                MaybeRelocatable v = rnd.Next(10) == 0 ? new Relocatable(0, (ulong)rnd.Next(3)) : Felt.FromUInt64((ulong)rnd.Next(3));
                memory.Insert(seg.Add(i), v);
            }
            var index = new SetIndexes();
            for (int q = 0; q < 40; q++)
            {
                // set_end_ptr moves back and forth, as different calls on one set_ptr would see it.
                ulong length = (ulong)rnd.Next(0, cells + 1);
                var element = new MaybeRelocatable[elmSize];
                for (int j = 0; j < elmSize; j++) element[j] = rnd.Next(10) == 0 ? new Relocatable(0, (ulong)rnd.Next(3)) : Felt.FromUInt64((ulong)rnd.Next(3));
                string expected = Outcome(() => SetIndexes.Scan(memory, seg, length, element));
                string actual = Outcome(() => index.Find(memory, seg, length, element));
                Assert.True(expected == actual, $"round {round}, query {q}: elm_size {elmSize}, length {length}, hole {hole}: scan {expected}, index {actual}");
            }
        }
    }

    [Fact]
    public void A_cell_written_after_a_failed_read_is_found_later()
    {
        var memory = new VmMemory();
        var seg = memory.AddSegment();
        memory.Insert(seg, Felt.One);
        var index = new SetIndexes();
        MaybeRelocatable[] two = [Felt.FromUInt64(2)];
        Assert.Throws<MemoryException>(() => index.Find(memory, seg, 2, two));
        memory.Insert(seg.Add(1), Felt.FromUInt64(2));
        Assert.Equal(1, index.Find(memory, seg, 2, two));
        Assert.Equal(-1, index.Find(memory, seg, 1, two));
        Assert.Equal(0, index.Find(memory, seg, 2, [Felt.One]));
    }

    private static string Outcome(Func<long> find)
    {
        try
        {
            return find().ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (MemoryException e)
        {
            return "error: " + e.Message;
        }
    }
}
