using Cairn.Cairo.Hints.Cairo0;
using Cairn.Cairo.Layouts;
using Cairn.Cairo.Memory;
using Cairn.Cairo.Programs;
using Cairn.Cairo.Runners;
using Cairn.Cairo.Vm;
using Cairn.Primitives;
using Cairn.Testing;

namespace Cairn.Cairo.Tests;

/// <summary>
/// Public compiled Cairo 0 programs (cairo-lang's common library and its hints; fixtures and their
/// sources in Programs/Public/README.md): each runs to completion in the mode it was compiled for,
/// with the layout cairo-vm's benchmarks use, passes the run's security checks, and leaves in memory
/// what its source computes.
/// </summary>
public class PublicProgramTests
{
    private static CairoRunner Run(string json, string layout, bool proofMode)
    {
        var runner = new CairoRunner(CairoProgram.Parse(json), new CairoRunOptions { Layout = Layout.Get(layout), ProofMode = proofMode });
        runner.RunMain();
        if (proofMode) runner.VerifySecureRunner();
        return runner;
    }

    private static Felt F(long v) => v >= 0 ? Felt.FromUInt64((ulong)v) : Felt.Zero - Felt.FromUInt64((ulong)-v);

    /// <summary>The DictAccess triples of segment <paramref name="segment"/>.</summary>
    private static List<(Felt Key, Felt Prev, Felt New)> Accesses(VmMemory memory, int segment) =>
        Enumerable.Range(0, memory.GetUsedSize(segment) / 3).Select(i => Access(memory, segment, i)).ToList();

    private static List<(Felt, Felt, Felt)> Triples(params (long Key, long Prev, long New)[] t) => t.Select(x => (F(x.Key), F(x.Prev), F(x.New))).ToList();

    /// <summary>The three cells of the DictAccess at <paramref name="index"/> of segment <paramref name="segment"/>.</summary>
    private static (Felt Key, Felt Prev, Felt New) Access(VmMemory memory, int segment, int index)
    {
        var key = memory.GetCell(segment, 3 * index);
        var prev = memory.GetCell(segment, 3 * index + 1);
        var next = memory.GetCell(segment, 3 * index + 2);
        Assert.True(key.IsFelt && prev.IsFelt && next.IsFelt);
        return (key.Felt, prev.Felt, next.Felt);
    }

    /// <summary>
    /// dict_integration_benchmark: run_tests(200) runs test_integration 200 times; each makes a
    /// default dict (default 9998789), fills keys 0..199 with 1 + 2i (dict_write, dict_read), moves them
    /// to 2 + 3i (dict_read, dict_update, dict_read), squashes it (dict_squash: squash_dict's hints) and
    /// checks the result. Every access log must hold the 1,000 accesses in that order, and every
    /// squashed dict (i, 9998789, 2 + 3i) for i in 0..199, as squash_dict defines it (the first access's
    /// prev_value, the last access's new_value). The source's check_squashed_dictionary receives the
    /// squashed dict's end, not its start, so its asserts write a second run of (i, 1 + 2i, 2 + 3i)
    /// after the squashed entries instead of reading them; that is checked too.
    /// </summary>
    [Fact]
    public void Dict_integration_benchmark_runs_in_proof_mode_and_squashes_every_dict()
    {
        var runner = Run(PublicCairoPrograms.Json("dict_integration_benchmark"), "all_cairo", proofMode: true);
        Assert.Equal(6_813_817, runner.OriginalSteps);
        Assert.Equal(1, runner.Vm.HintContext.Scopes.Depth);

        const int n = 200;
        var defaultValue = F(9_998_789);
        var memory = runner.Memory;
        int logs = 0, squashed = 0;
        for (int s = 2; s < memory.SegmentCount; s++)
        {
            int used = memory.GetUsedSize(s);
            if (used == 3 * 5 * n)
            {
                logs++;
                for (int i = 0; i < n; i++)
                {
                    Assert.Equal((F(i), defaultValue, F(1 + 2 * i)), Access(memory, s, 2 * i));         // fill: dict_write
                    Assert.Equal((F(i), F(1 + 2 * i), F(1 + 2 * i)), Access(memory, s, 2 * i + 1));    //       dict_read
                    Assert.Equal((F(i), F(1 + 2 * i), F(1 + 2 * i)), Access(memory, s, 2 * n + 3 * i)); // update: dict_read
                    Assert.Equal((F(i), F(1 + 2 * i), F(2 + 3 * i)), Access(memory, s, 2 * n + 3 * i + 1)); // dict_update
                    Assert.Equal((F(i), F(2 + 3 * i), F(2 + 3 * i)), Access(memory, s, 2 * n + 3 * i + 2)); // dict_read
                }
            }
            else if (used == 2 * 3 * n)
            {
                squashed++;
                for (int i = 0; i < n; i++)
                {
                    Assert.Equal((F(i), defaultValue, F(2 + 3 * i)), Access(memory, s, i));
                    Assert.Equal((F(i), F(1 + 2 * i), F(2 + 3 * i)), Access(memory, s, n + i));
                }
            }
        }
        Assert.Equal(n, logs);
        Assert.Equal(n, squashed);
    }

    /// <summary>
    /// set_integration_benchmark: run_tests(8000) fills an array of 8,000 Uint256 (element i is
    /// (57(i + 2), 101 + 8(i + 1)), built with uint256_add), adds them all to a set (set_add's hint
    /// scans the set: none is there yet), adds them all again (every one is found: set_add uses 2
    /// range checks on a duplicate) and checks the set. The set must hold the array, in order; the
    /// range-check segment the 16,000 checks of uint256_add and the 16,000 of the duplicates.
    /// </summary>
    [Fact]
    public void Set_integration_benchmark_runs_in_proof_mode_and_builds_the_set()
    {
        var runner = Run(PublicCairoPrograms.Json("set_integration_benchmark"), "all_cairo", proofMode: true);
        Assert.Equal(1_560_058, runner.OriginalSteps);
        Assert.Equal(1, runner.Vm.HintContext.Scopes.Depth);

        const int n = 8000;
        var memory = runner.Memory;
        var rangeCheck = runner.Builtins.Single(b => b.Name == "range_check");
        Assert.Equal(2 * n + 2 * n, memory.GetUsedSize(rangeCheck.Base.Segment));
        var arrays = Enumerable.Range(2, memory.SegmentCount - 2).Where(s => memory.GetUsedSize(s) == 2 * n).ToList();
        Assert.Equal(2, arrays.Count); // the array, then the set
        foreach (int s in arrays)
        {
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(new MaybeRelocatable(F(57L * (i + 2))), memory.GetCell(s, 2 * i));
                Assert.Equal(new MaybeRelocatable(F(101 + 8L * (i + 1))), memory.GetCell(s, 2 * i + 1));
            }
        }
    }

    /// <summary>
    /// dict_squash.small (cairo-vm-go's hint test, cairo-lang 0.13.1, layout small): squash_dict on six
    /// hand-written accesses must give {0: (100, 300), 1: (50, 150)} (the program asserts it), and
    /// dict_squash on a default dict (default 17) written and updated with negative values must give
    /// (key, 17, last value) per key: the first access's prev_value is the default. Its own asserts
    /// again receive the squashed dict's end and write their triples after it.
    /// </summary>
    [Fact]
    public void Dict_squash_small_runs_in_proof_mode_and_squashes()
    {
        var runner = Run(PublicCairoPrograms.Json("dict_squash.small"), "small", proofMode: true);
        Assert.Equal(499, runner.OriginalSteps);
        var memory = runner.Memory;
        var segments = Enumerable.Range(2, memory.SegmentCount - 2).Where(s => memory.GetUsedSize(s) > 0 && memory.GetUsedSize(s) % 3 == 0)
            .Select(s => Accesses(memory, s)).ToList();
        Assert.Contains(Triples((0, 100, 300), (1, 50, 150)), segments);
        Assert.Contains(Triples((0, 17, 1), (1, 17, 10), (2, 17, -2), (0, 1, 2), (0, 2, 3), (0, 3, 4), (1, 10, 15), (1, 15, 20), (1, 20, 25), (2, -2, -4), (2, -4, -8), (2, -8, -16)), segments);
        Assert.Contains(Triples((0, 17, 4), (1, 17, 25), (2, 17, -16), (0, 1, 4), (1, 10, 25), (2, -2, -16)), segments);
    }

    /// <summary>
    /// The program's own asserts are live: with a dict_read hint that answers the key instead of its
    /// value, fill_dictionary's <c>assert val = new_val</c> fails.
    /// </summary>
    [Fact]
    public void Dict_integration_benchmark_catches_a_wrong_dict_read()
    {
        var registry = Cairo0HintRegistry.Default.Clone();
        registry.Register(DictHints.DictRead, static (c, ids) =>
        {
            var tracker = c.GetState<DictManager>().GetTracker(ids.GetRelocatable(c, "dict_ptr"));
            tracker.CurrentPtr = tracker.CurrentPtr.Add(3);
            ids.Set(c, "value", ids.Get(c, "key"));
        });
        var program = CairoProgram.Parse(PublicCairoPrograms.Json("dict_integration_benchmark"));
        var runner = new CairoRunner(program, new CairoRunOptions { Layout = Layout.Get("all_cairo"), ProofMode = true, HintRegistry = registry });
        var e = Assert.ThrowsAny<VmException>(runner.RunMain);
        Assert.Contains("An ASSERT_EQ instruction failed", e.Message, StringComparison.Ordinal);
    }
}
