using System.Numerics;
using Cairn.Cairo.Programs;
using Cairn.Cairo.Runners;
using Cairn.Cairo.Syscalls;
using Cairn.Crypto.Hashing;
using Cairn.Execution.SystemContracts;
using Cairn.Primitives;
using Cairn.Testing;

namespace Cairn.Execution.Tests.SystemContracts;

/// <summary>The UDC deploys Cairn's ERC20 at the address starknet.js's deployer computes and emits the event it parses.</summary>
public sealed class UniversalDeployerTests
{
    private const ulong Gas = 1_000_000_000;
    private static readonly Felt UdcClass = 0x11;
    private static readonly Felt TokenClass = Felt.Parse("0x2a7f2b1d3c4e5f60718293a4b5c6d7e8f90112233445566778899aabbccddee");
    private static readonly Felt Alice = 0xa11ce;

    private static InMemoryWorld World()
    {
        var world = new InMemoryWorld();
        world.Classes[UdcClass] = UniversalDeployer.Contract.Class;
        world.Classes[TokenClass] = Erc20Token.Contract.Class;
        world.Contracts[UniversalDeployer.Address] = UdcClass;
        return world;
    }

    private static EntryPointResult Deploy(InMemoryWorld world, Felt caller, Felt[] calldata, string entry = "deployContract") =>
        InMemorySyscallHandler.RunCall(world, EntryPointType.External, UniversalDeployer.Address, UdcClass, caller,
            StarknetKeccak.Selector(entry), calldata, Gas);

    private static Felt[] TokenCalldata(ulong supply) => Erc20Token.ConstructorCalldata("Starknet Token", "STRK", 18, supply, 0, Alice, Alice);

    /// <summary>starknet.js Deployer.buildDeployerCall's address: unique → pedersen(account, salt) deployed by the UDC, else from zero.</summary>
    private static Felt StarknetJsAddress(Felt account, Felt salt, bool unique, Felt[] ctor)
    {
        var oracle = ScureOracle.Shared;
        string effectiveSalt = unique ? oracle.CallOne("pedersen", account.ToString(), salt.ToString()) : salt.ToString();
        string deployer = unique ? UniversalDeployer.Address.ToString() : "0x0";
        return Felt.Parse(oracle.CallOne("contract_address", [effectiveSalt, TokenClass.ToString(), deployer, .. ctor.Select(f => f.ToString())]));
    }

    [Theory]
    [InlineData(true, "deployContract")]
    [InlineData(false, "deployContract")]
    [InlineData(true, "deploy_contract")]
    [InlineData(false, "deploy_contract")]
    public void Deploys_at_the_address_starknet_js_expects(bool unique, string entry)
    {
        var world = World();
        Felt salt = Felt.Parse("0x5a17");
        var ctor = TokenCalldata(1000);
        var r = Deploy(world, Alice, [TokenClass, salt, unique ? 1 : 0, (ulong)ctor.Length, .. ctor], entry);
        Assert.False(r.Failed, string.Join(",", r.Retdata));
        var address = r.Retdata.Single();

        var expected = ContractAddressCalculator.Compute(unique ? Pedersen.Hash(Alice, salt) : salt, TokenClass, ctor, unique ? UniversalDeployer.Address : Felt.Zero).Value;
        Assert.Equal(expected, address);
        Assert.Equal(StarknetJsAddress(Alice, salt, unique, ctor), address);
        Assert.Equal(TokenClass, world.Contracts[address]);

        // ContractDeployed, as starknet.js parseDeployerEvent reads it; the token's own Transfer (mint) comes first.
        var udcEvents = world.Events.Where(e => e.FromAddress == UniversalDeployer.Address).ToList();
        var ev = Assert.Single(udcEvents);
        Assert.Equal([UniversalDeployer.ContractDeployedEvent], ev.Keys);
        Assert.Equal([address, Alice, unique ? Felt.One : Felt.Zero, TokenClass, (ulong)ctor.Length, .. ctor, salt], ev.Data);
        Assert.Equal(world.Events.Count - 1, world.Events.IndexOf(ev));

        // The deployed token works.
        var balance = InMemorySyscallHandler.RunCall(world, EntryPointType.External, address, TokenClass, Alice, StarknetKeccak.Selector("balanceOf"), [Alice], Gas);
        Assert.Equal([1000, 0], balance.Retdata);
    }

    [Fact]
    public void A_non_canonical_true_is_true_and_an_empty_calldata_array_works()
    {
        var world = World();
        // A class without constructor arguments: the UDC itself.
        var r = Deploy(world, Alice, [UdcClass, 7, 5, 0]);
        Assert.False(r.Failed, string.Join(",", r.Retdata));
        var ev = world.Events.Single();
        Assert.Equal([r.Retdata[0], Alice, 1, UdcClass, 0, 7], ev.Data);
        Assert.Equal(ContractAddressCalculator.Compute(Pedersen.Hash(Alice, 7), UdcClass, [], UniversalDeployer.Address).Value, r.Retdata[0]);
    }

    [Fact]
    public void A_failing_constructor_reverts_the_deployment_with_its_panic_data()
    {
        var world = World();
        var ctor = TokenCalldata(5);
        ctor[^1] = 0; // ok
        ctor[^2] = 0; // recipient 0: 'ERC20: mint to 0'
        var r = Deploy(world, Alice, [TokenClass, 1, 1, (ulong)ctor.Length, .. ctor]);
        Assert.True(r.Failed);
        Assert.Equal([Felt.FromShortString("ERC20: mint to 0"), Felt.FromShortString("ENTRYPOINT_FAILED")], r.Retdata);
        Assert.Empty(world.Events);
        Assert.Single(world.Contracts);
    }

    [Fact]
    public void Deploying_twice_at_one_address_is_an_error()
    {
        var world = World();
        Felt[] cd = [UdcClass, 7, 0, 0];
        Assert.False(Deploy(world, Alice, cd).Failed);
        Assert.ThrowsAny<Exception>(() => Deploy(world, 0xb0b, cd)); // not unique: same address from any caller
        Assert.False(Deploy(world, Alice, [UdcClass, 7, 1, 0]).Failed);
        Assert.False(Deploy(world, 0xb0b, [UdcClass, 7, 1, 0]).Failed);
    }

    [Theory]
    [InlineData("", "Failed to deserialize param #1")]
    [InlineData("0x11", "Failed to deserialize param #2")]
    [InlineData("0x11,7", "Failed to deserialize param #3")]
    [InlineData("0x11,7,1", "Failed to deserialize param #4")]
    [InlineData("0x11,7,1,1", "Failed to deserialize param #4")]
    [InlineData("0x11,7,1,3,1,2", "Failed to deserialize param #4")]
    [InlineData("0x11,7,1,0x100000000000000000000000000000000", "Failed to deserialize param #4")]
    [InlineData("0x11,7,1,0x800000000000011000000000000000000000000000000000000000000000000", "Failed to deserialize param #4")]
    [InlineData("0x11,7,1,0,9", "Input too long for arguments")]
    [InlineData("0x11,7,1,1,4,9", "Input too long for arguments")]
    [InlineData("0x800000000000000000000000000000000000000000000000000000000000000,7,1,0", "Failed to deserialize param #1")]
    public void Bad_calldata_panics_like_a_compiled_contract(string calldata, string error)
    {
        var world = World();
        var cd = calldata.Length == 0 ? [] : calldata.Split(',').Select(s => Felt.Parse(s)).ToArray();
        var r = Deploy(world, Alice, cd);
        Assert.True(r.Failed);
        Assert.Equal([Felt.FromShortString(error)], r.Retdata);
    }
}
