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

namespace Cairn.Execution.Tests.Executor;

/// <summary>INVOKE v3 and DEPLOY_ACCOUNT v3 transactions signed for a real OpenZeppelin-style account, executed end to end without fee charging (fees: <see cref="FeeTests"/>).</summary>
public sealed class TransactionExecutorTests
{
    private static readonly ClassHash TokenClass = new(Felt.FromUInt64(0x7c));
    private static readonly ClassHash AccountClass = new(Felt.FromUInt64(0xacc));
    private static readonly ContractAddress Token = new(Felt.FromUInt64(0x70));
    private static readonly ContractAddress Acc = new(Felt.FromUInt64(0xacc0));
    private static readonly ContractAddress Bob = new(Felt.FromUInt64(0xb0b));
    private static readonly Felt Key = Felt.FromUInt64(0x5eed);
    private static readonly Felt ChainId = Felt.FromShortString("SN_SEPOLIA");
    private static readonly BlockInfo Block = new(20, 1_700_000_000, Felt.FromUInt64(0x5e0));

    private static CachedState Genesis()
    {
        var reader = new InMemoryStateReader();
        reader.Declare(TokenClass, CasmContractClass.Parse(ContractFixtures.CasmJson("contracts_TestERC20")));
        reader.Declare(AccountClass, CasmContractClass.Parse(ContractFixtures.CasmJson("contracts_MockAccount")));
        reader.ClassHashes[Acc] = AccountClass;
        reader.ClassHashes[Token] = TokenClass;
        var state = new CachedState(reader);
        var ctx = new TransactionContext(Block, new TxInfo());
        EntryPointExecutor.Execute(state, ctx, new CallRequest(Acc, EntryPointType.Constructor, StarknetKeccak.Selector("constructor"), [Ecdsa.GetPublicKey(Key)], default), 1_000_000_000);
        EntryPointExecutor.Execute(state, ctx, new CallRequest(Token, EntryPointType.Constructor, StarknetKeccak.Selector("constructor"), [Felt.FromUInt64(1000), Felt.Zero, Felt.FromUInt64(18)], Acc), 1_000_000_000);
        return state;
    }

    private static InvokeTransactionV3 Transfer(ulong amount, ulong nonce, Felt? signingKey = null)
    {
        var tx = new InvokeTransactionV3
        {
            SenderAddress = Acc.Value,
            Calldata = new[] { Felt.One, Token.Value, StarknetKeccak.Selector("transfer"), Felt.FromUInt64(3), Bob.Value, Felt.FromUInt64(amount), Felt.Zero },
            Nonce = Felt.FromUInt64(nonce),
            ResourceBounds = new ResourceBoundsMapping(new ResourceBounds(0, 0), new ResourceBounds(10_000_000, 1), new ResourceBounds(0, 0)),
        };
        var hash = TransactionHasher.Compute(tx, ChainId);
        var sig = Ecdsa.Sign(signingKey ?? Key, hash.Value);
        return tx with { Signature = new[] { sig.R, sig.S } };
    }

    private static Felt[] Balance(CachedState state, ContractAddress who) =>
        [.. EntryPointExecutor.Execute(state, new TransactionContext(Block, new TxInfo()),
            new CallRequest(Token, EntryPointType.External, StarknetKeccak.Selector("balance_of"), [who.Value], default), 1_000_000_000).Retdata];

    [Fact]
    public void A_signed_invoke_validates_executes_and_bumps_the_nonce()
    {
        var state = Genesis();
        var receipt = TransactionExecutor.Execute(state, Block, ChainId, Transfer(100, 0), ExecutionFlags.SkipFeeCharge);
        Assert.Equal(ExecutionStatus.Succeeded, receipt.Status);
        Assert.Null(receipt.RevertReason);
        Assert.Equal([Felt.FromShortString("VALID")], receipt.ValidateCall!.Retdata);
        var ev = Assert.Single(receipt.Events);
        Assert.Equal(Token, ev.FromAddress);
        Assert.Equal(StarknetKeccak.Selector("Transfer"), ev.Keys[0]);
        Assert.True(receipt.GasConsumed > receipt.ExecuteCall!.InnerCalls[0].GasConsumed);
        Assert.Equal(Felt.One, state.GetNonce(Acc).Value);
        Assert.Equal([Felt.FromUInt64(900), Felt.Zero], Balance(state, Acc));
        Assert.Equal([Felt.FromUInt64(100), Felt.Zero], Balance(state, Bob));

        var second = TransactionExecutor.Execute(state, Block, ChainId, Transfer(50, 1), ExecutionFlags.SkipFeeCharge);
        Assert.Equal(ExecutionStatus.Succeeded, second.Status);
        Assert.Equal(Felt.FromUInt64(2), state.GetNonce(Acc).Value);
    }

    [Fact]
    public void A_replayed_nonce_or_a_wrong_signature_is_rejected_and_changes_nothing()
    {
        var state = Genesis();
        TransactionExecutor.Execute(state, Block, ChainId, Transfer(100, 0), ExecutionFlags.SkipFeeCharge);
        int checkpoint = state.Checkpoint();

        var replay = Assert.Throws<TransactionRejectedException>(() => TransactionExecutor.Execute(state, Block, ChainId, Transfer(100, 0), ExecutionFlags.SkipFeeCharge));
        Assert.Equal("INVALID_TRANSACTION_NONCE", replay.Code);
        Assert.Contains("Account nonce: 0x1; got: 0x0", replay.Message);

        var forged = Assert.Throws<TransactionRejectedException>(() => TransactionExecutor.Execute(state, Block, ChainId, Transfer(100, 1, Felt.FromUInt64(0xbad)), ExecutionFlags.SkipFeeCharge));
        Assert.Equal("VALIDATION_FAILURE", forged.Code);
        Assert.Contains("invalid signature", forged.Message);
        Assert.Equal(checkpoint, state.Checkpoint());
        Assert.Equal(Felt.One, state.GetNonce(Acc).Value);
    }

    [Fact]
    public void A_failing_execute_reverts_its_changes_but_keeps_the_nonce()
    {
        var state = Genesis();
        var receipt = TransactionExecutor.Execute(state, Block, ChainId, Transfer(5000, 0), ExecutionFlags.SkipFeeCharge);
        Assert.Equal(ExecutionStatus.Reverted, receipt.Status);
        Assert.Contains("ENTRYPOINT_FAILED", receipt.RevertReason);
        Assert.Empty(receipt.Events);
        Assert.Equal(Felt.One, state.GetNonce(Acc).Value);
        Assert.Equal([Felt.FromUInt64(1000), Felt.Zero], Balance(state, Acc));
    }

    [Fact]
    public void Skip_validate_runs_without_a_signature_and_a_charged_invoke_must_meet_the_block_prices()
    {
        var state = Genesis();
        var unsigned = Transfer(1, 0) with { Signature = ReadOnlyMemory<Felt>.Empty };
        var receipt = TransactionExecutor.Execute(state, Block, ChainId, unsigned, ExecutionFlags.SkipFeeCharge | ExecutionFlags.SkipValidate);
        Assert.Equal(ExecutionStatus.Succeeded, receipt.Status);
        Assert.Null(receipt.ValidateCall);
        // Charged, the same bounds (price 1) are below the block's L2 gas price.
        var low = Assert.Throws<TransactionRejectedException>(() => TransactionExecutor.Execute(state, Block, ChainId, Transfer(1, 1)));
        Assert.Equal("INSUFFICIENT_RESOURCES_FOR_VALIDATE", low.Code);
        Assert.Contains("Insufficient max L1Gas price", low.Message);
    }

    private static DeployAccountTransactionV3 DeployAccount(Felt salt, Felt publicKey, Felt signingKey, ulong nonce = 0)
    {
        var tx = new DeployAccountTransactionV3
        {
            ClassHash = AccountClass.Value,
            ContractAddressSalt = salt,
            ConstructorCalldata = new[] { publicKey },
            Nonce = Felt.FromUInt64(nonce),
            ResourceBounds = new ResourceBoundsMapping(new ResourceBounds(0, 0), new ResourceBounds(10_000_000, 1), new ResourceBounds(0, 0)),
        };
        var sig = Ecdsa.Sign(signingKey, TransactionHasher.Compute(tx, ChainId).Value);
        return tx with { Signature = new[] { sig.R, sig.S } };
    }

    [Fact]
    public void Deploy_account_deploys_runs_the_constructor_validates_and_sets_the_nonce()
    {
        var state = Genesis();
        var key = Felt.FromUInt64(0xfeed);
        var pub = Ecdsa.GetPublicKey(key);
        var tx = DeployAccount(Felt.FromUInt64(77), pub, key);
        var receipt = TransactionExecutor.Execute(state, Block, ChainId, tx, ExecutionFlags.SkipFeeCharge);
        Assert.Equal(ExecutionStatus.Succeeded, receipt.Status);
        var address = ContractAddressCalculator.Compute(Felt.FromUInt64(77), AccountClass.Value, [pub], Felt.Zero);
        Assert.Equal(AccountClass, state.GetClassHashAt(address));
        Assert.Equal(Felt.One, state.GetNonce(address).Value);
        Assert.Equal([Felt.FromShortString("VALID")], receipt.ValidateCall!.Retdata);
        var getKey = EntryPointExecutor.Execute(state, new TransactionContext(Block, new TxInfo()),
            new CallRequest(address, EntryPointType.External, StarknetKeccak.Selector("get_public_key"), [], default), 1_000_000_000);
        Assert.Equal([pub], getKey.Retdata);

        // The same deployment again: the address is taken.
        var again = Assert.Throws<TransactionRejectedException>(() => TransactionExecutor.Execute(state, Block, ChainId, tx, ExecutionFlags.SkipFeeCharge));
        Assert.Equal("CONTRACT_ADDRESS_UNAVAILABLE", again.Code);
    }

    [Fact]
    public void Deploy_account_with_a_wrong_signature_or_an_unknown_class_is_rejected_and_deploys_nothing()
    {
        var state = Genesis();
        var key = Felt.FromUInt64(0xfeed);
        var pub = Ecdsa.GetPublicKey(key);
        int checkpoint = state.Checkpoint();
        var forged = Assert.Throws<TransactionRejectedException>(() =>
            TransactionExecutor.Execute(state, Block, ChainId, DeployAccount(Felt.FromUInt64(78), pub, Felt.FromUInt64(0xbad)), ExecutionFlags.SkipFeeCharge));
        Assert.Equal("VALIDATION_FAILURE", forged.Code);
        Assert.Equal(checkpoint, state.Checkpoint());
        var address = ContractAddressCalculator.Compute(Felt.FromUInt64(78), AccountClass.Value, [pub], Felt.Zero);
        Assert.Equal(default, state.GetClassHashAt(address));

        var unknown = DeployAccount(Felt.FromUInt64(79), pub, key) with { ClassHash = Felt.FromUInt64(0x404) };
        Assert.Equal("CLASS_HASH_NOT_FOUND", Assert.Throws<TransactionRejectedException>(() =>
            TransactionExecutor.Execute(state, Block, ChainId, unknown, ExecutionFlags.SkipFeeCharge)).Code);
        Assert.Equal("INVALID_TRANSACTION_NONCE", Assert.Throws<TransactionRejectedException>(() =>
            TransactionExecutor.Execute(state, Block, ChainId, DeployAccount(Felt.FromUInt64(80), pub, key, nonce: 1), ExecutionFlags.SkipFeeCharge)).Code);
    }

    [Fact]
    public void A_read_only_call_returns_data_and_changes_nothing()
    {
        var state = Genesis();
        int checkpoint = state.Checkpoint();
        var balance = ReadOnlyCall.Execute(state, Block, ChainId, Token, StarknetKeccak.Selector("balance_of"), [Acc.Value]);
        Assert.Equal([Felt.FromUInt64(1000), Felt.Zero], balance);

        // A transfer as a call runs (caller 0 has no balance: it panics) and writes nothing.
        var e = Assert.Throws<ContractCallException>(() =>
            ReadOnlyCall.Execute(state, Block, ChainId, Token, StarknetKeccak.Selector("transfer"), [Bob.Value, Felt.One, Felt.Zero]));
        Assert.NotEmpty(e.PanicData);
        Assert.Contains("Failure reason", e.Message);
        Assert.Equal(checkpoint, state.Checkpoint());
        Assert.Throws<ContractCallException>(() => ReadOnlyCall.Execute(state, Block, ChainId, Bob, StarknetKeccak.Selector("balance_of"), []));
    }
}
