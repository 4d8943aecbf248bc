using System.Numerics;
using Cairn.Cairo.Hints;
using Cairn.Cairo.Hints.Cairo1;
using Cairn.Cairo.Memory;
using Cairn.Primitives;
using static Cairn.Cairo.Tests.Hints.Cairo1.HintFixture;

namespace Cairn.Cairo.Tests.Hints.Cairo1;

public class MiscHintTests
{
    private static readonly BigInteger P = Felt.Modulus;

    private static Felt F(ulong v) => Felt.FromUInt64(v);

    [Fact]
    public void AllocSegment_writes_a_new_segment()
    {
        var f = new HintFixture();
        int n = f.Memory.SegmentCount;
        f.Run(new AllocSegmentHint(Ap(0)));
        Assert.Equal(new MaybeRelocatable(new Relocatable(n, 0)), f.Get(Ap(0)));
        Assert.Equal(n + 1, f.Memory.SegmentCount);
    }

    [Fact]
    public void TestLessThan_compares_canonical_integers()
    {
        var f = new HintFixture();
        f.Run(new TestLessThanHint(Imm(3), Imm(4), Ap(0)));
        f.Run(new TestLessThanHint(Imm(4), Imm(4), Ap(1)));
        f.Run(new TestLessThanHint(Imm(P - 1), Imm(4), Ap(2)));
        f.Run(new TestLessThanOrEqualHint(Imm(4), Imm(4), Ap(3)));
        f.Run(new TestLessThanOrEqualHint(Imm(5), Imm(4), Ap(4)));
        Assert.Equal([1, 0, 0, 1, 0], Enumerable.Range(0, 5).Select(i => (int)f.Int(Ap((short)i))));
    }

    [Fact]
    public void TestLessThanOrEqual_compares_addresses()
    {
        var f = new HintFixture();
        var seg = f.Memory.AddSegment();
        f.Set(Fp(-1), seg.Add(3));
        f.Set(Fp(-2), seg.Add(5));
        f.Run(new TestLessThanOrEqualAddressHint(D(Fp(-1)), D(Fp(-2)), Ap(0)));
        f.Run(new TestLessThanOrEqualAddressHint(D(Fp(-2)), D(Fp(-1)), Ap(1)));
        f.Run(new TestLessThanOrEqualAddressHint(D(Fp(-2)), ResOperand.BinOp(BinOpKind.Add, Fp(-1), F(2)), Ap(2)));
        f.Run(new TestLessThanOrEqualHint(D(Fp(-2)), ResOperand.BinOp(BinOpKind.Add, Fp(-1), F(1)), Ap(3)));
        // Reference order: every address is below every felt.
        f.Run(new TestLessThanOrEqualHint(D(Fp(-1)), Imm(0), Ap(4)));
        f.Run(new TestLessThanOrEqualHint(Imm(0), D(Fp(-1)), Ap(5)));
        Assert.Equal([1, 0, 1, 0, 1, 0], Enumerable.Range(0, 6).Select(i => (int)f.Int(Ap((short)i))));
    }

    [Fact]
    public void TestLessThan_rejects_addresses()
    {
        var f = new HintFixture();
        f.Set(Fp(-1), f.Memory.AddSegment());
        Assert.Throws<MemoryException>(() => f.Run(new TestLessThanHint(D(Fp(-1)), Imm(1), Ap(0))));
    }

    private static (int Excluded, BigInteger[] Rc, int First, int Second) Arcs(BigInteger a, BigInteger b)
    {
        var f = new HintFixture();
        var rc = f.Memory.AddSegment();
        f.Set(Fp(-1), rc);
        f.Run(new AssertLeFindSmallArcsHint(D(Fp(-1)), Imm(a), Imm(b)));
        f.Run(new AssertLeIsFirstArcExcludedHint(Ap(0)));
        f.Run(new AssertLeIsSecondArcExcludedHint(Ap(1)));
        var values = Enumerable.Range(0, 4).Select(i => f.Memory.GetFelt(rc.Add(i)).ToBigInteger()).ToArray();
        return (f.Context.GetState<AssertLeState>().ExcludedArc!.Value, values, (int)f.Int(Ap(0)), (int)f.Int(Ap(1)));
    }

    [Fact]
    public void AssertLeFindSmallArcs_excludes_the_longest_arc()
    {
        var r = Arcs(1, 10);
        Assert.Equal(2, r.Excluded);
        Assert.Equal(new BigInteger[] { 1, 0, 9, 0 }, r.Rc);
        Assert.Equal((1, 1), (r.First, r.Second));

        r = Arcs(5, P - 2);
        Assert.Equal(1, r.Excluded);
        Assert.Equal(new BigInteger[] { 1, 0, 5, 0 }, r.Rc);
        Assert.Equal((1, 0), (r.First, r.Second));

        r = Arcs(P - 10, P - 5);
        Assert.Equal(0, r.Excluded);
        Assert.Equal(new BigInteger[] { 4, 0, 5, 0 }, r.Rc);
        Assert.Equal((0, 1), (r.First, r.Second));
    }

    [Fact]
    public void AssertLeFindSmallArcs_splits_large_lengths()
    {
        var rng = new Random(11);
        for (int i = 0; i < 100; i++)
        {
            var x = new BigInteger(Enumerable.Range(0, 33).Select(_ => (byte)rng.Next(256)).Append((byte)0).ToArray()) % P;
            var y = new BigInteger(Enumerable.Range(0, 33).Select(_ => (byte)rng.Next(256)).Append((byte)0).ToArray()) % P;
            var (a, b) = x <= y ? (x, y) : (y, x);
            var arcs = new[] { (L: a, I: 0), (L: b - a, I: 1), (L: P - 1 - b, I: 2) }.OrderBy(t => t.L).ThenBy(t => t.I).ToArray();
            var r = Arcs(a, b);
            Assert.Equal(arcs[2].I, r.Excluded);
            Assert.Equal(arcs[0].L, r.Rc[0] + r.Rc[1] * AssertLeFindSmallArcsHint.PrimeOver3High);
            Assert.Equal(arcs[1].L, r.Rc[2] + r.Rc[3] * AssertLeFindSmallArcsHint.PrimeOver2High);
            Assert.True(r.Rc.All(v => v < BigInteger.One << 128));
        }
    }

    [Fact]
    public void AssertLe_flags_need_a_previous_find_small_arcs()
    {
        var f = new HintFixture();
        Assert.Throws<HintException>(() => f.Run(new AssertLeIsFirstArcExcludedHint(Ap(0))));
    }

    [Fact]
    public void RandomEcPoint_is_on_the_curve_and_reproducible()
    {
        var f1 = new HintFixture();
        var f2 = new HintFixture();
        f1.Run(new RandomEcPointHint(Ap(0), Ap(1)));
        f1.Run(new RandomEcPointHint(Ap(2), Ap(3)));
        f2.Run(new RandomEcPointHint(Ap(0), Ap(1)));
        foreach (short i in new short[] { 0, 2 })
        {
            var x = f1.Int(Ap(i));
            var y = f1.Int(Ap((short)(i + 1)));
            Assert.Equal(y * y % P, (x * x * x + x + RandomEcPointHint.Beta.ToBigInteger()) % P);
        }
        Assert.Equal(f1.Get(Ap(0)), f2.Get(Ap(0)));
        Assert.Equal(f1.Get(Ap(1)), f2.Get(Ap(1)));
        Assert.NotEqual(f1.Get(Ap(0)), f1.Get(Ap(2)));
    }

    [Fact]
    public void DebugPrint_formats_felts_and_byte_arrays()
    {
        var f = new HintFixture();
        var seg = f.Memory.AddSegment();
        var hello = Felt.FromShortString("hello");
        f.Memory.Load(seg, [hello, F(5), DebugFormatter.ByteArrayMagic, F(0), hello, F(5), F(0)]);
        f.Set(Fp(-1), seg);
        var output = new StringWriter();
        f.Context.DebugOutput = output;
        f.Run(new DebugPrintHint(D(Fp(-1)), ResOperand.BinOp(BinOpKind.Add, Fp(-1), F(7))));
        Assert.Equal("[DEBUG]\t0x68656c6c6f ('hello')\n[DEBUG]\t0x5\nhello\n[DEBUG]\t0x0 ('')\n", output.ToString());

        var single = new StringWriter();
        f.Context.DebugOutput = single;
        f.Run(new DebugPrintHint(ResOperand.BinOp(BinOpKind.Add, Fp(-1), F(2)), ResOperand.BinOp(BinOpKind.Add, Fp(-1), F(6))));
        Assert.Equal("hello", single.ToString());

        f.Context.DebugOutput = null;
        f.Run(new DebugPrintHint(D(Fp(-1)), D(Fp(-1))));
        Assert.Throws<HintException>(() => f.Run(new DebugPrintHint(ResOperand.BinOp(BinOpKind.Add, Fp(-1), F(2)), D(Fp(-1)))));
    }

    [Fact]
    public void AllocConstantSize_hands_out_consecutive_blocks_of_one_segment()
    {
        var f = new HintFixture();
        int n = f.Memory.SegmentCount;
        f.Run(new AllocConstantSizeHint(Imm(3), Ap(0)));
        f.Run(new AllocConstantSizeHint(Imm(5), Ap(1)));
        f.Run(new AllocConstantSizeHint(Imm(1), Ap(2)));
        Assert.Equal(new MaybeRelocatable(new Relocatable(n, 0)), f.Get(Ap(0)));
        Assert.Equal(new MaybeRelocatable(new Relocatable(n, 3)), f.Get(Ap(1)));
        Assert.Equal(new MaybeRelocatable(new Relocatable(n, 8)), f.Get(Ap(2)));
        Assert.Equal(n + 1, f.Memory.SegmentCount);
        Assert.Throws<HintException>(() => f.Run(new AllocConstantSizeHint(Imm(P - 1), Ap(3))));
    }

    private sealed class RecordingHandler : ISyscallHintHandler
    {
        public List<Relocatable> Calls { get; } = [];

        public void ExecuteSyscall(HintContext context, Relocatable syscallPtr) => Calls.Add(syscallPtr);
    }

    [Fact]
    public void SystemCall_passes_the_evaluated_pointer_to_the_handler()
    {
        var f = new HintFixture();
        var syscalls = f.Memory.AddSegment();
        f.Set(Fp(-6), syscalls.Add(10));
        var hint = new SystemCallHint(ResOperand.BinOp(BinOpKind.Add, Fp(-6), F(5)));
        var e = Assert.Throws<HintException>(() => f.Run(hint));
        Assert.Contains("no syscall handler", e.Message);
        var handler = new RecordingHandler();
        f.Context.SyscallHandler = handler;
        f.Run(hint);
        f.Run(new SystemCallHint(D(Fp(-6))));
        Assert.Equal([syscalls.Add(15), syscalls.Add(10)], handler.Calls);
    }

    [Fact]
    public void Cheatcodes_and_external_hints_fail()
    {
        var f = new HintFixture();
        var e = Assert.Throws<HintException>(() => f.Run(new CheatcodeHint(7, Imm(0), Imm(0), Ap(0), Ap(1))));
        Assert.Equal("Test functions are unsupported on starknet.", e.Message);
        Cairo1Hint[] external =
        [
            new AddRelocationRuleHint(D(Ap(0)), D(Ap(1))),
            new WriteRunParamHint(Imm(0), Ap(0)),
            new AddMarkerHint(D(Ap(0)), D(Ap(1))),
            new AddTraceHint(Imm(1)),
            new Blake2sCompressHint(D(Ap(0)), D(Ap(0)), D(Ap(0)), D(Ap(0)), D(Ap(0))),
        ];
        foreach (var h in external)
        {
            Assert.Equal(Cairo1HintFamily.External, h.Family);
            var x = Assert.Throws<HintException>(() => f.Run(h));
            Assert.Contains("not allowed in a Starknet contract", x.Message);
            Assert.Contains(h.VariantName, x.Message);
        }
    }

    [Fact]
    public void Deprecated_assertions_are_no_ops()
    {
        var f = new HintFixture();
        Cairo1Hint[] hints =
        [
            new AssertCurrentAccessIndicesIsEmptyHint(),
            new AssertAllAccessesUsedHint(Ap(0)),
            new AssertAllKeysUsedHint(),
            new AssertLeAssertThirdArcExcludedHint(),
            new AssertLtAssertValidInputHint(Imm(5), Imm(1)),
        ];
        int segments = f.Memory.SegmentCount;
        foreach (var h in hints)
        {
            f.Run(h);
            Assert.Equal(Cairo1HintFamily.Deprecated, h.Family);
        }
        Assert.Equal(segments, f.Memory.SegmentCount);
        Assert.False(f.IsSet(Ap(0)));
    }
}
