using System.Numerics;
using Cairn.Cairo.Programs;
using Cairn.Cairo.Syscalls;
using Cairn.Crypto.Curve;
using Cairn.Crypto.Hashing;
using Cairn.Crypto.Signatures;
using Cairn.Execution.Calls;
using Cairn.Execution.Fees;
using Cairn.Execution.State;
using Cairn.Execution.SystemContracts;
using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Execution.Genesis;

/// <summary>
/// Builds the genesis state: the system classes declared; STRK (Cairn's ERC20, "Starknet Token", 18
/// decimals, owner <see cref="MinterAddress"/>, its storage written as its constructor and mints would) at Starknet's STRK address; the universal deployer at both
/// of Starknet's UDC addresses; N accounts (Cairn's account class, salt 20, deployer 0 — the
/// DEPLOY_ACCOUNT address of their public key) whose balances and the total supply are written to the
/// token's storage; then the extra classes and contracts of <see cref="GenesisOptions"/>. Private keys
/// are <c>poseidon(seed, i) mod (n − 1) + 1</c>.
/// </summary>
public static class GenesisBuilder
{
    /// <summary>The token's owner, the only caller of <c>mint</c> (dev_mint mints as it).</summary>
    public static readonly ContractAddress MinterAddress = new(Felt.FromShortString("CAIRN_MINTER"));

    /// <summary>The deploy-account salt of the predeployed accounts (as starknet-devnet uses).</summary>
    public static readonly Felt AccountSalt = Felt.FromUInt64(20);

    public static Felt PrivateKey(Felt seed, int index)
    {
        var h = Poseidon.Hash(seed, Felt.FromUInt64((ulong)index)).ToBigInteger();
        return Felt.FromBigInteger(h % (StarkCurve.OrderInteger - 1) + 1);
    }

    public static GenesisState Build(GenesisOptions options, Felt chainId)
    {
        var reader = new InMemoryStateReader();
        var state = new CachedState(reader);
        var classes = new List<DeclaredClass> { SystemClasses.Account, SystemClasses.Erc20, SystemClasses.UniversalDeployer };
        classes.AddRange(options.Classes);
        foreach (var c in classes) state.DeclareClass(c.ClassHash, c.CompiledClassHash, c.Casm);

        var context = new TransactionContext(new BlockInfo(0, 0, Felt.Zero), new TxInfo { ChainId = chainId });
        state.SetClassHashAt(new ContractAddress(UniversalDeployer.Address), SystemClasses.UniversalDeployer.ClassHash);
        state.SetClassHashAt(new ContractAddress(UniversalDeployer.LegacyAddress), SystemClasses.UniversalDeployer.ClassHash);

        if (options.InitialBalance < 0 || options.InitialBalance >= BigInteger.One << 128) throw new ArgumentException("the initial balance must be in [0, 2^128)");
        var accounts = new List<PredeployedAccount>();
        for (int i = 0; i < options.Accounts; i++)
        {
            var key = PrivateKey(options.Seed, i);
            var pub = Ecdsa.GetPublicKey(key);
            var address = ContractAddressCalculator.Compute(AccountSalt, SystemClasses.Account.ClassHash.Value, [pub], Felt.Zero);
            Deploy(state, context, address, SystemClasses.Account.ClassHash, [pub]);
            accounts.Add(new PredeployedAccount(address, key, pub, options.InitialBalance));
        }
        // STRK: the storage its constructor and mints would leave (name, symbol, decimals, owner, supply, balances).
        var strk = FeeToken.StrkAddress;
        state.SetClassHashAt(strk, SystemClasses.Erc20.ClassHash);
        var balances = accounts.Select(a => (a.Address.Value, (UInt128)a.Balance));
        foreach (var (key, value) in Erc20Token.InitialStorage("Starknet Token", "STRK", 18, MinterAddress.Value, balances)) state.SetStorage(strk, new StorageKey(key), value);

        foreach (var c in options.Contracts)
        {
            if (state.GetCompiledClass(c.ClassHash) is null) throw new ArgumentException($"genesis contract {c.Address}: class {c.ClassHash} is not declared");
            state.SetClassHashAt(c.Address, c.ClassHash);
            foreach (var (key, value) in c.Storage) state.SetStorage(c.Address, key, value);
        }
        return new GenesisState(state.ToStateDiff(), classes, accounts, state);
    }

    private static void Deploy(CachedState state, TransactionContext context, ContractAddress address, ClassHash classHash, Felt[] calldata)
    {
        state.SetClassHashAt(address, classHash);
        var compiled = state.GetCompiledClass(classHash)!;
        if (compiled.Constructor.Count == 0) return;
        var ctor = EntryPointExecutor.Execute(state, context,
            new CallRequest(address, EntryPointType.Constructor, StarknetKeccak.Selector("constructor"), calldata, default), 1_000_000_000);
        if (ctor.Failed) throw new InvalidOperationException($"genesis: the constructor at {address} failed: {Executor.TransactionExecutor.Describe(ctor.Retdata)}");
    }
}
