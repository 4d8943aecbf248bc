using Cairn.Cairo.Programs;
using Cairn.Cairo.Runners;
using Cairn.Cairo.Syscalls;
using Cairn.Cairo.Vm;
using Cairn.Crypto.Hashing;
using Cairn.Crypto.Signatures;
using Cairn.Primitives;
using Cairn.Testing;

namespace Cairn.Cairo.Tests.Contracts;

/// <summary>
/// Real Cairo 2.10 contracts (OpenZeppelin-style ERC20 and account from @hyperlane-xyz/starknet-core)
/// run through the Starknet calling convention against the in-memory world.
/// </summary>
public sealed class ContractRunnerTests
{
    private static readonly Felt Token = Felt.FromUInt64(0x70);
    private static readonly Felt TokenClass = Felt.FromUInt64(0x7c);
    private static readonly Felt Alice = Felt.FromUInt64(0xa11ce);
    private static readonly Felt Bob = Felt.FromUInt64(0xb0b);
    private const ulong Gas = 1_000_000_000;

    private static readonly Lazy<CasmContractClass> Erc20 = new(() => CasmContractClass.Parse(ContractFixtures.CasmJson("contracts_TestERC20")));
    private static readonly Lazy<CasmContractClass> Account = new(() => CasmContractClass.Parse(ContractFixtures.CasmJson("contracts_MockAccount")));

    private static InMemoryWorld DeployToken(ulong supply)
    {
        var world = new InMemoryWorld();
        world.Classes[TokenClass] = Erc20.Value;
        world.Contracts[Token] = TokenClass;
        var ctor = InMemorySyscallHandler.RunCall(world, EntryPointType.Constructor, Token, TokenClass, Alice,
            StarknetKeccak.Selector("constructor"), [Felt.FromUInt64(supply), Felt.Zero, Felt.FromUInt64(18)], Gas);
        Assert.False(ctor.Failed, string.Join(",", ctor.Retdata));
        return world;
    }

    private static EntryPointResult Call(InMemoryWorld world, Felt caller, string function, params Felt[] calldata) =>
        InMemorySyscallHandler.RunCall(world, EntryPointType.External, Token, TokenClass, caller, StarknetKeccak.Selector(function), calldata, Gas);

    private static Felt[] BalanceOf(InMemoryWorld world, Felt account) => [.. Call(world, Felt.Zero, "balance_of", account).Retdata];

    [Fact]
    public void A_call_past_its_memory_limit_fails_clearly_and_a_later_call_runs_normally()
    {
        var world = DeployToken(1000);
        world.RunOptions = world.RunOptions with { MaxMemoryBytes = 3200 };
        var e = Assert.Throws<VmException>(() => Call(world, Alice, "transfer", Bob, Felt.FromUInt64(10), Felt.Zero));
        Assert.Contains("memory limit exceeded", e.Message);
        world.RunOptions = world.RunOptions with { MaxMemoryBytes = Memory.VmMemory.DefaultMaxBytes };
        Assert.False(Call(world, Alice, "transfer", Bob, Felt.FromUInt64(10), Felt.Zero).Failed);
        Assert.Equal([Felt.FromUInt64(10), Felt.Zero], BalanceOf(world, Bob));
    }

    [Fact]
    public void Every_fixture_class_loads_with_sorted_entry_points_inside_the_bytecode()
    {
        var names = ContractFixtures.Names();
        Assert.True(names.Count > 50);
        foreach (var name in names)
        {
            var c = CasmContractClass.Parse(ContractFixtures.CasmJson(name));
            Assert.NotEmpty(c.Bytecode);
            Assert.Equal(c.Bytecode.Count, c.BytecodeSegmentLengths!.Total());
            foreach (var type in Enum.GetValues<EntryPointType>())
            {
                var eps = c.EntryPoints(type);
                for (int i = 1; i < eps.Count; i++) Assert.True(eps[i - 1].Selector < eps[i].Selector, name);
            }
        }
    }

    [Fact]
    public void Erc20_constructor_mints_and_transfer_moves_balances_and_emits_events()
    {
        var world = DeployToken(1000);
        Assert.Equal([Felt.FromUInt64(1000), Felt.Zero], BalanceOf(world, Alice));
        Assert.Equal([Felt.Zero, Felt.Zero], BalanceOf(world, Bob));
        Assert.Equal([Felt.FromUInt64(1000), Felt.Zero], Call(world, Felt.Zero, "total_supply").Retdata);
        Assert.Equal([Felt.FromUInt64(18)], Call(world, Felt.Zero, "decimals").Retdata);

        int eventsBefore = world.Events.Count;
        var transfer = Call(world, Alice, "transfer", Bob, Felt.FromUInt64(300), Felt.Zero);
        Assert.False(transfer.Failed);
        Assert.Equal([Felt.One], transfer.Retdata);
        Assert.True(transfer.GasConsumed > 0);
        Assert.True(transfer.Steps > 100);
        Assert.Equal([Felt.FromUInt64(700), Felt.Zero], BalanceOf(world, Alice));
        Assert.Equal([Felt.FromUInt64(300), Felt.Zero], BalanceOf(world, Bob));

        var ev = Assert.Single(world.Events.Skip(eventsBefore));
        Assert.Equal(Token, ev.FromAddress);
        Assert.Equal(StarknetKeccak.Selector("Transfer"), ev.Keys[0]);
        Assert.Contains(Alice, ev.Keys.Concat(ev.Data));
        Assert.Contains(Bob, ev.Keys.Concat(ev.Data));
        Assert.Contains(Felt.FromUInt64(300), ev.Data);
    }

    [Fact]
    public void A_panic_is_a_failed_result_with_the_panic_data()
    {
        var world = DeployToken(10);
        var r = Call(world, Alice, "transfer", Bob, Felt.FromUInt64(11), Felt.Zero);
        Assert.True(r.Failed);
        Assert.NotEmpty(r.Retdata);
        Assert.True(r.Retdata[0].TryToShortString(out var reason));
        Assert.Contains("insufficient balance", reason);
    }

    [Fact]
    public void Gas_is_charged_and_running_out_of_gas_panics()
    {
        var world = DeployToken(10);
        var ok = Call(world, Alice, "transfer", Bob, Felt.One, Felt.Zero);
        Assert.False(ok.Failed);

        var poor = InMemorySyscallHandler.RunCall(world, EntryPointType.External, Token, TokenClass, Alice, StarknetKeccak.Selector("transfer"),
            [Bob, Felt.One, Felt.Zero], ok.GasConsumed / 2);
        Assert.True(poor.Failed);
        Assert.Equal(Felt.FromShortString("Out of gas"), poor.Retdata[0]);
        Assert.True(poor.GasConsumed <= ok.GasConsumed / 2);
    }

    [Fact]
    public void Unknown_entry_point_and_too_little_gas_are_errors()
    {
        var world = DeployToken(1);
        Assert.Contains("not found", Assert.Throws<VmException>(() => Call(world, Alice, "no_such_function")).Message);
        Assert.Contains("Insufficient entry point initial gas", Assert.Throws<VmException>(() =>
            InMemorySyscallHandler.RunCall(world, EntryPointType.External, Token, TokenClass, Alice, StarknetKeccak.Selector("decimals"), [], 9_999)).Message);
    }

    [Fact]
    public void Account_checks_stark_signatures_made_by_cairn_ecdsa()
    {
        var world = new InMemoryWorld();
        var accountClass = Felt.FromUInt64(0xacc);
        var account = Felt.FromUInt64(0xacc0);
        world.Classes[accountClass] = Account.Value;
        world.Contracts[account] = accountClass;
        var key = Felt.FromUInt64(0x1234567890abcdef);
        var pub = Ecdsa.GetPublicKey(key);
        var ctor = InMemorySyscallHandler.RunCall(world, EntryPointType.Constructor, account, accountClass, Felt.Zero, StarknetKeccak.Selector("constructor"), [pub], Gas);
        Assert.False(ctor.Failed);
        Assert.Equal([pub], InMemorySyscallHandler.RunCall(world, EntryPointType.External, account, accountClass, Felt.Zero, StarknetKeccak.Selector("get_public_key"), [], Gas).Retdata);

        var rng = new Random(7);
        for (int i = 0; i < 4; i++)
        {
            var hash = Felt.FromUInt64((ulong)rng.NextInt64());
            var sig = Ecdsa.Sign(key, hash);
            var good = InMemorySyscallHandler.RunCall(world, EntryPointType.External, account, accountClass, Felt.Zero,
                StarknetKeccak.Selector("is_valid_signature"), [hash, Felt.FromUInt64(2), sig.R, sig.S], Gas);
            Assert.False(good.Failed);
            Assert.Equal([Felt.FromShortString("VALID")], good.Retdata);
            var bad = InMemorySyscallHandler.RunCall(world, EntryPointType.External, account, accountClass, Felt.Zero,
                StarknetKeccak.Selector("is_valid_signature"), [hash + Felt.One, Felt.FromUInt64(2), sig.R, sig.S], Gas);
            Assert.False(bad.Failed);
            Assert.Equal([Felt.Zero], bad.Retdata);
        }
    }

    [Fact]
    public void Random_calldata_to_every_entry_point_panics_or_succeeds_but_never_crashes()
    {
        var rng = new Random(11);
        foreach (var (cls, classHash) in new[] { (Erc20.Value, TokenClass), (Account.Value, Felt.FromUInt64(0xacc)) })
        {
            foreach (var ep in cls.External)
            {
                for (int i = 0; i < 6; i++)
                {
                    var world = new InMemoryWorld();
                    world.Classes[classHash] = cls;
                    world.Contracts[Token] = classHash;
                    var calldata = new Felt[rng.Next(0, 7)];
                    for (int j = 0; j < calldata.Length; j++)
                    {
                        calldata[j] = rng.Next(3) switch { 0 => Felt.FromUInt64((ulong)rng.Next(4)), 1 => -Felt.One, _ => Felt.FromUInt64((ulong)rng.NextInt64()) };
                    }
                    try
                    {
                        var r = InMemorySyscallHandler.RunCall(world, EntryPointType.External, Token, classHash, Alice, ep.Selector, calldata, Gas);
                        if (r.Failed) Assert.NotEmpty(r.Retdata); // a panic carries its reason
                    }
                    catch (VmException)
                    {
                        // an error that aborts the call (as blockifier's execution errors): acceptable, not a crash
                    }
                }
            }
        }
    }
}
