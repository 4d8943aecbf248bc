using Cairn.Cairo.Programs;
using Cairn.Cairo.Memory;
using Cairn.Cairo.Syscalls;
using Cairn.Cairo.Vm;
using Cairn.Crypto.Hashing;
using Cairn.Crypto.Signatures;
using Cairn.Execution.Calls;
using Cairn.Execution.State;
using Cairn.Primitives;
using Cairn.Primitives.Ids;
using Cairn.Testing;

namespace Cairn.Execution.Tests.Calls;

/// <summary>
/// Real Cairo 2.10 classes (OpenZeppelin-style account and ERC20 from @hyperlane-xyz/starknet-core)
/// executed against a cached state: validate with a real signature, a multicall through the
/// account into the token, inner-call failure and rollback, the resulting state diff.
/// </summary>
public sealed class EntryPointExecutorTests
{
    private static readonly Lazy<CasmContractClass> Erc20 = new(() => CasmContractClass.Parse(ContractFixtures.CasmJson("contracts_TestERC20")));
    private static readonly Lazy<CasmContractClass> Account = new(() => CasmContractClass.Parse(ContractFixtures.CasmJson("contracts_MockAccount")));
    private static readonly ClassHash TokenClass = new(Felt.FromUInt64(0x7c));
    private static readonly ClassHash AccountClass = new(Felt.FromUInt64(0xacc));
    private static readonly ContractAddress Token = new(Felt.FromUInt64(0x70));
    private static readonly ContractAddress Acc = new(Felt.FromUInt64(0xacc0));
    private static readonly ContractAddress Bob = new(Felt.FromUInt64(0xb0b));
    private static readonly Felt PrivateKey = Felt.FromUInt64(0x1234567890abcdef);
    private const ulong Gas = 1_000_000_000;

    private static (CachedState State, InMemoryStateReader Base) Genesis()
    {
        var reader = new InMemoryStateReader();
        reader.Declare(TokenClass, Erc20.Value);
        reader.Declare(AccountClass, Account.Value);
        reader.ClassHashes[Acc] = AccountClass;
        reader.ClassHashes[Token] = TokenClass;
        var state = new CachedState(reader);
        var ctx = Context(Felt.Zero);
        Assert.False(EntryPointExecutor.Execute(state, ctx, new CallRequest(Acc, EntryPointType.Constructor, StarknetKeccak.Selector("constructor"),
            [Ecdsa.GetPublicKey(PrivateKey)], default), Gas).Failed);
        Assert.False(EntryPointExecutor.Execute(state, ctx, new CallRequest(Token, EntryPointType.Constructor, StarknetKeccak.Selector("constructor"),
            [Felt.FromUInt64(1000), Felt.Zero, Felt.FromUInt64(18)], Acc), Gas).Failed);
        return (state, reader);
    }

    private static TransactionContext Context(Felt txHash, params Felt[] signature) =>
        new(new BlockInfo(100, 1_700_000_000, Felt.FromUInt64(0x5e0)), new TxInfo
        {
            Version = Felt.FromUInt64(3),
            AccountContractAddress = Acc.Value,
            TransactionHash = txHash,
            Signature = signature,
            ChainId = Felt.FromShortString("SN_SEPOLIA"),
        });

    private static Felt[] Transfer(ContractAddress to, ulong amount) =>
        [Felt.One, Token.Value, StarknetKeccak.Selector("transfer"), Felt.FromUInt64(3), to.Value, Felt.FromUInt64(amount), Felt.Zero];

    private static Felt[] Balance(CachedState state, ContractAddress who) =>
        [.. EntryPointExecutor.Execute(state, Context(Felt.Zero), new CallRequest(Token, EntryPointType.External, StarknetKeccak.Selector("balance_of"), [who.Value], default), Gas).Retdata];

    [Fact]
    public void Validate_accepts_the_accounts_signature_over_the_transaction_hash_and_rejects_others()
    {
        var (state, _) = Genesis();
        var hash = Felt.FromUInt64(0xdeadbeef);
        var sig = Ecdsa.Sign(PrivateKey, hash);
        var ctx = Context(hash, sig.R, sig.S);
        ctx.ValidateMode = true;
        var ok = EntryPointExecutor.Execute(state, ctx, new CallRequest(Acc, EntryPointType.External, StarknetKeccak.Selector("__validate__"), Transfer(Bob, 1), default), Gas);
        Assert.False(ok.Failed);
        Assert.Equal([Felt.FromShortString("VALID")], ok.Retdata);

        var wrong = Context(hash + Felt.One, sig.R, sig.S);
        wrong.ValidateMode = true;
        var bad = EntryPointExecutor.Execute(state, wrong, new CallRequest(Acc, EntryPointType.External, StarknetKeccak.Selector("__validate__"), Transfer(Bob, 1), default), Gas);
        Assert.True(bad.Failed);
        Assert.Contains(bad.Retdata, f => f.TryToShortString(out var s) && s.Contains("invalid signature", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Execute_runs_a_multicall_into_the_token_with_a_call_tree_and_ordered_events()
    {
        var (state, reader) = Genesis();
        Assert.Equal([Felt.FromUInt64(1000), Felt.Zero], Balance(state, Acc));
        var ctx = Context(Felt.FromUInt64(1));
        var info = EntryPointExecutor.Execute(state, ctx, new CallRequest(Acc, EntryPointType.External, StarknetKeccak.Selector("__execute__"), Transfer(Bob, 250), default), Gas);
        Assert.False(info.Failed, string.Join(",", info.Retdata));
        var inner = Assert.Single(info.InnerCalls);
        Assert.Equal(Token, inner.Request.StorageAddress);
        Assert.Equal(Acc, inner.Request.Caller);
        Assert.Equal([Felt.One], inner.Retdata);
        var ev = Assert.Single(inner.Events);
        Assert.Equal(0, ev.Order);
        Assert.Equal(StarknetKeccak.Selector("Transfer"), ev.Keys[0]);
        Assert.True(info.GasConsumed > inner.GasConsumed);
        Assert.Equal([Felt.FromUInt64(750), Felt.Zero], Balance(state, Acc));
        Assert.Equal([Felt.FromUInt64(250), Felt.Zero], Balance(state, Bob));

        var diff = state.ToStateDiff();
        Assert.True(diff.StorageDiffs.ContainsKey(Token));
        Assert.True(diff.StorageDiffs.ContainsKey(Acc)); // the public key written by the constructor
        Assert.Empty(diff.DeployedContracts); // both were in the base state
        Assert.Empty(reader.Storage); // the base state is untouched
    }

    [Fact]
    public void A_failing_inner_call_is_rolled_back_and_fails_the_outer_call()
    {
        var (state, _) = Genesis();
        int checkpoint = state.Checkpoint();
        var info = EntryPointExecutor.Execute(state, Context(Felt.FromUInt64(2)), new CallRequest(Acc, EntryPointType.External, StarknetKeccak.Selector("__execute__"), Transfer(Bob, 5000), default), Gas);
        Assert.True(info.Failed);
        Assert.Equal(Felt.FromShortString("ENTRYPOINT_FAILED"), info.Retdata[^1]);
        var inner = Assert.Single(info.InnerCalls);
        Assert.True(inner.Failed);
        Assert.Empty(inner.Events);
        Assert.Equal(checkpoint, state.Checkpoint()); // nothing was written
        Assert.Equal([Felt.FromUInt64(1000), Felt.Zero], Balance(state, Acc));
    }

    [Fact]
    public void Undeployed_contracts_and_unknown_entry_points_are_execution_errors()
    {
        var (state, _) = Genesis();
        Assert.Contains("is not deployed", Assert.Throws<ExecutionException>(() =>
            EntryPointExecutor.Execute(state, Context(Felt.Zero), new CallRequest(Bob, EntryPointType.External, StarknetKeccak.Selector("x"), [], default), Gas)).Message);
        Assert.Contains("not found", Assert.Throws<ExecutionException>(() =>
            EntryPointExecutor.Execute(state, Context(Felt.Zero), new CallRequest(Token, EntryPointType.External, StarknetKeccak.Selector("nope"), [], default), Gas)).Message);
    }

    [Fact]
    public void Cached_state_rolls_back_to_a_checkpoint_and_diffs_only_real_changes()
    {
        var reader = new InMemoryStateReader();
        var a = new ContractAddress(Felt.FromUInt64(5));
        var k = new StorageKey(Felt.FromUInt64(9));
        reader.Storage[(a, k)] = Felt.FromUInt64(1);
        var state = new CachedState(reader);
        state.SetStorage(a, k, Felt.FromUInt64(2));
        int cp = state.Checkpoint();
        state.SetStorage(a, k, Felt.FromUInt64(3));
        state.SetNonce(a, new Nonce(Felt.One));
        state.SetClassHashAt(a, new ClassHash(Felt.FromUInt64(77)));
        state.Rollback(cp);
        Assert.Equal(Felt.FromUInt64(2), state.GetStorage(a, k));
        Assert.Equal(default, state.GetNonce(a));
        Assert.Equal(default, state.GetClassHashAt(a));
        state.SetStorage(a, k, Felt.FromUInt64(1)); // back to the committed value
        Assert.True(state.ToStateDiff().IsEmpty);
    }

    [Fact]
    public void Meta_tx_v0_calls_execute_with_a_synthetic_v0_transaction_and_rejects_other_selectors()
    {
        var (state, _) = Genesis();
        var ctx = Context(Felt.FromUInt64(9));
        var outer = new CallInfo(new CallRequest(Token, EntryPointType.External, Felt.One, [], default), TokenClass);
        var handler = new StateSyscallHandler(state, ctx, outer, 0);
        var vm = new VirtualMachine();
        var syscalls = vm.Memory.AddSegment();
        handler.SyscallPointer = syscalls;

        MaybeRelocatable[] Invoke(Felt selector)
        {
            var calldata = vm.Memory.AddSegment();
            var transfer = Transfer(Bob, 1);
            for (int i = 0; i < transfer.Length; i++) vm.Memory.Insert(calldata.Add(i), transfer[i]);
            var sig = vm.Memory.AddSegment();
            var start = handler.SyscallPointer;
            vm.Memory.Load(start, [Felt.FromShortString("MetaTxV0"), Felt.FromUInt64(Gas), Acc.Value, selector, calldata, calldata.Add(transfer.Length), sig, sig]);
            handler.ExecuteSyscall(vm.HintContext, start);
            var r = start.Add(8);
            return [vm.Memory.Get(r), vm.Memory.Get(r.Add(1)), vm.Memory.Get(r.Add(2)), vm.Memory.Get(r.Add(3))];
        }

        Felt[] Span(MaybeRelocatable a, MaybeRelocatable b) =>
            Enumerable.Range(0, (int)(b.Relocatable.Offset - a.Relocatable.Offset)).Select(i => vm.Memory.GetFelt(a.Relocatable.Add(i))).ToArray();

        // The OpenZeppelin account refuses version-0 transactions: the failure proves the call ran with
        // caller 0 (else 'invalid caller') and the synthetic v0 transaction info.
        var r = Invoke(StarknetKeccak.Selector("__execute__"));
        Assert.Equal(Felt.One, r[1].Felt);
        var reason = Span(r[2], r[3]);
        Assert.Equal(Felt.FromShortString("ENTRYPOINT_FAILED"), reason[^1]);
        Assert.Contains(reason, f => f.TryToShortString(out var s) && s.Contains("invalid tx version", StringComparison.Ordinal));
        var inner = Assert.Single(outer.InnerCalls);
        Assert.Equal(Acc, inner.Request.StorageAddress);
        Assert.Equal(default, inner.Request.Caller);

        var bad = Invoke(StarknetKeccak.Selector("transfer"));
        Assert.Equal(Felt.One, bad[1].Felt);
        Assert.Equal([Felt.FromShortString("Invalid argument")], Span(bad[2], bad[3]));
    }
}
