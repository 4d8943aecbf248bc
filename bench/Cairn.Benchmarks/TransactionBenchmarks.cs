using BenchmarkDotNet.Attributes;
using Cairn.Cairo.Programs;
using Cairn.Cairo.Syscalls;
using Cairn.Crypto.Hashing;
using Cairn.Crypto.Signatures;
using Cairn.Execution.Calls;
using Cairn.Execution.Executor;
using Cairn.Execution.Hashing;
using Cairn.Execution.State;
using Cairn.Execution.Transactions;
using Cairn.Primitives;
using Cairn.Primitives.Ids;
using Cairn.Testing;

namespace Cairn.Benchmarks;

/// <summary>
/// Issue 5's workload, first increment: signed INVOKE v3 ERC20 transfers through a real
/// OpenZeppelin-style account (contracts_MockAccount) into a real ERC20 (contracts_TestERC20), back
/// to back on a warm cached state, on one core: transaction hash, <c>__validate__</c> (Stark ECDSA in
/// Cairo with the ec_op builtin), nonce, <c>__execute__</c>. No fee transfer yet (not implemented), so
/// this is a lower bound on the time of a full transaction. Run:
/// <c>dotnet run -c Release --project bench/Cairn.Benchmarks -- --filter '*TransactionBenchmarks*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class TransactionBenchmarks
{
    private const int Transfers = 64;
    private static readonly ContractAddress Token = new(Felt.FromUInt64(0x70));
    private static readonly ContractAddress Acc = new(Felt.FromUInt64(0xacc0));
    private static readonly Felt ChainId = Felt.FromShortString("SN_SEPOLIA");
    private static readonly BlockInfo Block = new(20, 1_700_000_000, Felt.FromUInt64(0x5e0));

    private InMemoryStateReader _genesis = null!;
    private InvokeTransactionV3[] _txs = [];

    [GlobalSetup(Target = nameof(InvokeTransfers))]
    public void Setup()
    {
        var tokenClass = new ClassHash(Felt.FromUInt64(0x7c));
        var accountClass = new ClassHash(Felt.FromUInt64(0xacc));
        _genesis = new InMemoryStateReader();
        _genesis.Declare(tokenClass, CasmContractClass.Parse(ContractFixtures.CasmJson("contracts_TestERC20")));
        _genesis.Declare(accountClass, CasmContractClass.Parse(ContractFixtures.CasmJson("contracts_MockAccount")));
        _genesis.ClassHashes[Acc] = accountClass;
        _genesis.ClassHashes[Token] = tokenClass;
        var key = Felt.FromUInt64(0x5eed);
        var setup = new CachedState(_genesis);
        var ctx = new TransactionContext(Block, new TxInfo());
        EntryPointExecutor.Execute(setup, ctx, new CallRequest(Acc, EntryPointType.Constructor, StarknetKeccak.Selector("constructor"), [Ecdsa.GetPublicKey(key)], default), 1_000_000_000);
        EntryPointExecutor.Execute(setup, ctx, new CallRequest(Token, EntryPointType.Constructor, StarknetKeccak.Selector("constructor"), [Felt.FromUInt64(1_000_000), Felt.Zero, Felt.FromUInt64(18)], Acc), 1_000_000_000);
        foreach (var (k, v) in setup.ToStateDiff().StorageDiffs)
        {
            foreach (var (sk, value) in v) _genesis.Storage[(k, sk)] = value;
        }

        _txs = new InvokeTransactionV3[Transfers];
        for (int i = 0; i < Transfers; i++)
        {
            var tx = new InvokeTransactionV3
            {
                SenderAddress = Acc.Value,
                Calldata = new[] { Felt.One, Token.Value, StarknetKeccak.Selector("transfer"), Felt.FromUInt64(3), Felt.FromUInt64(0xb0b + (ulong)i), Felt.One, Felt.Zero },
                Nonce = Felt.FromUInt64((ulong)i),
                ResourceBounds = new ResourceBoundsMapping(new ResourceBounds(0, 0), new ResourceBounds(10_000_000, 1), new ResourceBounds(0, 0)),
            };
            var sig = Ecdsa.Sign(key, TransactionHasher.Compute(tx, ChainId).Value);
            _txs[i] = tx with { Signature = new[] { sig.R, sig.S } };
        }
    }

    /// <summary>64 transfers in sequence on a fresh cached state over the genesis; time per transfer.</summary>
    [Benchmark(OperationsPerInvoke = Transfers)]
    public int InvokeTransfers()
    {
        var state = new CachedState(_genesis);
        int ok = 0;
        foreach (var tx in _txs)
        {
            if (TransactionExecutor.Execute(state, Block, ChainId, tx, ExecutionFlags.SkipFeeCharge).Status == ExecutionStatus.Succeeded) ok++;
        }
        if (ok != Transfers) throw new InvalidOperationException($"{Transfers - ok} transfers failed");
        return ok;
    }

    private Cairn.Execution.Genesis.GenesisState _cairnGenesis = null!;
    private InvokeTransactionV3[] _charged = [];
    private BlockContext _ctx = null!;

    [GlobalSetup(Target = nameof(ChargedCairnTransfers))]
    public void SetupCairn()
    {
        _cairnGenesis = Cairn.Execution.Genesis.GenesisBuilder.Build(new Cairn.Execution.Genesis.GenesisOptions { Accounts = 1 }, ChainId);
        _ctx = new BlockContext { Block = Block, ChainId = ChainId };
        var from = _cairnGenesis.Accounts[0];
        var p = _ctx.GasPrices;
        _charged = new InvokeTransactionV3[Transfers];
        for (int i = 0; i < Transfers; i++)
        {
            var tx = new InvokeTransactionV3
            {
                SenderAddress = from.Address.Value,
                Calldata = new[] { Felt.One, Cairn.Execution.Fees.FeeToken.StrkAddress.Value, StarknetKeccak.Selector("transfer"), Felt.FromUInt64(3), Felt.FromUInt64(0xb0b + (ulong)i), Felt.One, Felt.Zero },
                Nonce = Felt.FromUInt64((ulong)i),
                ResourceBounds = new ResourceBoundsMapping(new ResourceBounds(0, p.L1GasFri), new ResourceBounds(100_000_000, p.L2GasFri), new ResourceBounds(10_000, p.L1DataGasFri)),
            };
            var sig = Ecdsa.Sign(from.PrivateKey, TransactionHasher.Compute(tx, ChainId).Value);
            _charged[i] = tx with { Signature = new[] { sig.R, sig.S } };
        }
    }

    /// <summary>
    /// The full path with Cairn's own system contracts: signed STRK transfers from a genesis account (its
    /// ECDSA checked in Cairo with ec_op), each with bounds and balance checks, resources and fee, and the
    /// fee transfer to the sequencer; 64 in sequence on a fresh cache over the genesis state.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Transfers)]
    public int ChargedCairnTransfers()
    {
        var state = new CachedState(_cairnGenesis.State);
        int ok = 0;
        foreach (var tx in _charged)
        {
            if (TransactionExecutor.Execute(state, _ctx, tx).Status == ExecutionStatus.Succeeded) ok++;
        }
        if (ok != Transfers) throw new InvalidOperationException($"{Transfers - ok} transfers failed");
        return ok;
    }
}
