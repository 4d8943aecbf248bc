using System.Numerics;
using Cairn.Cairo.Hints;
using Cairn.Cairo.Hints.Cairo1;
using Cairn.Cairo.Memory;
using Cairn.Primitives;
using static Cairn.Cairo.Tests.Hints.Cairo1.HintFixture;

namespace Cairn.Cairo.Tests.Hints.Cairo1;

public class DictHintTests
{
    private static Felt F(ulong v) => Felt.FromUInt64(v);

    /// <summary>A segment arena as the segment_arena builtin lays it out: [infos, n, 0] then the pointer after it.</summary>
    private static (Relocatable Infos, Relocatable Arena) NewArena(HintFixture f)
    {
        var infos = f.Memory.AddSegment();
        var arena = f.Memory.AddSegment();
        f.Memory.Insert(arena, infos);
        f.Memory.Insert(arena + 1, F(0));
        f.Memory.Insert(arena + 2, F(0));
        return (infos, arena);
    }

    [Fact]
    public void AllocFelt252Dict_creates_segments_and_records_arena_indices()
    {
        var f = new HintFixture();
        var (infos, arena) = NewArena(f);
        f.Set(Ap(0), arena + 3);
        int before = f.Memory.SegmentCount;
        f.Run(new AllocFelt252DictHint(D(Ap(0))));
        var first = f.Memory.GetRelocatable(infos);
        Assert.Equal(new Relocatable(before, 0), first);

        // The program then bumps the arena: [infos, 1, 0] at arena + 3.
        f.Memory.Insert(arena + 3, infos);
        f.Memory.Insert(arena + 4, F(1));
        f.Memory.Insert(arena + 5, F(0));
        f.Run(new AllocFelt252DictHint(ResOperand.BinOp(BinOpKind.Add, Ap(0), F(3))));
        var second = f.Memory.GetRelocatable(infos + 3);
        Assert.Equal(new Relocatable(before + 1, 0), second);

        f.Set(Ap(1), second + 9);
        f.Run(new GetSegmentArenaIndexHint(D(Ap(1)), Ap(2)));
        Assert.Equal(1, f.Int(Ap(2)));
        f.Set(Ap(3), first + 3);
        f.Run(new GetSegmentArenaIndexHint(D(Ap(3)), Ap(4)));
        Assert.Equal(0, f.Int(Ap(4)));
        Assert.Equal(2, f.Context.GetState<DictManagerState>().Count);
    }

    [Fact]
    public void Entry_init_and_update_track_values()
    {
        var f = new HintFixture();
        var (_, arena) = NewArena(f);
        f.Set(Ap(0), arena + 3);
        f.Run(new AllocFelt252DictHint(D(Ap(0))));
        var dict = f.Memory.GetRelocatable(f.Memory.GetRelocatable(arena));

        // Entry 0: key 7, prev (hint) = 0, new = 100.
        f.Memory.Insert(dict, F(7));
        f.Set(Ap(1), dict);
        f.Run(new Felt252DictEntryInitHint(D(Ap(1)), Imm(7)));
        Assert.Equal(new MaybeRelocatable(F(0)), f.Memory.Get(dict + 1));
        f.Memory.Insert(dict + 2, F(100));
        f.Set(Ap(2), dict + 3);
        f.Run(new Felt252DictEntryUpdateHint(D(Ap(2)), Imm(100)));

        // Entry 1: key 7 again: prev = 100.
        f.Memory.Insert(dict + 3, F(7));
        f.Run(new Felt252DictEntryInitHint(D(Ap(2)), Imm(7)));
        Assert.Equal(new MaybeRelocatable(F(100)), f.Memory.Get(dict + 4));

        // Values may be addresses.
        var seg = f.Memory.AddSegment();
        f.Set(Ap(3), seg);
        f.Memory.Insert(dict + 5, seg);
        f.Set(Ap(4), dict + 6);
        f.Run(new Felt252DictEntryUpdateHint(D(Ap(4)), D(Ap(3))));
        Assert.Equal(new MaybeRelocatable(seg), f.Context.GetState<DictManagerState>().Get(dict, F(7)));
    }

    [Fact]
    public void Deprecated_read_and_write()
    {
        var f = new HintFixture();
        var (_, arena) = NewArena(f);
        f.Set(Ap(0), arena + 3);
        f.Run(new AllocFelt252DictHint(D(Ap(0))));
        var dict = f.Memory.GetRelocatable(f.Memory.GetRelocatable(arena));
        f.Set(Ap(1), dict);
        f.Run(new Felt252DictWriteHint(D(Ap(1)), Imm(3), Imm(33)));
        Assert.Equal(new MaybeRelocatable(F(0)), f.Memory.Get(dict + 1));
        f.Set(Ap(2), dict + 3);
        f.Run(new Felt252DictReadHint(D(Ap(2)), Imm(3), Ap(3)));
        Assert.Equal(33, f.Int(Ap(3)));
        f.Run(new Felt252DictReadHint(D(Ap(2)), Imm(4), Ap(4)));
        Assert.Equal(0, f.Int(Ap(4)));
        f.Run(new Felt252DictWriteHint(D(Ap(2)), Imm(3), Imm(44)));
        Assert.Equal(new MaybeRelocatable(F(33)), f.Memory.Get(dict + 4));
    }

    [Fact]
    public void Unknown_dict_is_an_error()
    {
        var f = new HintFixture();
        var seg = f.Memory.AddSegment();
        f.Set(Ap(0), seg);
        var e = Assert.Throws<HintException>(() => f.Run(new Felt252DictEntryInitHint(D(Ap(0)), Imm(1))));
        Assert.Contains("known dictionary", e.Message);
        Assert.Throws<HintException>(() => f.Run(new GetSegmentArenaIndexHint(D(Ap(0)), Ap(1))));
    }

    private static Relocatable WriteAccesses(HintFixture f, params BigInteger[] keys)
    {
        var accesses = f.Memory.AddSegment();
        for (int i = 0; i < keys.Length; i++)
        {
            f.Memory.Insert(accesses.Add(3 * i), Felt.FromBigInteger(keys[i]));
            f.Memory.Insert(accesses.Add(3 * i + 1), F(0));
            f.Memory.Insert(accesses.Add(3 * i + 2), F(0));
        }
        return accesses;
    }

    [Fact]
    public void Squash_walks_keys_ascending_and_their_accesses()
    {
        var f = new HintFixture();
        var accesses = WriteAccesses(f, 5, 3, 5, 7, 3, 5);
        var rc = f.Memory.AddSegment();
        f.Set(Fp(-1), accesses);
        f.Set(Fp(-2), rc);
        f.Run(new InitSquashDataHint(D(Fp(-1)), Imm(18), Imm(6), Ap(0), Ap(1)));
        Assert.Equal(0, f.Int(Ap(0)));
        Assert.Equal(3, f.Int(Ap(1)));

        int next = 0;
        short cell = 2;
        BigInteger Step(Cairo1Hint hint)
        {
            var c = Ap(cell++);
            f.Run(hint switch
            {
                ShouldSkipSquashLoopHint => new ShouldSkipSquashLoopHint(c),
                GetCurrentAccessDeltaHint => new GetCurrentAccessDeltaHint(c),
                ShouldContinueSquashLoopHint => new ShouldContinueSquashLoopHint(c),
                GetNextDictKeyHint => new GetNextDictKeyHint(c),
                _ => throw new InvalidOperationException(),
            });
            return f.Int(c);
        }
        BigInteger CurrentIndex()
        {
            f.Run(new GetCurrentAccessIndexHint(ResOperand.BinOp(BinOpKind.Add, Fp(-2), F((ulong)next))));
            return f.Memory.GetFelt(rc.Add(next++)).ToBigInteger();
        }

        // Key 3: accesses 1, 4.
        Assert.Equal(1, CurrentIndex());
        Assert.Equal(0, Step(new ShouldSkipSquashLoopHint(default)));
        Assert.Equal(2, Step(new GetCurrentAccessDeltaHint(default)));
        Assert.Equal(0, Step(new ShouldContinueSquashLoopHint(default)));
        Assert.Equal(5, Step(new GetNextDictKeyHint(default)));
        // Key 5: accesses 0, 2, 5.
        Assert.Equal(0, CurrentIndex());
        Assert.Equal(0, Step(new ShouldSkipSquashLoopHint(default)));
        Assert.Equal(1, Step(new GetCurrentAccessDeltaHint(default)));
        Assert.Equal(1, Step(new ShouldContinueSquashLoopHint(default)));
        Assert.Equal(2, Step(new GetCurrentAccessDeltaHint(default)));
        Assert.Equal(0, Step(new ShouldContinueSquashLoopHint(default)));
        Assert.Equal(7, Step(new GetNextDictKeyHint(default)));
        // Key 7: access 3 only.
        Assert.Equal(3, CurrentIndex());
        Assert.Equal(1, Step(new ShouldSkipSquashLoopHint(default)));
        var e = Assert.Throws<HintException>(() => Step(new GetNextDictKeyHint(default)));
        Assert.Contains("No keys left", e.Message);
    }

    [Fact]
    public void Squash_flags_big_keys_and_rejects_unfinished_keys()
    {
        var f = new HintFixture();
        var accesses = WriteAccesses(f, BigInteger.One << 128, 2, 2);
        f.Set(Fp(-1), accesses);
        f.Run(new InitSquashDataHint(D(Fp(-1)), Imm(9), Imm(3), Ap(0), Ap(1)));
        Assert.Equal(1, f.Int(Ap(0)));
        Assert.Equal(2, f.Int(Ap(1)));
        var e = Assert.Throws<HintException>(() => f.Run(new GetNextDictKeyHint(Ap(2))));
        Assert.Contains("not all accesses", e.Message);

        // A new InitSquashData starts over.
        var small = WriteAccesses(f, 9);
        f.Set(Fp(-2), small);
        f.Run(new InitSquashDataHint(D(Fp(-2)), Imm(3), Imm(1), Ap(3), Ap(4)));
        Assert.Equal(0, f.Int(Ap(3)));
        Assert.Equal(9, f.Int(Ap(4)));
    }

    [Fact]
    public void Squash_hints_before_init_fail_clearly()
    {
        var f = new HintFixture();
        Assert.Throws<HintException>(() => f.Run(new ShouldSkipSquashLoopHint(Ap(0))));
        var accesses = WriteAccesses(f);
        f.Set(Fp(-1), accesses);
        Assert.Throws<HintException>(() => f.Run(new InitSquashDataHint(D(Fp(-1)), Imm(0), Imm(0), Ap(0), Ap(1))));
    }
}
