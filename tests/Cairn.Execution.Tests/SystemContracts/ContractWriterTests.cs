using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cairn.Cairo.Builder;
using Cairn.Cairo.Programs;
using Cairn.Cairo.Runners;
using Cairn.Cairo.Syscalls;
using Cairn.Crypto.Hashing;
using Cairn.Execution.SystemContracts;
using Cairn.Primitives;

namespace Cairn.Execution.Tests.SystemContracts;

/// <summary>
/// The infrastructure on a test class run in the VM: u256 arithmetic and comparisons against
/// BigInteger, integer parameters at their bounds, storage addresses against <see cref="StorageLayout"/>,
/// arrays, syscalls (call_contract, library_call, get_execution_info), an L1 handler, and soundness:
/// flipping any comparison hint never changes a result, it only makes the run fail.
/// </summary>
public sealed class ContractWriterTests
{
    private const ulong Gas = 1_000_000_000;
    private static readonly Felt TestClass = 0x7e57;
    private static readonly Felt TestAddress = 0x7e570;
    private static readonly Felt TokenClass = 0x20;
    private static readonly Felt TokenAddress = 0x2000;
    private static readonly BigInteger Max128 = (BigInteger.One << 128) - 1;
    private static readonly string[] Builtins = ["pedersen", "range_check"];
    private static readonly Lazy<SystemContract> Test = new(WriteTestContract);

    private static SystemContract WriteTestContract()
    {
        var w = new ContractWriter("Test");
        w.External("add", Builtins, e =>
        {
            var a = e.ReadU256(1);
            var b = e.ReadU256(2);
            e.EndCalldata();
            var r = e.AddU256(a, b);
            e.Return(r.Low, r.High);
        });
        w.External("sub", Builtins, e =>
        {
            var a = e.ReadU256(1);
            var b = e.ReadU256(2);
            e.EndCalldata();
            var r = e.SubU256(a, b);
            e.Return(r.Low, r.High);
        });
        w.External("less", Builtins, e =>
        {
            var a = e.ReadU128(1);
            var b = e.ReadU128(2);
            e.EndCalldata();
            e.Return(e.LessU128(a, b), e.IsEqual(a, b), e.IsNonZero(a));
        });
        w.External("uints", Builtins, e =>
        {
            var v8 = e.ReadUInt(1, 8);
            var v16 = e.ReadUInt(2, 16);
            var v32 = e.ReadUInt(3, 32);
            var v64 = e.ReadUInt(4, 64);
            var v128 = e.ReadU128(5);
            var address = e.ReadAddress(6);
            var flag = e.ReadBool(7);
            e.EndCalldata();
            e.Return(v8, v16, v32, v64, v128, address, flag);
        });
        w.External("reduce", Builtins, e =>
        {
            var x = e.ReadFelt(1);
            e.EndCalldata();
            e.Return(e.ReduceAddress(x));
        });
        w.External("map", Builtins, e =>
        {
            var a = e.ReadFelt(1);
            var b = e.ReadFelt(2);
            e.EndCalldata();
            var one = e.MapAddress(StorageLayout.VarAddress("m1"), a);
            var two = e.MapAddress(StorageLayout.VarAddress("m2"), a, b);
            e.StorageWriteU256(two, new U256(a, b));
            e.Return(one, two);
        });
        w.External("echo", Builtins, e =>
        {
            var items = e.ReadFeltArray(1);
            var tail = e.ReadFelt(2);
            e.EndCalldata();
            var copy = e.NewArray();
            var n = e.Let(items.End - items.Start);
            e.Builder.AssertEq(n, copy.Deref(0));
            e.CopyTo(items, copy + Felt.One);
            var end = e.Let(e.Temp(copy + Felt.One) + n);
            e.Builder.AssertEq(tail, end.Deref(0));
            e.Return(new FeltSpan(copy, e.Let(end + Felt.One)));
        });
        w.External("call", Builtins, e =>
        {
            var address = e.ReadAddress(1);
            var selector = e.ReadFelt(2);
            var calldata = e.ReadFeltArray(3);
            e.EndCalldata();
            e.Return(e.CallContract(address, selector, calldata));
        });
        w.External("library", Builtins, e =>
        {
            var classHash = e.ReadAddress(1);
            var selector = e.ReadFelt(2);
            var calldata = e.ReadFeltArray(3);
            e.EndCalldata();
            e.Return(e.LibraryCall(classHash, selector, calldata));
        });
        w.External("info", [], e =>
        {
            e.EndCalldata();
            e.Return(e.CallerAddress(), e.ContractAddress());
        });
        w.External("branches", Builtins, e =>
        {
            var x = e.ReadFelt(1);
            e.EndCalldata();
            var r = e.Local();
            e.If(x, () =>
            {
                e.StorageWrite(1, x);
                e.Builder.AssertEq(r, e.Pedersen(x, x));
            }, () => e.Builder.AssertEq(r, Expr.Imm(Felt.FromUInt64(42))));
            e.StorageWrite(2, r);
            e.Return(r);
        });
        w.L1Handler("on_message", Builtins, e =>
        {
            var from = e.ReadFelt(1);
            var value = e.ReadFelt(2);
            e.EndCalldata();
            e.StorageWrite(from, value);
            e.Return();
        });
        w.Constructor([], e =>
        {
            e.EndCalldata();
            e.Return();
        });
        return w.Build();
    }

    private static InMemoryWorld World(CasmContractClass? cls = null)
    {
        var world = new InMemoryWorld();
        world.Classes[TestClass] = cls ?? Test.Value.Class;
        world.Contracts[TestAddress] = TestClass;
        world.Classes[TokenClass] = Erc20Token.Contract.Class;
        world.Contracts[TokenAddress] = TokenClass;
        foreach (var (k, v) in StorageLayout.ShortByteArray(Erc20Token.NameAddress, "Token")) world.Storage[(TokenAddress, k)] = v;
        world.Storage[(TokenAddress, Erc20Token.BalanceKey(0xa11ce))] = 77;
        return world;
    }

    private static EntryPointResult Run(InMemoryWorld world, string fn, Felt[] calldata, EntryPointType type = EntryPointType.External) =>
        InMemorySyscallHandler.RunCall(world, type, TestAddress, TestClass, 0xca11e5, StarknetKeccak.Selector(fn), calldata, Gas);

    private static Felt F(BigInteger v) => Felt.FromBigIntegerReduced(v);

    private static BigInteger RandomU256(Random rng) => rng.Next(5) switch
    {
        0 => (BigInteger.One << 256) - 1 - rng.Next(3),
        1 => new BigInteger(rng.NextInt64()),
        2 => Max128 + rng.Next(-2, 3),
        3 => (Max128 << 128) + rng.Next(0, 3),
        _ => new BigInteger(rng.NextInt64()) << rng.Next(0, 190),
    } & ((BigInteger.One << 256) - 1);

    private static Felt[] Limbs(BigInteger v) => [F(v & Max128), F(v >> 128)];

    private static BigInteger U256(IReadOnlyList<Felt> r) => r[0].ToBigInteger() + (r[1].ToBigInteger() << 128);

    [Fact]
    public void U256_arithmetic_matches_BigInteger()
    {
        var world = World();
        var rng = new Random(5);
        for (int i = 0; i < 150; i++)
        {
            var a = RandomU256(rng);
            var b = RandomU256(rng);
            var add = Run(world, "add", [.. Limbs(a), .. Limbs(b)]);
            if (a + b < BigInteger.One << 256) Assert.Equal(a + b, U256(add.Retdata));
            else Assert.Equal([Felt.FromShortString("u256_add Overflow")], add.Retdata);
            Assert.Equal(a + b >= BigInteger.One << 256, add.Failed);
            var sub = Run(world, "sub", [.. Limbs(a), .. Limbs(b)]);
            if (a >= b) Assert.Equal(a - b, U256(sub.Retdata));
            else Assert.Equal([Felt.FromShortString("u256_sub Overflow")], sub.Retdata);
            Assert.Equal(a < b, sub.Failed);
            var x = a & Max128;
            var y = rng.Next(3) == 0 ? x : b & Max128;
            var less = Run(world, "less", [F(x), F(y)]);
            Assert.Equal([x < y ? 1 : 0, x == y ? 1 : 0, x != 0 ? 1 : 0], less.Retdata);
        }
    }

    [Fact]
    public void Integer_parameters_are_checked_at_their_bounds()
    {
        var world = World();
        BigInteger[] max = [255, 65535, uint.MaxValue, ulong.MaxValue, Max128, (BigInteger.One << 251) - 1];
        Felt[] ok = [.. max.Select(F), 3];
        var r = Run(world, "uints", ok);
        Assert.False(r.Failed);
        Assert.Equal([.. max.Select(F), 1], r.Retdata);
        for (int p = 0; p < max.Length; p++)
        {
            foreach (var bad in new[] { max[p] + 1, max[p] + 1000, (BigInteger.One << 128) + 1, (BigInteger.One << 200), Felt.Modulus - 1, Felt.Modulus - (max[p] + 1) })
            {
                if (bad <= max[p]) continue;
                var cd = (Felt[])ok.Clone();
                cd[p] = F(bad);
                var fail = Run(world, "uints", cd);
                Assert.True(fail.Failed, $"param {p + 1} = {bad}");
                Assert.Equal([Felt.FromShortString($"Failed to deserialize param #{p + 1}")], fail.Retdata);
            }
        }
        Assert.Equal([0, 0, 0, 0, 0, 0, 0], Run(world, "uints", [0, 0, 0, 0, 0, 0, 0]).Retdata);
        Assert.Equal([Felt.FromShortString("Failed to deserialize param #7")], Run(world, "uints", ok[..6]).Retdata);
        Assert.Equal([Felt.FromShortString("Input too long for arguments")], Run(world, "uints", [.. ok, 0]).Retdata);
    }

    [Fact]
    public void Storage_addresses_match_StorageLayout()
    {
        var world = World();
        var bound = EntryPointWriter.AddressBound;
        foreach (var x in new[] { BigInteger.Zero, 5, bound - 1, bound, bound + 7, Felt.Modulus - 1 })
        {
            var r = Run(world, "reduce", [F(x)]);
            Assert.Equal([ContractAddressCalculator.ReduceToAddressBound(F(x))], r.Retdata);
        }
        var rng = new Random(3);
        for (int i = 0; i < 20; i++)
        {
            Felt a = F(new BigInteger(rng.NextInt64()) << rng.Next(0, 180)), b = (ulong)rng.NextInt64();
            var r = Run(world, "map", [a, b]);
            Assert.Equal([StorageLayout.MapAddress("m1", a), StorageLayout.MapAddress("m2", a, b)], r.Retdata);
            Assert.Equal(a, world.ReadStorage(TestAddress, r.Retdata[1]));
            Assert.Equal(b, world.ReadStorage(TestAddress, r.Retdata[1] + Felt.One));
        }
    }

    [Fact]
    public void Arrays_are_read_and_copied()
    {
        var world = World();
        Assert.Equal([0, 9], Run(world, "echo", [0, 9]).Retdata);
        Assert.Equal([3, 1, 2, 3, 9], Run(world, "echo", [3, 1, 2, 3, 9]).Retdata);
        var big = Enumerable.Range(1, 300).Select(i => (Felt)i).ToArray();
        Assert.Equal([300, .. big, 9], Run(world, "echo", [300, .. big, 9]).Retdata);
        Assert.Equal([Felt.FromShortString("Failed to deserialize param #2")], Run(world, "echo", [3, 1, 2, 3]).Retdata);
        Assert.Equal([Felt.FromShortString("Failed to deserialize param #1")], Run(world, "echo", [4, 1, 2, 3]).Retdata);
        Assert.Equal([Felt.FromShortString("Failed to deserialize param #1")], Run(world, "echo", [-Felt.One, 1]).Retdata);
        Assert.Equal([Felt.FromShortString("Input too long for arguments")], Run(world, "echo", [1, 1, 2, 3]).Retdata);
    }

    [Fact]
    public void Syscalls_call_other_contracts_and_propagate_their_failures()
    {
        var world = World();
        var balanceOf = StarknetKeccak.Selector("balance_of");
        Assert.Equal([77, 0], Run(world, "call", [TokenAddress, balanceOf, 1, 0xa11ce]).Retdata);
        Assert.Equal([0, Felt.FromShortString("Token"), 5], Run(world, "call", [TokenAddress, StarknetKeccak.Selector("name"), 0]).Retdata);
        var failed = Run(world, "call", [TokenAddress, balanceOf, 0]);
        Assert.True(failed.Failed);
        Assert.Equal([Felt.FromShortString("Failed to deserialize param #1"), Felt.FromShortString("ENTRYPOINT_FAILED")], failed.Retdata);
        var missing = Run(world, "call", [0x999, balanceOf, 0]);
        Assert.True(missing.Failed);
        Assert.Equal([Felt.FromShortString("CONTRACT_NOT_DEPLOYED")], missing.Retdata);
        // A library call runs the token's code on this contract's storage.
        world.Storage[(TestAddress, Erc20Token.BalanceKey(0xb0b))] = 5;
        Assert.Equal([5, 0], Run(world, "library", [TokenClass, balanceOf, 1, 0xb0b]).Retdata);
        Assert.Equal([0xca11e5, TestAddress], Run(world, "info", []).Retdata);
    }

    [Fact]
    public void Gas_is_passed_to_syscalls_and_returned()
    {
        var world = World();
        // 1 000 gas after the entry point's 10 000: get_execution_info needs 2 640 more.
        var r = InMemorySyscallHandler.RunCall(world, EntryPointType.External, TestAddress, TestClass, 1, StarknetKeccak.Selector("info"), [], 11_000);
        Assert.True(r.Failed);
        Assert.Equal([Felt.FromShortString("Out of gas")], r.Retdata);
        var ok = InMemorySyscallHandler.RunCall(world, EntryPointType.External, TestAddress, TestClass, 1, StarknetKeccak.Selector("info"), [], 100_000);
        Assert.False(ok.Failed);
        Assert.Equal(10_000UL + 2 * 2_640, ok.GasConsumed); // the pre-charge and two get_execution_info
    }

    [Fact]
    public void Branches_join_with_the_state_of_either_side()
    {
        var world = World();
        Assert.Equal([42], Run(world, "branches", [0]).Retdata);
        Assert.Equal(42, world.ReadStorage(TestAddress, 2));
        var r = Run(world, "branches", [9]);
        Assert.Equal([Pedersen.Hash(9, 9)], r.Retdata);
        Assert.Equal(9, world.ReadStorage(TestAddress, 1));
        Assert.Equal(Pedersen.Hash(9, 9), world.ReadStorage(TestAddress, 2));
        Assert.False(Run(world, "on_message", [0xe7, 0x55], EntryPointType.L1Handler).Failed);
        Assert.Equal(0x55, world.ReadStorage(TestAddress, 0xe7));
        Assert.False(Run(world, "constructor", [], EntryPointType.Constructor).Failed);
    }

    [Fact]
    public void The_class_round_trips_through_its_json()
    {
        var c = Test.Value;
        var parsed = CasmContractClass.Parse(c.Json);
        Assert.Equal(c.Class.Bytecode, parsed.Bytecode);
        Assert.Equal("cairn", parsed.CompilerVersion);
        Assert.Equal(c.CompiledClassHashPoseidon, CompiledClassHasher.ComputePoseidon(parsed));
        Assert.Equal(11, parsed.External.Count);
        Assert.Single(parsed.L1Handler);
        Assert.Contains("external_add:", c.Listing, StringComparison.Ordinal);
        Assert.Same(Erc20Token.Contract, Erc20Token.Contract);
    }

    [Fact]
    public void Body_errors_are_reported_at_build_time()
    {
        var w = new ContractWriter("Bad");
        w.External("f", ["range_check"], e => e.EndCalldata());
        Assert.Contains("falls off", Assert.Throws<CasmBuilderException>(() => w.Build()).Message, StringComparison.Ordinal);
        var w2 = new ContractWriter("Bad2");
        w2.External("g", ["range_check"], e =>
        {
            e.EndCalldata();
            e.Return(e.Pedersen(1, 2));
        });
        Assert.Contains("pedersen", Assert.Throws<CasmBuilderException>(() => w2.Build()).Message, StringComparison.Ordinal);
        Assert.Throws<CasmBuilderException>(() => w2.External("g", [], _ => { }));
    }

    /// <summary>
    /// Soundness of the comparisons: replace one TestLessThan / TestLessThanOrEqual hint at a time by its
    /// negation (a dishonest prover's answer). Every run must then give the honest result or fail in the
    /// VM; never a different result.
    /// </summary>
    [Fact]
    public void Flipping_any_comparison_hint_cannot_change_a_result()
    {
        var json = JsonNode.Parse(Test.Value.Json)!;
        var hints = json["hints"]!.AsArray();
        var rng = new Random(9);
        var inputs = new List<(string Fn, Felt[] Cd)>();
        for (int i = 0; i < 6; i++)
        {
            var a = RandomU256(rng);
            var b = RandomU256(rng);
            inputs.Add(("add", [.. Limbs(a), .. Limbs(b)]));
            inputs.Add(("sub", [.. Limbs(a), .. Limbs(b)]));
        }
        inputs.Add(("add", [.. Limbs(Max128), .. Limbs(1)]));
        inputs.Add(("sub", [.. Limbs(0), .. Limbs(1)]));
        inputs.Add(("less", [3, 5]));
        inputs.Add(("less", [5, 3]));
        inputs.Add(("uints", [255, 0, 0, 0, 0, 0, 0]));
        inputs.Add(("uints", [256, 0, 0, 0, 0, 0, 0]));
        inputs.Add(("uints", [0, 0, 0, 0, 0, F((BigInteger.One << 251) - 1), 0]));
        inputs.Add(("uints", [0, 0, 0, 0, 0, F(BigInteger.One << 251), 0]));
        inputs.Add(("reduce", [F(EntryPointWriter.AddressBound + 3)]));
        inputs.Add(("reduce", [F(EntryPointWriter.AddressBound - 3)]));
        inputs.Add(("echo", [2, 1, 2, 3]));
        inputs.Add(("echo", [5, 1, 2, 3]));
        var honest = inputs.Select(x => Outcome(World(), x.Fn, x.Cd)).ToArray();
        int flipped = 0, caught = 0;
        for (int h = 0; h < hints.Count; h++)
        {
            var list = hints[h]![1]!.AsArray();
            var original = list[0]!.ToJsonString();
            var flippedHint = Flip(list[0]!);
            if (flippedHint is null) continue;
            flipped++;
            list[0] = flippedHint;
            var cls = CasmContractClass.Parse(json.ToJsonString());
            list[0] = JsonNode.Parse(original);
            for (int i = 0; i < inputs.Count; i++)
            {
                var outcome = Outcome(World(cls), inputs[i].Fn, inputs[i].Cd);
                if (outcome == "ERROR") caught++;
                else Assert.True(outcome == honest[i], $"hint at pc {hints[h]![0]} flipped: {inputs[i].Fn}({string.Join(",", inputs[i].Cd)}) gave {outcome}, honestly {honest[i]}");
            }
        }
        Assert.True(flipped > 30, $"only {flipped} comparison hints");
        Assert.True(caught > 50, $"only {caught} runs caught a flipped hint");
    }

    private static string Outcome(InMemoryWorld world, string fn, Felt[] cd)
    {
        try
        {
            var r = Run(world, fn, cd);
            return $"{r.Failed} {string.Join(",", r.Retdata)}";
        }
        catch (Exception)
        {
            return "ERROR";
        }
    }

    private static JsonNode? Flip(JsonNode hint)
    {
        var obj = hint.AsObject();
        if (obj["TestLessThan"] is JsonObject lt)
        {
            return new JsonObject { ["TestLessThanOrEqual"] = new JsonObject { ["lhs"] = lt["rhs"]!.DeepClone(), ["rhs"] = lt["lhs"]!.DeepClone(), ["dst"] = lt["dst"]!.DeepClone() } };
        }
        if (obj["TestLessThanOrEqual"] is JsonObject le)
        {
            return new JsonObject { ["TestLessThan"] = new JsonObject { ["lhs"] = le["rhs"]!.DeepClone(), ["rhs"] = le["lhs"]!.DeepClone(), ["dst"] = le["dst"]!.DeepClone() } };
        }
        return null;
    }
}
