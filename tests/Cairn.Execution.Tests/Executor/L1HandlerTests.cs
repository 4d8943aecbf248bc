using System.Numerics;
using Cairn.Cairo.Syscalls;
using Cairn.Crypto.Hashing;
using Cairn.Execution.Executor;
using Cairn.Execution.Fees;
using Cairn.Execution.Hashing;
using Cairn.Execution.State;
using Cairn.Execution.SystemContracts;
using Cairn.Execution.Transactions;
using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Execution.Tests.Executor;

/// <summary>L1_HANDLER transactions on a contract written with the contract writer: the message lands, a failing handler reverts, the fee is in wei.</summary>
public sealed class L1HandlerTests
{
    private static readonly Felt ChainId = Felt.FromShortString("SN_SEPOLIA");
    private static readonly ContractAddress Bridge = new(Felt.FromUInt64(0xb1d6e));
    private static readonly ClassHash BridgeClass = new(Felt.FromUInt64(0xb1d6ec));
    private static readonly Felt L1Sender = Felt.Parse("0xae0ee0a63a2ce6baeeffe56e7714fb4efe48d419");
    private static readonly BlockContext Ctx = new() { Block = new BlockInfo(5, 1_700_000_000, Felt.FromUInt64(0x5e0)), ChainId = ChainId };

    /// <summary>
    /// <c>deposit(from_address, account, amount)</c>: stores <c>deposits[account] += amount</c> and emits
    /// <c>Deposited(account, amount)</c>; panics 'zero amount' for 0.
    /// </summary>
    private static readonly Lazy<SystemContract> Handler = new(() =>
    {
        var w = new ContractWriter("Bridge");
        w.L1Handler("deposit", ["pedersen", "range_check"], e =>
        {
            e.ReadFelt(1);
            var account = e.ReadFelt(2);
            var amount = e.ReadFelt(3);
            e.EndCalldata();
            e.PanicIf(e.IsEqual(amount, Felt.Zero), "zero amount");
            var key = e.MapAddress(StorageLayout.VarAddress("deposits"), account);
            var now = e.StorageRead(key);
            e.StorageWrite(key, e.Let(now + amount));
            e.EmitEvent([Expr(StarknetKeccak.Selector("Deposited")), account], [amount]);
            e.Return();
        });
        return w.Build();
    });

    private static Cairn.Cairo.Builder.Expr Expr(Felt f) => Cairn.Cairo.Builder.Expr.Imm(f);

    private static CachedState Genesis()
    {
        var reader = new InMemoryStateReader();
        reader.Declare(BridgeClass, Handler.Value.Class);
        reader.ClassHashes[Bridge] = BridgeClass;
        return new CachedState(reader);
    }

    private static L1HandlerTransaction Message(Felt account, ulong amount, ulong nonce) => new()
    {
        ContractAddress = Bridge.Value,
        EntryPointSelector = StarknetKeccak.Selector("deposit"),
        Calldata = new[] { L1Sender, account, Felt.FromUInt64(amount) },
        Nonce = Felt.FromUInt64(nonce),
    };

    [Fact]
    public void A_message_from_l1_runs_the_handler_and_reports_a_fee_in_wei()
    {
        var state = Genesis();
        var tx = Message(Felt.FromUInt64(0xa11ce), 70, 0);
        var receipt = TransactionExecutor.Execute(state, Ctx, tx);
        Assert.Equal(ExecutionStatus.Succeeded, receipt.Status);
        Assert.Equal(TransactionHasher.Compute(tx, ChainId), receipt.TransactionHash);
        Assert.Equal(FeeUnit.Wei, receipt.FeeUnit);
        Assert.True(receipt.ActualFee > 0);
        Assert.True(receipt.Gas.L1Gas > 0, "consuming the message costs L1 gas");
        Assert.Equal(2, receipt.Resources.L1HandlerPayloadSize);
        var key = new StorageKey(StorageLayout.MapAddress("deposits", Felt.FromUInt64(0xa11ce)));
        Assert.Equal(Felt.FromUInt64(70), state.GetStorage(Bridge, key));
        var ev = Assert.Single(receipt.Events);
        Assert.Equal([StarknetKeccak.Selector("Deposited"), Felt.FromUInt64(0xa11ce)], ev.Keys);

        TransactionExecutor.Execute(state, Ctx, Message(Felt.FromUInt64(0xa11ce), 5, 1));
        Assert.Equal(Felt.FromUInt64(75), state.GetStorage(Bridge, key));
    }

    [Fact]
    public void A_failing_handler_is_reverted_and_changes_nothing()
    {
        var state = Genesis();
        var receipt = TransactionExecutor.Execute(state, Ctx, Message(Felt.FromUInt64(0xb0b), 0, 0));
        Assert.Equal(ExecutionStatus.Reverted, receipt.Status);
        Assert.Contains("zero amount", receipt.RevertReason);
        Assert.Empty(receipt.Events);
        Assert.True(receipt.StateDiff.IsEmpty);

        var missing = TransactionExecutor.Execute(state, Ctx, Message(Felt.FromUInt64(0xb0b), 1, 1) with { EntryPointSelector = StarknetKeccak.Selector("nope") });
        Assert.Equal(ExecutionStatus.Reverted, missing.Status);
        Assert.Contains("not found", missing.RevertReason);
    }
}
