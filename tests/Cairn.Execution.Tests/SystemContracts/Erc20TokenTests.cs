using Cairn.Cairo.Programs;
using Cairn.Cairo.Syscalls;
using Cairn.Crypto.Hashing;
using Cairn.Execution.SystemContracts;
using Cairn.Primitives;

namespace Cairn.Execution.Tests.SystemContracts;

/// <summary>What the differential tests do not cover: the constructor, the genesis storage helper, long names.</summary>
public sealed class Erc20TokenTests
{
    private const ulong Gas = 1_000_000_000;
    private static readonly Felt Token = Erc20Token.StrkAddress;
    private static readonly Felt Owner = 0x0123;

    private static (InMemoryWorld World, Cairn.Cairo.Runners.EntryPointResult Result) Construct(Felt[] calldata)
    {
        var world = new InMemoryWorld();
        world.Classes[1] = Erc20Token.Contract.Class;
        world.Contracts[Token] = 1;
        var r = InMemorySyscallHandler.RunCall(world, EntryPointType.Constructor, Token, 1, 0, StarknetKeccak.Selector("constructor"), calldata, Gas);
        return (world, r);
    }

    private static Felt[] Call(InMemoryWorld world, string fn, params Felt[] cd) =>
        [.. InMemorySyscallHandler.RunCall(world, EntryPointType.External, Token, 1, 0xcafe, StarknetKeccak.Selector(fn), cd, Gas).Retdata];

    [Fact]
    public void The_constructor_sets_the_metadata_and_mints_the_initial_supply()
    {
        var (world, r) = Construct(Erc20Token.ConstructorCalldata(Erc20Token.StrkName, Erc20Token.StrkSymbol, Erc20Token.StrkDecimals, 5000, 7, 0xa11ce, Owner));
        Assert.False(r.Failed, string.Join(",", r.Retdata));
        Assert.Equal([0, Felt.FromShortString("Starknet Token"), 14], Call(world, "name"));
        Assert.Equal([0, Felt.FromShortString("STRK"), 4], Call(world, "symbol"));
        Assert.Equal([18], Call(world, "decimals"));
        Assert.Equal([Owner], Call(world, "owner"));
        Assert.Equal([5000, 7], Call(world, "totalSupply"));
        Assert.Equal([5000, 7], Call(world, "balance_of", 0xa11ce));
        var ev = Assert.Single(world.Events);
        Assert.Equal([Erc20Token.TransferEvent, 0, 0xa11ce], ev.Keys);
        Assert.Equal([5000, 7], ev.Data);
    }

    [Fact]
    public void InitialStorage_equals_what_the_constructor_and_mints_write()
    {
        var (world, r) = Construct(Erc20Token.ConstructorCalldata("Ether", "ETH", 18, 100, 0, 0xa11ce, Owner));
        Assert.False(r.Failed);
        foreach (var (account, amount) in new (Felt, ulong)[] { (0xb0b, 7), (0xa11ce, 5) })
        {
            Assert.False(InMemorySyscallHandler.RunCall(world, EntryPointType.External, Token, 1, Owner, StarknetKeccak.Selector("mint"), [account, amount, 0], Gas).Failed);
        }
        var expected = Erc20Token.InitialStorage("Ether", "ETH", 18, Owner, [(0xa11ce, 100), (0xb0b, 7), (0xa11ce, 5)])
            .Where(w => !w.Value.IsZero).ToDictionary(w => w.Key, w => w.Value);
        var actual = world.Storage.Where(kv => !kv.Value.IsZero).ToDictionary(kv => kv.Key.Key, kv => kv.Value);
        Assert.Equal(expected.OrderBy(kv => kv.Key.ToPaddedHex()), actual.OrderBy(kv => kv.Key.ToPaddedHex()));
    }

    [Fact]
    public void Constructor_calldata_errors()
    {
        var ok = Erc20Token.ConstructorCalldata("A", "B", 18, 1, 0, 0xa11ce, Owner);
        Assert.Equal([Felt.FromShortString("ByteArray longer than 30 bytes")], Construct([1, .. ok[1..]]).Result.Retdata);
        var bad = (Felt[])ok.Clone();
        bad[6] = 256; // decimals: u8
        Assert.Equal([Felt.FromShortString("Failed to deserialize param #3")], Construct(bad).Result.Retdata);
        bad = (Felt[])ok.Clone();
        bad[9] = 0; // recipient 0
        Assert.Equal([Felt.FromShortString("ERC20: mint to 0")], Construct(bad).Result.Retdata);
        Assert.Equal([Felt.FromShortString("Failed to deserialize param #6")], Construct(ok[..^1]).Result.Retdata);
        Assert.Equal([Felt.FromShortString("Input too long for arguments")], Construct([.. ok, 1]).Result.Retdata);
        // An empty name is stored as length 0 only.
        var (world, r) = Construct(Erc20Token.ConstructorCalldata("", "B", 0, 0, 0, 0xa11ce, Owner));
        Assert.False(r.Failed);
        Assert.Equal([0, 0, 0], Call(world, "name"));
    }
}
