using Cairn.Cairo.Builtins;
using Cairn.Cairo.Instructions;
using Cairn.Cairo.Layouts;
using Cairn.Cairo.Memory;
using Cairn.Cairo.Runners;
using Cairn.Cairo.Vm;
using Cairn.Primitives;
using static Cairn.Cairo.Instructions.Register;

namespace Cairn.Cairo.Tests;

public class SegmentArenaTests
{
    [Fact]
    public void Initialisation_creates_infos_then_arena_prefilled_and_hands_out_arena_plus_3()
    {
        var memory = new VmMemory();
        memory.AddSegment();
        var arena = Assert.IsType<SegmentArenaBuiltinRunner>(BuiltinRunner.Create("segment_arena"));
        arena.InitializeSegments(memory);
        Assert.Equal(new Relocatable(1, 0), arena.InfosBase);
        Assert.Equal(new Relocatable(2, 3), arena.Base);
        Assert.Equal(new Relocatable(2, 0), arena.ArenaStart);
        Assert.Equal(new MaybeRelocatable(new Relocatable(1, 0)), memory.Get(new Relocatable(2, 0)));
        Assert.Equal(Felt.Zero, memory.GetFelt(new Relocatable(2, 1)));
        Assert.Equal(Felt.Zero, memory.GetFelt(new Relocatable(2, 2)));
        Assert.Equal(new MaybeRelocatable(new Relocatable(2, 3)), arena.InitialStackValue());
        Assert.Equal(3, arena.CellsPerInstance);
        Assert.Equal(0, arena.GetUsedCells(memory));
        Assert.Equal(0, arena.GetUsedInstances(memory));

        memory.Insert(new Relocatable(2, 3), new Relocatable(1, 0));
        Assert.Equal(1, arena.GetUsedCells(memory));
        Assert.Equal(1, arena.GetUsedInstances(memory));
        memory.Insert(new Relocatable(2, 5), Felt.Zero);
        Assert.Equal(3, arena.GetUsedCells(memory));
        Assert.Equal(1, arena.GetUsedInstances(memory));
    }

    [Fact]
    public void Stop_pointer_must_be_arena_plus_3_plus_3_per_instance()
    {
        var memory = new VmMemory();
        var exec = memory.AddSegment();
        var arena = new SegmentArenaBuiltinRunner();
        arena.InitializeSegments(memory);
        // One instance: (infos, 1, 0).
        memory.Insert(arena.Base, arena.InfosBase);
        memory.Insert(arena.Base.Add(1), Felt.One);
        memory.Insert(arena.Base.Add(2), Felt.Zero);

        memory.Insert(exec, arena.Base.Add(3));
        Assert.Equal(exec, arena.FinalStack(memory, exec.Add(1)));
        Assert.Equal(new Relocatable(arena.Base.Segment, 6), arena.StopPointer);

        memory.Insert(exec.Add(1), arena.Base);
        var e = Assert.Throws<MemoryException>(() => arena.FinalStack(memory, exec.Add(2)));
        Assert.Contains($"Invalid stop pointer for segment_arena. Expected: {arena.Base.Segment}:6, found: {arena.Base.Segment}:3", e.Message);
    }

    [Fact]
    public void Gas_builtin_has_no_segment_and_returns_the_remaining_gas()
    {
        var memory = new VmMemory();
        var exec = memory.AddSegment();
        var gas = Assert.IsType<GasBuiltinRunner>(BuiltinRunner.Create("gas_builtin"));
        gas.InitialGas = Felt.FromUInt64(1000);
        gas.InitializeSegments(memory);
        Assert.Equal(1, memory.SegmentCount);
        Assert.False(gas.HasSegment);
        Assert.Equal(new MaybeRelocatable(Felt.FromUInt64(1000)), gas.InitialStackValue());
        memory.Insert(exec, Felt.FromUInt64(990));
        Assert.Equal(exec, gas.FinalStack(memory, exec.Add(1)));
        Assert.Equal(Felt.FromUInt64(990), gas.RemainingGas);

        memory.Insert(exec.Add(1), Felt.FromUInt64(1001));
        Assert.Contains("exceeds the initial gas", Assert.Throws<MemoryException>(() => gas.FinalStack(memory, exec.Add(2))).Message);
        memory.Insert(exec.Add(2), exec);
        Assert.Contains("remaining gas", Assert.Throws<MemoryException>(() => gas.FinalStack(memory, exec.Add(3))).Message);
    }

    [Fact]
    public void A_program_listing_segment_arena_and_gas_runs_with_them_in_any_layout()
    {
        // main(range_check, segment_arena, gas) at fp − 5, fp − 4, fp − 3: allocates one dict the way
        // AllocFelt252Dict does, writing the next arena instance (infos, n + 1, 0), then returns
        // rc, arena + 3 and gas − 5.
        var a = new Asm()
            .AssertDeref(Fp, 1, Fp, -4, -3)                                  // [fp+1] = [[fp−4] − 3] (infos)
            .AssertDeref(Fp, 1, Fp, -4, 0)                                   // [[fp−4]] = infos
            .AssertDeref(Fp, 2, Fp, -4, -2)                                  // [fp+2] = n
            .AssertOpImm(ResLogic.Add, Fp, 3, Fp, 2, 1)                      // [fp+3] = n + 1
            .AssertDeref(Fp, 3, Fp, -4, 1)                                   // [[fp−4] + 1] = n + 1
            .AssertImm(Fp, 4, 0)
            .AssertDeref(Fp, 4, Fp, -4, 2)                                   // [[fp−4] + 2] = 0
            .AssertCopy(Fp, 5, Fp, -5)                                       // rc
            .AssertOpImm(ResLogic.Add, Fp, 6, Fp, -4, 3)                     // arena + 3
            .AssertOpImm(ResLogic.Add, Fp, 7, Fp, -3, Felt.Zero - Felt.FromUInt64(5)) // gas − 5
            .ApAdd(8)
            .Ret();
        var program = a.Build(0, "range_check", "segment_arena", "gas_builtin");
        var r = new CairoRunner(program, new CairoRunOptions { Layout = Layout.Get("starknet") });
        Assert.Equal(["range_check", "segment_arena", "gas_builtin"], r.Builtins.Select(b => b.Name));
        ((GasBuiltinRunner)r.Builtins[2]).InitialGas = Felt.FromUInt64(100);
        r.RunMain();
        var arena = (SegmentArenaBuiltinRunner)r.Builtins[1];
        Assert.Equal(1, arena.GetUsedInstances(r.Memory));
        Assert.Equal(arena.Base.Add(3), arena.StopPointer);
        Assert.Equal(Felt.FromUInt64(95), ((GasBuiltinRunner)r.Builtins[2]).RemainingGas);
        Assert.Equal(Felt.One, r.Memory.GetFelt(arena.Base.Add(1)));
    }
}
