using System.Numerics;
using Cairn.Cairo.Programs;
using Cairn.Cairo.Syscalls;
using Cairn.Crypto.Hashing;
using Cairn.Execution.SystemContracts;
using Cairn.Primitives;
using Cairn.Testing;

namespace Cairn.Execution.Tests.SystemContracts;

/// <summary>
/// Cairn's ERC20 against OpenZeppelin's (the compiled <c>contracts_Ether</c> fixture: IERC20Mixin +
/// Ownable, name 'Ether', symbol 'ETH'), side by side on random operation sequences: the same
/// retdata or panic data, the same events and the same storage after every call.
/// </summary>
public sealed class Erc20DifferentialTests
{
    private const ulong Gas = 1_000_000_000;
    private static readonly Felt Token = Felt.Parse("0x4718f5a0fc34cc1af16a1cdee98ffb20c31f5cd61d6ab07201858f4287c938d");
    private static readonly Felt Owner = 0xabc;
    private static readonly Felt[] Accounts = [0, Owner, 0xa11ce, 0xb0b, Felt.Parse("0x7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff00")];
    private static readonly Lazy<CasmContractClass> Oracle = new(() => CasmContractClass.Parse(ContractFixtures.CasmJson("contracts_Ether")));

    internal sealed class Side
    {
        public InMemoryWorld World { get; } = new();

        public string Call(Felt caller, string function, Felt[] calldata, Cairn.Cairo.Programs.EntryPointType type = Cairn.Cairo.Programs.EntryPointType.External)
        {
            int before = World.Events.Count;
            try
            {
                var r = InMemorySyscallHandler.RunCall(World, type, Token, World.Contracts[Token], caller, StarknetKeccak.Selector(function), calldata, Gas);
                var events = World.Events.Skip(before).Select(e => $"[{string.Join(",", e.Keys)}|{string.Join(",", e.Data)}]");
                return $"{(r.Failed ? "PANIC" : "OK")} [{string.Join(",", r.Retdata.Select(Show))}] {string.Join(" ", events)}";
            }
            catch (Exception e)
            {
                return "ERROR " + e.Message;
            }
        }

        /// <summary>Non-zero storage of the token, ignoring <paramref name="ignore"/>.</summary>
        public SortedDictionary<string, Felt> Storage(params Felt[] ignore) => new(
            World.Storage.Where(kv => kv.Key.Address == Token && !kv.Value.IsZero && !ignore.Contains(kv.Key.Key))
                .ToDictionary(kv => kv.Key.Key.ToPaddedHex(), kv => kv.Value), StringComparer.Ordinal);
    }

    private static string Show(Felt f) => f.TryToShortString(out var s) && s.Length > 3 && s.All(c => c is >= ' ' and < '\x7f') ? $"'{s}'" : f.ToString();

    internal static Side OzToken()
    {
        var side = new Side();
        side.World.Classes[1] = Oracle.Value;
        side.World.Contracts[Token] = 1;
        Assert.StartsWith("OK", side.Call(0, "constructor", [Owner], Cairn.Cairo.Programs.EntryPointType.Constructor));
        side.World.Events.Clear();
        return side;
    }

    internal static Side CairnToken()
    {
        var side = new Side();
        side.World.Classes[2] = Erc20Token.Contract.Class;
        side.World.Contracts[Token] = 2;
        var r = side.Call(0, "constructor", Erc20Token.ConstructorCalldata("Ether", "ETH", 18, 0, 0, Owner, Owner), Cairn.Cairo.Programs.EntryPointType.Constructor);
        Assert.StartsWith("OK", r);
        side.World.Events.Clear();
        return side;
    }

    private static Felt[] Amount(Random rng)
    {
        BigInteger max = (BigInteger.One << 128) - 1;
        BigInteger Limb() => rng.Next(6) switch
        {
            0 => 0,
            1 => rng.Next(1, 1000),
            2 => max,
            3 => max - rng.Next(0, 3),
            4 => new BigInteger(rng.NextInt64()) << 40,
            _ => rng.Next(0, 50),
        };
        // Mostly small amounts so that transfers succeed; sometimes huge ones.
        return rng.Next(4) == 0 ? [Felt.FromBigInteger(Limb()), Felt.FromBigInteger(Limb())] : [rng.Next(0, 300), 0];
    }

    private static (Felt Caller, string Function, Felt[] Calldata) RandomCall(Random rng)
    {
        Felt Account() => Accounts[rng.Next(Accounts.Length)];
        var caller = rng.Next(10) == 0 ? Felt.Zero : Accounts[1 + rng.Next(Accounts.Length - 1)];
        (string, Felt[]) pick = rng.Next(13) switch
        {
            0 or 1 => ("transfer", [Account(), .. Amount(rng)]),
            2 => ("transfer_from", [Account(), Account(), .. Amount(rng)]),
            3 => ("transferFrom", [Account(), Account(), .. Amount(rng)]),
            4 or 5 => ("approve", [Account(), .. Amount(rng)]),
            6 => ("mint", [Account(), .. Amount(rng)]),
            7 => (rng.Next(2) == 0 ? "balance_of" : "balanceOf", [Account()]),
            8 => ("allowance", [Account(), Account()]),
            9 => (rng.Next(2) == 0 ? "total_supply" : "totalSupply", []),
            10 => (rng.Next(3) switch { 0 => "name", 1 => "symbol", _ => "decimals" }, []),
            _ => ("transfer", [Account(), .. Amount(rng)]),
        };
        var (fn, cd) = pick;
        if (fn == "mint" && rng.Next(2) == 0) caller = Owner;
        if (rng.Next(8) == 0) cd = Corrupt(rng, cd);
        return (caller, fn, cd);
    }

    /// <summary>Bad calldata: too short, too long, a limb ≥ 2^128, an address ≥ 2^251.</summary>
    private static Felt[] Corrupt(Random rng, Felt[] cd)
    {
        var bad = new[]
        {
            (BigInteger.One << 128), (BigInteger.One << 251), (BigInteger.One << 251) - 1, Felt.Modulus - 1, (BigInteger.One << 200) + 5,
        };
        switch (rng.Next(3))
        {
            case 0 when cd.Length > 0:
                return cd[..rng.Next(cd.Length)];
            case 1:
                return [.. cd, rng.Next(5)];
            default:
                if (cd.Length == 0) return [1];
                var copy = (Felt[])cd.Clone();
                copy[rng.Next(copy.Length)] = Felt.FromBigInteger(bad[rng.Next(bad.Length)]);
                return copy;
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Random_sequences_match_OpenZeppelin(int seed)
    {
        var rng = new Random(seed);
        var oz = OzToken();
        var cairn = CairnToken();
        // Fund the accounts the same way on both sides.
        foreach (var a in Accounts.Skip(1))
        {
            Felt[] cd = [a, rng.Next(1, 500), 0];
            Assert.Equal(oz.Call(Owner, "mint", cd), cairn.Call(Owner, "mint", cd));
        }
        Assert.Equal(oz.Storage(), cairn.Storage(Erc20Token.DecimalsAddress));
        int changed = 0, panicked = 0;
        for (int i = 0; i < 60; i++)
        {
            var (caller, fn, cd) = RandomCall(rng);
            string what = $"step {i}: {fn}({string.Join(",", cd)}) from {caller}";
            string expected = oz.Call(caller, fn, cd);
            string actual = cairn.Call(caller, fn, cd);
            Assert.True(expected == actual, $"{what}\n  OZ:    {expected}\n  Cairn: {actual}");
            Assert.Equal(oz.Storage(), cairn.Storage(Erc20Token.DecimalsAddress));
            if (expected.StartsWith("OK", StringComparison.Ordinal) && expected.Contains('|', StringComparison.Ordinal)) changed++;
            if (expected.StartsWith("PANIC", StringComparison.Ordinal)) panicked++;
        }
        // The sequence exercised both outcomes.
        Assert.True(changed >= 10, $"only {changed} state-changing calls");
        Assert.True(panicked >= 10, $"only {panicked} panics");
    }

    /// <summary>Cairn's transfer is not slower in the VM than the compiled one (the executor's throughput target rests on it).</summary>
    [Fact]
    public void A_transfer_takes_no_more_steps_than_OpenZeppelins()
    {
        long Steps(Side side)
        {
            var world = side.World;
            side.Call(Owner, "mint", [0xb0b, 1000, 0]);
            var r = InMemorySyscallHandler.RunCall(world, Cairn.Cairo.Programs.EntryPointType.External, Token, world.Contracts[Token], 0xb0b,
                StarknetKeccak.Selector("transfer"), [0xa11ce, 10, 0], Gas);
            Assert.False(r.Failed);
            return r.Steps;
        }
        long oz = Steps(OzToken()), cairn = Steps(CairnToken());
        Assert.True(cairn <= oz, $"Cairn {cairn} steps, OpenZeppelin {oz}");
    }

    [Fact]
    public void Edge_cases_match_OpenZeppelin()
    {
        var oz = OzToken();
        var cairn = CairnToken();
        BigInteger max = (BigInteger.One << 128) - 1;
        Felt F(BigInteger v) => Felt.FromBigInteger(v);
        var calls = new List<(Felt, string, Felt[])>
        {
            (Owner, "mint", [0xb0b, F(max), F(max)]),
            (Owner, "mint", [0xb0b, 1, 0]),                                   // u256_add Overflow on the supply
            (0xb0b, "transfer", [0xa11ce, F(max), F(max)]),
            (0xa11ce, "transfer", [0xb0b, F(max), F(max - 1)]),
            (0xa11ce, "approve", [0xb0b, F(max), F(max)]),
            (0xb0b, "transfer_from", [0xa11ce, 0xb0b, 5, 0]),                 // infinite allowance: no Approval
            (0xb0b, "allowance", [0xa11ce, 0xb0b]),
            (0xa11ce, "approve", [0xb0b, 10, 1]),
            (0xb0b, "transfer_from", [0xa11ce, 0xb0b, 11, 0]),                // borrow from the high limb
            (0xb0b, "transfer_from", [0xa11ce, 0xb0b, 0, 2]),                 // insufficient allowance
            (0xb0b, "transfer_from", [0, 0xb0b, 0, 0]),
            (0, "transfer", [0xb0b, 0, 0]),
            (0xb0b, "transfer", [0, 0, 0]),
            (0xb0b, "transfer", [F((BigInteger.One << 251) - 1), 0, 0]),
            (0xb0b, "transfer", [F(BigInteger.One << 251), 0, 0]),
            (0xb0b, "transfer", [F(Felt.Modulus - 1), 0, 0]),
            (0xb0b, "transfer", [0xa11ce, F(BigInteger.One << 128), 0]),
            (0xb0b, "transfer", [0xa11ce, 0, F(BigInteger.One << 128)]),
            (0xb0b, "transfer", [0xa11ce, 0, F(Felt.Modulus - 1)]),
            (0xb0b, "transfer", [0xa11ce, 0]),
            (0xb0b, "transfer", []),
            (0xb0b, "transfer", [0xa11ce, 0, 0, 0]),
            (0xb0b, "balance_of", [0xb0b, 1]),
            (0xb0b, "name", [1]),
            (0, "mint", [0xb0b, 1, 0]),
            (0xb0b, "mint", [0xb0b, 1, 0]),
            (Owner, "mint", [0, 1, 0]),
            (0xb0b, "approve", [0, 1, 0]),
            (0, "approve", [0xb0b, 1, 0]),
        };
        foreach (var (caller, fn, cd) in calls)
        {
            string expected = oz.Call(caller, fn, cd);
            string actual = cairn.Call(caller, fn, cd);
            Assert.True(expected == actual, $"{fn}({string.Join(",", cd)}) from {caller}\n  OZ:    {expected}\n  Cairn: {actual}");
            Assert.Equal(oz.Storage(), cairn.Storage(Erc20Token.DecimalsAddress));
        }
    }
}
