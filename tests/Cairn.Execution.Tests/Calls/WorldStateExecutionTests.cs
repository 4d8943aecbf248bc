using Cairn.Cairo.Programs;
using Cairn.Cairo.Syscalls;
using Cairn.Crypto.Hashing;
using Cairn.Crypto.Signatures;
using Cairn.Execution.Calls;
using Cairn.Execution.State;
using Cairn.Primitives;
using Cairn.Primitives.Ids;
using Cairn.State;
using Cairn.Storage;
using Cairn.Testing;

namespace Cairn.Execution.Tests.Calls;

/// <summary>
/// Execution against the committed world state: classes declared and contracts deployed in block 0,
/// constructors run and committed as block 1, a transfer through the account committed as block 2;
/// every block's reads see exactly what was true then, and the roots move.
/// </summary>
public sealed class WorldStateExecutionTests
{
    private static readonly ClassHash TokenClass = new(Felt.FromUInt64(0x7c));
    private static readonly ClassHash AccountClass = new(Felt.FromUInt64(0xacc));
    private static readonly ContractAddress Token = new(Felt.FromUInt64(0x70));
    private static readonly ContractAddress Acc = new(Felt.FromUInt64(0xacc0));
    private static readonly ContractAddress Bob = new(Felt.FromUInt64(0xb0b));
    private const ulong Gas = 1_000_000_000;

    private static TransactionContext Context(ulong block) =>
        new(new BlockInfo(block, 1_700_000_000 + block, Felt.Zero), new TxInfo { Version = Felt.FromUInt64(3), ChainId = Felt.FromShortString("SN_SEPOLIA") });

    private static Felt[] Balance(WorldState world, ClassStore classes, ulong block, ContractAddress who) =>
        [.. EntryPointExecutor.Execute(new CachedState(new WorldStateReader(world, classes, block)), Context(block),
            new CallRequest(Token, EntryPointType.External, StarknetKeccak.Selector("balance_of"), [who.Value], default), Gas).Retdata];

    [Fact]
    public void Blocks_of_executed_calls_commit_into_the_world_state_with_history()
    {
        using var store = new MemoryStore([.. WorldState.ColumnNames, ClassStore.ColumnName]);
        var world = new WorldState(store);
        var classes = new ClassStore(store);
        var erc20 = ContractFixtures.CasmJson("contracts_TestERC20");
        var account = ContractFixtures.CasmJson("contracts_MockAccount");
        classes.Put(TokenClass, System.Text.Encoding.UTF8.GetBytes(erc20));
        classes.Put(AccountClass, System.Text.Encoding.UTF8.GetBytes(account));

        // Block 0: declare both classes, deploy the two contracts.
        var genesis = new StateDiff()
            .DeclareClass(TokenClass, new CompiledClassHash(CompiledClassHasher.ComputeBlake(CasmContractClass.Parse(erc20))))
            .DeclareClass(AccountClass, new CompiledClassHash(CompiledClassHasher.ComputeBlake(CasmContractClass.Parse(account))))
            .DeployContract(Token, TokenClass)
            .DeployContract(Acc, AccountClass);
        var roots0 = world.Apply(0, genesis);

        // Block 1: the constructors.
        var state1 = new CachedState(new WorldStateReader(world, classes, 0));
        var key = Felt.FromUInt64(42);
        Assert.False(EntryPointExecutor.Execute(state1, Context(1), new CallRequest(Acc, EntryPointType.Constructor, StarknetKeccak.Selector("constructor"), [Ecdsa.GetPublicKey(key)], default), Gas).Failed);
        Assert.False(EntryPointExecutor.Execute(state1, Context(1), new CallRequest(Token, EntryPointType.Constructor, StarknetKeccak.Selector("constructor"), [Felt.FromUInt64(500), Felt.Zero, Felt.FromUInt64(6)], Acc), Gas).Failed);
        var roots1 = world.Apply(1, state1.ToStateDiff());
        Assert.NotEqual(roots0.GlobalRoot, roots1.GlobalRoot);

        // Block 2: a transfer through the account's __execute__.
        var state2 = new CachedState(new WorldStateReader(world, classes, 1));
        var call = new CallRequest(Acc, EntryPointType.External, StarknetKeccak.Selector("__execute__"),
            [Felt.One, Token.Value, StarknetKeccak.Selector("transfer"), Felt.FromUInt64(3), Bob.Value, Felt.FromUInt64(120), Felt.Zero], default);
        var info = EntryPointExecutor.Execute(state2, Context(2), call, Gas);
        Assert.False(info.Failed);
        var diff2 = state2.ToStateDiff();
        Assert.Equal([Token], diff2.StorageDiffs.Keys);
        world.Apply(2, diff2);

        Assert.Equal([Felt.FromUInt64(500), Felt.Zero], Balance(world, classes, 1, Acc));
        Assert.Equal([Felt.Zero, Felt.Zero], Balance(world, classes, 1, Bob));
        Assert.Equal([Felt.FromUInt64(380), Felt.Zero], Balance(world, classes, 2, Acc));
        Assert.Equal([Felt.FromUInt64(120), Felt.Zero], Balance(world, classes, 2, Bob));

        // Before block 0 nothing was declared: the class is unknown there.
        var reader = new WorldStateReader(world, classes, 0);
        Assert.NotNull(reader.GetCompiledClass(TokenClass));
        Assert.Null(reader.GetCompiledClass(new ClassHash(Felt.FromUInt64(0xdead))));
    }

    [Fact]
    public void The_class_store_survives_reopening_and_rejects_malformed_classes()
    {
        using var store = new MemoryStore([ClassStore.ColumnName]);
        var classes = new ClassStore(store);
        classes.Put(TokenClass, System.Text.Encoding.UTF8.GetBytes(ContractFixtures.CasmJson("contracts_TestERC20")));
        var fresh = new ClassStore(store);
        Assert.Equal(classes.Get(TokenClass)!.Bytecode.Count, fresh.Get(TokenClass)!.Bytecode.Count);
        Assert.Null(fresh.Get(AccountClass));
        Assert.Throws<ProgramLoadException>(() => classes.Put(AccountClass, "{}"u8));
        Assert.Null(fresh.Get(AccountClass));
    }
}
