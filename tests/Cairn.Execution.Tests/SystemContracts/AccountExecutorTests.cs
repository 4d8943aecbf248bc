using Cairn.Cairo.Programs;
using Cairn.Cairo.Syscalls;
using Cairn.Crypto.Hashing;
using Cairn.Crypto.Signatures;
using Cairn.Execution.Calls;
using Cairn.Execution.Executor;
using Cairn.Execution.Hashing;
using Cairn.Execution.State;
using Cairn.Execution.SystemContracts;
using Cairn.Execution.Transactions;
using Cairn.Primitives;
using Cairn.Primitives.Ids;
using Cairn.Testing;

namespace Cairn.Execution.Tests.SystemContracts;

/// <summary>Cairn's <see cref="Account"/> through the <see cref="TransactionExecutor"/>: DEPLOY_ACCOUNT v3 and INVOKE v3 signed over the real transaction hashes (no fee charging).</summary>
public sealed class AccountExecutorTests
{
    private static readonly ClassHash TokenClass = new(Felt.FromUInt64(0x7c));
    private static readonly ClassHash AccountClass = new(Felt.FromUInt64(0xca11));
    private static readonly ContractAddress Token = new(Felt.FromUInt64(0x70));
    private static readonly ContractAddress Bob = new(Felt.FromUInt64(0xb0b));
    private static readonly Felt Key = Felt.FromUInt64(0x5eed5eed);
    private static readonly Felt ChainId = Felt.FromShortString("SN_SEPOLIA");
    private static readonly BlockInfo Block = new(20, 1_700_000_000, Felt.FromUInt64(0x5e0));
    private static readonly ResourceBoundsMapping Bounds = new(new ResourceBounds(0, 0), new ResourceBounds(10_000_000, 1), new ResourceBounds(0, 0));

    /// <summary>The account deployed by a DEPLOY_ACCOUNT transaction, and a token minted to it.</summary>
    private static (CachedState State, ContractAddress Account) Genesis()
    {
        var reader = new InMemoryStateReader();
        reader.Declare(TokenClass, CasmContractClass.Parse(ContractFixtures.CasmJson("contracts_TestERC20")));
        reader.Declare(AccountClass, Account.Contract.Class);
        reader.ClassHashes[Token] = TokenClass;
        var state = new CachedState(reader);
        var deploy = new DeployAccountTransactionV3
        {
            ClassHash = AccountClass.Value,
            ContractAddressSalt = Felt.FromUInt64(7),
            Nonce = Felt.Zero,
            ConstructorCalldata = new[] { Ecdsa.GetPublicKey(Key) },
            ResourceBounds = Bounds,
        };
        var sig = Ecdsa.Sign(Key, TransactionHasher.Compute(deploy, ChainId).Value);
        var receipt = TransactionExecutor.Execute(state, Block, ChainId, deploy with { Signature = new[] { sig.R, sig.S } }, ExecutionFlags.SkipFeeCharge);
        Assert.Equal(ExecutionStatus.Succeeded, receipt.Status);
        Assert.Equal([Account.Validated], receipt.ValidateCall!.Retdata);
        var address = new ContractAddress(ContractAddressCalculator.Compute(Felt.FromUInt64(7), AccountClass.Value, [Ecdsa.GetPublicKey(Key)], Felt.Zero));
        Assert.Equal(AccountClass, state.GetClassHashAt(address));
        var ctx = new TransactionContext(Block, new TxInfo());
        Assert.False(EntryPointExecutor.Execute(state, ctx, new CallRequest(Token, EntryPointType.Constructor, StarknetKeccak.Selector("constructor"),
            [Felt.FromUInt64(1000), Felt.Zero, Felt.FromUInt64(18)], address), 1_000_000_000).Failed);
        return (state, address);
    }

    private static InvokeTransactionV3 Transfer(ContractAddress account, ulong amount, ulong nonce, Felt? signingKey = null)
    {
        var tx = new InvokeTransactionV3
        {
            SenderAddress = account.Value,
            Calldata = new[] { Felt.One, Token.Value, StarknetKeccak.Selector("transfer"), Felt.FromUInt64(3), Bob.Value, Felt.FromUInt64(amount), Felt.Zero },
            Nonce = Felt.FromUInt64(nonce),
            ResourceBounds = Bounds,
        };
        var sig = Ecdsa.Sign(signingKey ?? Key, TransactionHasher.Compute(tx, ChainId).Value);
        return tx with { Signature = new[] { sig.R, sig.S } };
    }

    private static Felt[] Balance(CachedState state, ContractAddress who) =>
        [.. EntryPointExecutor.Execute(state, new TransactionContext(Block, new TxInfo()),
            new CallRequest(Token, EntryPointType.External, StarknetKeccak.Selector("balance_of"), [who.Value], default), 1_000_000_000).Retdata];

    [Fact]
    public void Deploy_account_then_signed_invokes_transfer_and_forgeries_are_rejected()
    {
        var (state, account) = Genesis();
        var receipt = TransactionExecutor.Execute(state, Block, ChainId, Transfer(account, 100, 1), ExecutionFlags.SkipFeeCharge);
        Assert.Equal(ExecutionStatus.Succeeded, receipt.Status);
        Assert.Equal([Account.Validated], receipt.ValidateCall!.Retdata);
        Assert.Equal([Felt.One, Felt.One, Felt.One], receipt.ExecuteCall!.Retdata); // Array<Span>: one span [true]
        Assert.Equal([Felt.FromUInt64(900), Felt.Zero], Balance(state, account));
        Assert.Equal([Felt.FromUInt64(100), Felt.Zero], Balance(state, Bob));
        Assert.Equal(Felt.FromUInt64(2), state.GetNonce(account).Value);

        int checkpoint = state.Checkpoint();
        var forged = Assert.Throws<TransactionRejectedException>(() =>
            TransactionExecutor.Execute(state, Block, ChainId, Transfer(account, 100, 2, Felt.FromUInt64(0xbad)), ExecutionFlags.SkipFeeCharge));
        Assert.Equal("VALIDATION_FAILURE", forged.Code);
        Assert.Contains("invalid signature", forged.Message);
        Assert.Equal(checkpoint, state.Checkpoint());

        var reverted = TransactionExecutor.Execute(state, Block, ChainId, Transfer(account, 5000, 2), ExecutionFlags.SkipFeeCharge);
        Assert.Equal(ExecutionStatus.Reverted, reverted.Status);
        Assert.Contains("ENTRYPOINT_FAILED", reverted.RevertReason);
        Assert.Equal(Felt.FromUInt64(3), state.GetNonce(account).Value);
        Assert.Equal([Felt.FromUInt64(900), Felt.Zero], Balance(state, account));
    }
}
