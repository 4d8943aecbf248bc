using Cairn.Cairo.Builder;
using Cairn.Cairo.Programs;
using Cairn.Cairo.Syscalls;
using Cairn.Crypto.Hashing;
using Cairn.Primitives;

namespace Cairn.Cairo.Tests.Builder;

/// <summary>Cairo 1 hints written with the builder, packed into a contract class and run through the Starknet calling convention.</summary>
public sealed class CasmBuilderHintTests
{
    /// <summary>
    /// An external entry point (no builtins) that returns <c>[x * 2, x &lt; 100]</c> for calldata <c>[x]</c>:
    /// the retdata segment comes from an AllocSegment hint, the comparison from a TestLessThan hint
    /// (unchecked — a test of hint plumbing, not of a sound comparison).
    /// </summary>
    private static CasmContractClass Doubler(out string json)
    {
        var b = new CasmBuilder();
        var f = b.BeginFunction("double", argCount: 4, returnCount: 5);
        var gas = f.Arg(0);
        var syscall = f.Arg(1);
        var start = f.Arg(2);
        var x = b.AllocVar(start.Deref());
        var ret = b.Alloc();
        b.Hint("{\"AllocSegment\": {\"dst\": " + b.CellRefJson(ret) + "}}");
        b.ApAdd(1);
        var less = b.Alloc();
        b.Hint("{\"TestLessThan\": {\"lhs\": " + b.DerefJson(x) + ", \"rhs\": " + CasmBuilder.ImmediateJson(100) + ", \"dst\": " + b.CellRefJson(less) + "}}");
        b.ApAdd(1);
        var doubled = b.AllocVar(x * Felt.FromUInt64(2));
        b.AssertEq(doubled, ret.Deref(0)); // writes ret[0]
        b.AssertEq(less, ret.Deref(1));    // writes ret[1]
        b.AllocVar(gas);
        b.AllocVar(syscall);
        b.AllocVar(0);
        b.AllocVar(ret);
        b.AllocVar(ret + Felt.FromUInt64(2));
        b.Ret();
        var built = b.Build();
        Assert.NotEmpty(built.Hints);
        var cls = CasmContractClass.Create(built.Words, built.Hints,
            [new CasmEntryPoint(StarknetKeccak.Selector("double"), built.Labels["double"], [])]);
        json = cls.ToJson();
        return cls;
    }

    [Fact]
    public void Hints_reach_the_class_and_run()
    {
        var cls = Doubler(out var json);
        var parsed = CasmContractClass.Parse(json);
        Assert.Equal(cls.Bytecode, parsed.Bytecode);
        Assert.Equal(cls.Hints.Keys.Order(), parsed.Hints.Keys.Order());
        Assert.Equal(json, parsed.ToJson());

        var world = new InMemoryWorld();
        world.Classes[Felt.FromUInt64(7)] = parsed;
        world.Contracts[Felt.FromUInt64(0x99)] = Felt.FromUInt64(7);
        var r = InMemorySyscallHandler.RunCall(world, EntryPointType.External, Felt.FromUInt64(0x99), Felt.FromUInt64(7), Felt.Zero,
            StarknetKeccak.Selector("double"), [Felt.FromUInt64(21)], 1_000_000);
        Assert.False(r.Failed);
        Assert.Equal([Felt.FromUInt64(42), Felt.One], r.Retdata);
        r = InMemorySyscallHandler.RunCall(world, EntryPointType.External, Felt.FromUInt64(0x99), Felt.FromUInt64(7), Felt.Zero,
            StarknetKeccak.Selector("double"), [Felt.FromUInt64(500)], 1_000_000);
        Assert.Equal([Felt.FromUInt64(1000), Felt.Zero], r.Retdata);
    }

    [Fact]
    public void A_malformed_hint_is_refused()
    {
        var b = new CasmBuilder();
        b.BeginFunction("main");
        Assert.Throws<CasmBuilderException>(() => b.Hint("{not json"));
        Assert.Throws<CasmBuilderException>(() => b.Hint("[1]"));
    }
}
