using BenchmarkDotNet.Attributes;
using Cairn.Cairo.Programs;
using Cairn.Cairo.Runners;
using Cairn.Cairo.Syscalls;
using Cairn.Crypto.Hashing;
using Cairn.Primitives;
using Cairn.Testing;

namespace Cairn.Benchmarks;

/// <summary>
/// Cairo 1 contract execution: ERC20 <c>transfer</c> and <c>balance_of</c> of a real Cairo 2.10 class
/// (contracts_TestERC20 from @hyperlane-xyz/starknet-core) run back to back through the entry-point
/// runner and the in-memory syscall handler, on one core. The execute phase only: no validate, no
/// fee transfer (those come with the executor). Run:
/// <c>dotnet run -c Release --project bench/Cairn.Benchmarks -- --filter '*ContractBenchmarks*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class ContractBenchmarks
{
    private static readonly Felt Token = Felt.FromUInt64(0x70);
    private static readonly Felt TokenClass = Felt.FromUInt64(0x7c);
    private static readonly Felt Alice = Felt.FromUInt64(0xa11ce);
    private static readonly Felt Bob = Felt.FromUInt64(0xb0b);
    private static readonly Felt TransferSelector = StarknetKeccak.Selector("transfer");
    private static readonly Felt BalanceOfSelector = StarknetKeccak.Selector("balance_of");

    private InMemoryWorld _world = null!;

    [GlobalSetup]
    public void Setup()
    {
        _world = new InMemoryWorld();
        _world.Classes[TokenClass] = CasmContractClass.Parse(ContractFixtures.CasmJson("contracts_TestERC20"));
        _world.Contracts[Token] = TokenClass;
        var ctor = InMemorySyscallHandler.RunCall(_world, EntryPointType.Constructor, Token, TokenClass, Alice,
            StarknetKeccak.Selector("constructor"), [Felt.FromUInt64(ulong.MaxValue), Felt.Zero, Felt.FromUInt64(18)], 1_000_000_000);
        if (ctor.Failed) throw new InvalidOperationException("constructor failed");
    }

    [Benchmark]
    public EntryPointResult Transfer()
    {
        var r = InMemorySyscallHandler.RunCall(_world, EntryPointType.External, Token, TokenClass, Alice, TransferSelector, [Bob, Felt.One, Felt.Zero], 1_000_000_000);
        if (r.Failed) throw new InvalidOperationException("transfer failed");
        return r;
    }

    [Benchmark]
    public EntryPointResult BalanceOf() =>
        InMemorySyscallHandler.RunCall(_world, EntryPointType.External, Token, TokenClass, Alice, BalanceOfSelector, [Bob], 1_000_000_000);
}
