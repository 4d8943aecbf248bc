using Cairn.Cairo.Hints;
using Cairn.Cairo.Hints.Cairo0;
using Cairn.Cairo.Instructions;
using Cairn.Cairo.Memory;
using Cairn.Cairo.Programs;
using Cairn.Cairo.Runners;
using Cairn.Cairo.Vm;
using Cairn.Primitives;
using static Cairn.Cairo.Instructions.Register;

namespace Cairn.Cairo.Tests;

public class TemporarySegmentTests
{
    private static MaybeRelocatable F(ulong v) => Felt.FromUInt64(v);

    [Fact]
    public void Temporary_segments_have_negative_indices_and_are_written_and_read_like_real_ones()
    {
        var m = new VmMemory();
        m.AddSegment();
        var t1 = m.AddTemporarySegment();
        var t2 = m.AddTemporarySegment();
        Assert.Equal(new Relocatable(-1, 0), t1);
        Assert.Equal(new Relocatable(-2, 0), t2);
        Assert.Equal(2, m.TemporarySegmentCount);
        Assert.Equal(1, m.SegmentCount);

        m.Insert(t1.Add(2), F(7));
        Assert.Equal(F(7), m.Get(t1.Add(2)));
        Assert.Equal(3, m.GetUsedSize(-1));
        Assert.False(m.TryGet(t1, out _));
        Assert.Contains("Inconsistent memory assignment", Assert.Throws<MemoryException>(() => m.Insert(t1.Add(2), F(8))).Message);
        Assert.Contains("segment -3 is not allocated", Assert.Throws<MemoryException>(() => m.Insert(new Relocatable(-3, 0), F(1))).Message);
        // Temporary segments are not relocated to addresses.
        Assert.Single(m.ComputeRelocationTable().Bases);
    }

    [Fact]
    public void Relocation_rules_are_validated()
    {
        var m = new VmMemory();
        var real = m.AddSegment();
        var t = m.AddTemporarySegment();
        Assert.Contains("temporary segment", Assert.Throws<MemoryException>(() => m.AddRelocationRule(real, real)).Message);
        Assert.Contains("offset 0", Assert.Throws<MemoryException>(() => m.AddRelocationRule(t.Add(1), real)).Message);
        Assert.Contains("does not exist", Assert.Throws<MemoryException>(() => m.AddRelocationRule(new Relocatable(-5, 0), real)).Message);
        m.AddRelocationRule(t, real.Add(4));
        Assert.Contains("already has a relocation rule", Assert.Throws<MemoryException>(() => m.AddRelocationRule(t, real)).Message);
    }

    [Fact]
    public void Relocate_memory_moves_temporary_data_and_rewrites_pointers_including_chains()
    {
        var m = new VmMemory();
        var s0 = m.AddSegment();
        var s1 = m.AddSegment();
        var t1 = m.AddTemporarySegment();
        var t2 = m.AddTemporarySegment();
        m.Insert(t1, F(10));
        m.Insert(t1.Add(1), t2.Add(1));    // a pointer into t2, inside t1
        m.Insert(t2, F(20));
        m.Insert(t2.Add(1), F(21));
        m.Insert(s0, t1.Add(1));           // a pointer into t1, in a real segment
        m.Insert(s0.Add(1), t2);

        // t2 → t1 + 5 (a chain), t1 → s1 + 2.
        m.AddRelocationRule(t2, t1.Add(5));
        m.AddRelocationRule(t1, s1.Add(2));
        // Reads translate values on the fly.
        Assert.Equal(new MaybeRelocatable(s1.Add(3)), m.Get(s0));
        Assert.Equal(new MaybeRelocatable(s1.Add(7)), m.Get(s0.Add(1)));

        m.RelocateMemory();

        Assert.Equal(new MaybeRelocatable(s1.Add(3)), m.Get(s0));
        Assert.Equal(new MaybeRelocatable(s1.Add(7)), m.Get(s0.Add(1)));
        Assert.Equal(F(10), m.Get(s1.Add(2)));
        Assert.Equal(new MaybeRelocatable(s1.Add(8)), m.Get(s1.Add(3)));
        Assert.Equal(F(20), m.Get(s1.Add(7)));
        Assert.Equal(F(21), m.Get(s1.Add(8)));
        Assert.Equal(9, m.GetUsedSize(s1.Segment));
        Assert.Equal(0, m.GetUsedSize(-1));
        Assert.Equal(0, m.GetUsedSize(-2));
        Assert.Empty(m.RelocationRules);
    }

    [Fact]
    public void Relocation_conflicts_and_cycles_fail_clearly()
    {
        var m = new VmMemory();
        var s0 = m.AddSegment();
        var t = m.AddTemporarySegment();
        m.Insert(s0, F(1));
        m.Insert(t, F(2));
        m.AddRelocationRule(t, s0);
        Assert.Contains("Inconsistent memory assignment at address 0:0", Assert.Throws<MemoryException>(() => m.RelocateMemory()).Message);

        var c = new VmMemory();
        var a = c.AddTemporarySegment();
        var b = c.AddTemporarySegment();
        c.AddRelocationRule(a, b);
        c.AddRelocationRule(b, a);
        Assert.Contains("cyclic relocation rules", Assert.Throws<MemoryException>(() => c.RelocateMemory()).Message);
    }

    private const string AllocTemp = "test: temporary segment relocated into a real one";

    /// <summary>
    /// <c>main</c> writes a pointer to a temporary segment (created by a hint) holding 5, then a hint
    /// registers the rule temp → a fresh real segment, optionally.
    /// </summary>
    private static CairoRunner TempProgram(bool addRule)
    {
        var registry = new Cairo0HintRegistry();
        registry.Register(AllocTemp + " 0", _ => new DelegateHint(ctx =>
        {
            var t = ctx.Memory.AddTemporarySegment();
            ctx.Memory.Insert(t, Felt.FromUInt64(5));
            ctx.Memory.Insert(ctx.Ap, t);
        }));
        registry.Register(AllocTemp + " 1", _ => new DelegateHint(ctx =>
        {
            if (addRule) ctx.Memory.AddRelocationRule(new Relocatable(-1, 0), ctx.Memory.AddSegment());
        }));
        var a = new Asm()
            .AssertDeref(Ap, 1, Ap, 0, 0)          // [ap+1] = [[ap]] (reads 5 through the temp pointer)
            .AssertOpImm(ResLogic.Add, Ap, 2, Ap, 1, 1)
            .ApAdd(3)
            .Ret();
        static HintDefinition Def(int pc, string code) => new(pc, code, ["__main__"], new ApTracking(0, 0), new Dictionary<string, int>());
        var program = new CairoProgram(a.Words.ToArray(), [],
            new Dictionary<int, IReadOnlyList<HintDefinition>> { [0] = [Def(0, AllocTemp + " 0")], [3] = [Def(3, AllocTemp + " 1")] },
            new Dictionary<string, ProgramIdentifier> { ["__main__.main"] = new("__main__.main", "function", 0, null, null) });
        return new CairoRunner(program, new CairoRunOptions { HintRegistry = registry, RecordTrace = true });
    }

    [Fact]
    public void End_run_relocates_temporary_segments_before_output()
    {
        var r = TempProgram(addRule: true);
        r.RunMain();
        // Segments: program, execution, return_fp, end, then the rule's destination (4).
        var dst = new Relocatable(4, 0);
        Assert.Equal(new MaybeRelocatable(dst), r.Memory.Get(r.ExecutionBase.Add(2)));
        Assert.Equal(Felt.FromUInt64(5), r.Memory.GetFelt(dst));
        Assert.Equal(Felt.FromUInt64(6), r.Memory.GetFelt(r.ExecutionBase.Add(4)));
        using var ms = new MemoryStream();
        r.WriteMemory(ms); // every value relocates
        Assert.True(ms.Length > 0);
    }

    [Fact]
    public void Unrelocated_temporary_data_fails_the_security_check()
    {
        var r = TempProgram(addRule: false);
        var e = Assert.Throws<VmException>(() => r.RunMain());
        Assert.Contains("temporary segment -1 still holds data", e.Message);
    }
}
