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

    private static readonly Felt Account = Felt.FromUInt64(0xacc0);
    private static readonly Felt AccountClass = Felt.FromUInt64(0xacc);
    private static readonly Felt IsValidSignatureSelector = StarknetKeccak.Selector("is_valid_signature");

    private InMemoryWorld _world = null!;
    private Felt[] _signed = [];

    [GlobalSetup]
    public void Setup()
    {
        _world = new InMemoryWorld();
        _world.Classes[TokenClass] = CasmContractClass.Parse(ContractFixtures.CasmJson("contracts_TestERC20"));
        _world.Contracts[Token] = TokenClass;
        var ctor = InMemorySyscallHandler.RunCall(_world, EntryPointType.Constructor, Token, TokenClass, Alice,
            StarknetKeccak.Selector("constructor"), [Felt.FromUInt64(ulong.MaxValue), Felt.Zero, Felt.FromUInt64(18)], 1_000_000_000);
        if (ctor.Failed) throw new InvalidOperationException("constructor failed");

        // An OpenZeppelin-style account (contracts_MockAccount) checking a Stark ECDSA signature with ec_op.
        _world.Classes[AccountClass] = CasmContractClass.Parse(ContractFixtures.CasmJson("contracts_MockAccount"));
        _world.Contracts[Account] = AccountClass;
        var key = Felt.FromUInt64(0x1234567890abcdef);
        InMemorySyscallHandler.RunCall(_world, EntryPointType.Constructor, Account, AccountClass, Felt.Zero,
            StarknetKeccak.Selector("constructor"), [Crypto.Signatures.Ecdsa.GetPublicKey(key)], 1_000_000_000);
        var hash = Felt.FromUInt64(0xdeadbeef);
        var sig = Crypto.Signatures.Ecdsa.Sign(key, hash);
        _signed = [hash, Felt.FromUInt64(2), sig.R, sig.S];
    }

    /// <summary><c>is_valid_signature(hash, [r, s])</c> of the account: the signature check every transaction's validation runs.</summary>
    [Benchmark]
    public EntryPointResult AccountIsValidSignature()
    {
        var r = InMemorySyscallHandler.RunCall(_world, EntryPointType.External, Account, AccountClass, Felt.Zero, IsValidSignatureSelector, _signed, 1_000_000_000);
        if (r.Failed || r.Retdata[0] != Felt.FromShortString("VALID")) throw new InvalidOperationException("signature rejected");
        return r;
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
