using System.Numerics;
using Cairn.Cairo.Programs;
using Cairn.Cairo.Syscalls;
using Cairn.Crypto.Hashing;
using Cairn.Crypto.Signatures;
using Cairn.Execution.Calls;
using Cairn.Execution.Classes;
using Cairn.Execution.Executor;
using Cairn.Execution.Fees;
using Cairn.Execution.Hashing;
using Cairn.Execution.State;
using Cairn.Execution.Transactions;
using Cairn.Primitives;
using Cairn.Primitives.Ids;
using Cairn.Testing;

namespace Cairn.Execution.Tests.Executor;

/// <summary>
/// Fees end to end: the real OpenZeppelin ERC20 as the fee token at STRK's address, the real account paying;
/// bounds, balance, reverts on overdraft, the fee transfer, estimation, DECLARE and DEPLOY_ACCOUNT paying their own way.
/// </summary>
public sealed class FeeTests
{
    private static readonly ClassHash TokenClass = new(Felt.FromUInt64(0x7c));
    private static readonly ClassHash AccountClass = new(Felt.FromUInt64(0xacc));
    private static readonly ContractAddress Strk = FeeToken.StrkAddress;
    private static readonly ContractAddress Acc = new(Felt.FromUInt64(0xacc0));
    private static readonly ContractAddress Bob = new(Felt.FromUInt64(0xb0b));
    private static readonly ContractAddress Sequencer = new(Felt.FromUInt64(0x5e0));
    private static readonly Felt Key = Felt.FromUInt64(0x5eed);
    private static readonly Felt ChainId = Felt.FromShortString("SN_SEPOLIA");
    private static readonly BigInteger Supply = BigInteger.Pow(10, 24);
    private static readonly BlockContext Ctx = new() { Block = new BlockInfo(20, 1_700_000_000, Sequencer.Value), ChainId = ChainId };

    private static readonly Lazy<CasmContractClass> TokenCasm = new(() => CasmContractClass.Parse(ContractFixtures.CasmJson("contracts_TestERC20")));
    private static readonly Lazy<CasmContractClass> AccountCasm = new(() => CasmContractClass.Parse(ContractFixtures.CasmJson("contracts_MockAccount")));

    /// <summary>The token at STRK's address; the whole supply minted to the account.</summary>
    private static CachedState Genesis()
    {
        var reader = new InMemoryStateReader();
        reader.Declare(TokenClass, TokenCasm.Value);
        reader.Declare(AccountClass, AccountCasm.Value);
        reader.ClassHashes[Acc] = AccountClass;
        reader.ClassHashes[Strk] = TokenClass;
        var state = new CachedState(reader);
        var ctx = new TransactionContext(Ctx.Block, new TxInfo());
        EntryPointExecutor.Execute(state, ctx, new CallRequest(Acc, EntryPointType.Constructor, StarknetKeccak.Selector("constructor"), [Ecdsa.GetPublicKey(Key)], default), 1_000_000_000);
        var low = Supply & ((BigInteger.One << 128) - 1);
        EntryPointExecutor.Execute(state, ctx, new CallRequest(Strk, EntryPointType.Constructor, StarknetKeccak.Selector("constructor"),
            [Felt.FromBigInteger(low), Felt.FromBigInteger(Supply >> 128), Felt.FromUInt64(18)], Acc), 1_000_000_000);
        return state;
    }

    private static ResourceBoundsMapping Bounds(ulong l2Amount, ulong dataAmount = 10_000) => new(
        new ResourceBounds(0, Ctx.GasPrices.L1GasFri * 2),
        new ResourceBounds(l2Amount, Ctx.GasPrices.L2GasFri * 2),
        new ResourceBounds(dataAmount, Ctx.GasPrices.L1DataGasFri * 2));

    private static InvokeTransactionV3 Transfer(BigInteger amount, ulong nonce, ResourceBoundsMapping bounds, ulong tip = 0, bool query = false)
    {
        var tx = new InvokeTransactionV3
        {
            SenderAddress = Acc.Value,
            Calldata = new[] { Felt.One, Strk.Value, StarknetKeccak.Selector("transfer"), Felt.FromUInt64(3), Bob.Value, Felt.FromBigInteger(amount), Felt.Zero },
            Nonce = Felt.FromUInt64(nonce),
            ResourceBounds = bounds,
            Tip = tip,
            IsQuery = query,
        };
        var sig = Ecdsa.Sign(Key, TransactionHasher.Compute(tx, ChainId).Value);
        return tx with { Signature = new[] { sig.R, sig.S } };
    }

    private static BigInteger Balance(IStateReader state, ContractAddress who) => FeeToken.Balance(state, Strk, who);

    [Fact]
    public void A_charged_invoke_pays_the_fee_it_reports_to_the_sequencer()
    {
        var state = Genesis();
        var receipt = TransactionExecutor.Execute(state, Ctx, Transfer(100, 0, Bounds(50_000_000)));
        Assert.Equal(ExecutionStatus.Succeeded, receipt.Status);
        Assert.Equal(FeeUnit.Fri, receipt.FeeUnit);
        Assert.True(receipt.ActualFee > 0);
        Assert.Equal(receipt.Gas.Cost(Ctx.GasPrices, FeeUnit.Fri), receipt.ActualFee);
        Assert.True(receipt.Gas.L2Gas > receipt.GasConsumed, "the OS's steps and the calldata are charged beside the Sierra gas");
        Assert.True(receipt.Gas.L1DataGas > 0, "the state diff is paid in blob gas");
        Assert.Equal(0ul, receipt.Gas.L1Gas);

        var fee = (BigInteger)receipt.ActualFee;
        Assert.Equal(Supply - 100 - fee, Balance(state, Acc));
        Assert.Equal(100, Balance(state, Bob));
        Assert.Equal(fee, Balance(state, Sequencer));
        // The fee transfer's event comes last: Transfer(account → sequencer, fee).
        var last = receipt.Events[^1];
        Assert.Equal(Strk, last.FromAddress);
        Assert.Equal([StarknetKeccak.Selector("Transfer"), Acc.Value, Sequencer.Value], last.Keys);
        Assert.Equal([Felt.FromBigInteger(fee), Felt.Zero], last.Data);
        Assert.NotNull(receipt.FeeTransferCall);
        Assert.Equal(Felt.One, state.GetNonce(Acc).Value);
    }

    [Fact]
    public void The_estimate_of_a_query_equals_the_fee_charged_for_the_same_transaction()
    {
        var state = Genesis();
        var estimate = TransactionExecutor.Execute(new CachedState(state), Ctx, Transfer(7, 0, Bounds(0, 0)), ExecutionFlags.SkipFeeCharge);
        Assert.Null(estimate.FeeTransferCall);
        // The query version (what estimateFee sends) takes the account's query path: within 1 %.
        var query = TransactionExecutor.Execute(new CachedState(state), Ctx, Transfer(7, 0, Bounds(0, 0), query: true), ExecutionFlags.SkipFeeCharge);
        Assert.InRange((double)query.Gas.L2Gas, estimate.Gas.L2Gas * 0.99, estimate.Gas.L2Gas * 1.01);
        var receipt = TransactionExecutor.Execute(state, Ctx, Transfer(7, 0, new ResourceBoundsMapping(
            new ResourceBounds(estimate.Gas.L1Gas, Ctx.GasPrices.L1GasFri),
            new ResourceBounds(estimate.Gas.L2Gas, Ctx.GasPrices.L2GasFri),
            new ResourceBounds(estimate.Gas.L1DataGas, Ctx.GasPrices.L1DataGasFri))));
        Assert.Equal(ExecutionStatus.Succeeded, receipt.Status);
        Assert.Equal(estimate.Gas, receipt.Gas);
        Assert.Equal(estimate.ActualFee, receipt.ActualFee);
    }

    [Fact]
    public void The_tip_is_paid_per_unit_of_l2_gas()
    {
        var plain = TransactionExecutor.Execute(Genesis(), Ctx, Transfer(1, 0, Bounds(50_000_000)));
        var tipped = TransactionExecutor.Execute(Genesis(), Ctx, Transfer(1, 0, Bounds(50_000_000), tip: 1000));
        Assert.Equal(plain.Gas.L2Gas, tipped.Gas.L2Gas);
        Assert.Equal(plain.ActualFee + (UInt128)tipped.Gas.L2Gas * 1000, tipped.ActualFee);
    }

    [Fact]
    public void Bounds_below_the_block_prices_or_the_minimal_gas_or_above_the_balance_are_rejected_and_change_nothing()
    {
        var state = Genesis();
        int checkpoint = state.Checkpoint();
        var b = Bounds(50_000_000);
        var cheap = Assert.Throws<TransactionRejectedException>(() => TransactionExecutor.Execute(state, Ctx,
            Transfer(1, 0, b with { L2Gas = new ResourceBounds(50_000_000, Ctx.GasPrices.L2GasFri - 1) })));
        Assert.Equal("INSUFFICIENT_RESOURCES_FOR_VALIDATE", cheap.Code);
        Assert.Contains("Insufficient max L2Gas price", cheap.Message);

        var tiny = Assert.Throws<TransactionRejectedException>(() => TransactionExecutor.Execute(state, Ctx, Transfer(1, 0, Bounds(1000))));
        Assert.Equal("INSUFFICIENT_RESOURCES_FOR_VALIDATE", tiny.Code);
        Assert.Contains("Insufficient max L2Gas", tiny.Message);

        var noData = Assert.Throws<TransactionRejectedException>(() => TransactionExecutor.Execute(state, Ctx, Transfer(1, 0, Bounds(50_000_000, dataAmount: 1))));
        Assert.Contains("Insufficient max L1DataGas", noData.Message);

        // Bounds worth more than the whole supply.
        var rich = Assert.Throws<TransactionRejectedException>(() => TransactionExecutor.Execute(state, Ctx,
            Transfer(1, 0, b with { L2Gas = new ResourceBounds(ulong.MaxValue / 4, UInt128.One << 80) })));
        Assert.Equal("INSUFFICIENT_ACCOUNT_BALANCE", rich.Code);

        Assert.Equal(checkpoint, state.Checkpoint());
        Assert.Equal(Supply, Balance(state, Acc));
        Assert.Equal(Felt.Zero, state.GetNonce(Acc).Value);
    }

    [Fact]
    public void An_execution_over_its_l2_gas_bound_reverts_and_pays_the_bound()
    {
        var state = Genesis();
        var full = TransactionExecutor.Execute(new CachedState(state), Ctx, Transfer(5, 0, Bounds(0, 0)), ExecutionFlags.SkipFeeCharge);
        // Enough for validation (checked right after it), not for the whole transaction.
        ulong bound = full.Gas.L2Gas - 1;
        var receipt = TransactionExecutor.Execute(state, Ctx, Transfer(5, 0, Bounds(bound)));
        Assert.Equal(ExecutionStatus.Reverted, receipt.Status);
        Assert.Contains("Insufficient max L2Gas", receipt.RevertReason);
        Assert.True(receipt.Gas.L2Gas <= bound);
        Assert.Equal(0, Balance(state, Bob));
        Assert.Equal(Supply - (BigInteger)receipt.ActualFee, Balance(state, Acc));
        Assert.Equal(Felt.One, state.GetNonce(Acc).Value);
        Assert.Single(receipt.Events); // only the fee transfer
    }

    [Fact]
    public void A_reverted_execution_still_pays_and_bumps_the_nonce()
    {
        var state = Genesis();
        var receipt = TransactionExecutor.Execute(state, Ctx, Transfer(Supply * 2, 0, Bounds(50_000_000)));
        Assert.Equal(ExecutionStatus.Reverted, receipt.Status);
        Assert.True(receipt.Resources.RevertedSierraGas > 0);
        Assert.True(receipt.ActualFee > 0);
        Assert.Equal(Supply - (BigInteger)receipt.ActualFee, Balance(state, Acc));
        Assert.Equal(Felt.One, state.GetNonce(Acc).Value);
    }

    [Fact]
    public void Deploy_account_is_paid_by_the_new_account_from_a_prefunded_balance()
    {
        var state = Genesis();
        var key = Felt.FromUInt64(0xfeed);
        var pub = Ecdsa.GetPublicKey(key);
        var address = ContractAddressCalculator.Compute(Felt.FromUInt64(9), AccountClass.Value, [pub], Felt.Zero);
        var fund = TransactionExecutor.Execute(state, Ctx, Transfer(BigInteger.Pow(10, 20), 0, Bounds(50_000_000)));
        Assert.Equal(ExecutionStatus.Succeeded, fund.Status);
        // Bob's account in the transfer above is replaced by the future address.
        var prefund = TransactionExecutor.Execute(state, Ctx, new InvokeTransactionV3
        {
            SenderAddress = Acc.Value,
            Calldata = new[] { Felt.One, Strk.Value, StarknetKeccak.Selector("transfer"), Felt.FromUInt64(3), address.Value, Felt.FromBigInteger(BigInteger.Pow(10, 20)), Felt.Zero },
            Nonce = Felt.One,
            ResourceBounds = Bounds(50_000_000),
        }, ExecutionFlags.SkipValidate);
        Assert.Equal(ExecutionStatus.Succeeded, prefund.Status);

        var tx = new DeployAccountTransactionV3
        {
            ClassHash = AccountClass.Value,
            ContractAddressSalt = Felt.FromUInt64(9),
            ConstructorCalldata = new[] { pub },
            Nonce = Felt.Zero,
            ResourceBounds = Bounds(50_000_000),
        };
        var sig = Ecdsa.Sign(key, TransactionHasher.Compute(tx, ChainId).Value);
        var receipt = TransactionExecutor.Execute(state, Ctx, tx with { Signature = new[] { sig.R, sig.S } });
        Assert.Equal(ExecutionStatus.Succeeded, receipt.Status);
        Assert.Equal(address, receipt.ContractAddress);
        Assert.Equal(BigInteger.Pow(10, 20) - (BigInteger)receipt.ActualFee, Balance(state, address));
        Assert.Equal(1, receipt.Resources.StateChanges.ClassHashUpdates);
    }

    [Fact]
    public void Declare_checks_the_compiled_class_hash_validates_declares_and_pays_for_the_code()
    {
        var state = Genesis();
        var sierra = SierraContractClass.Parse(ContractFixtures.SierraJson("contracts_MockAccount"));
        var casm = CasmContractClass.Parse(ContractFixtures.CasmJson("contracts_MockAccount"));
        var classHash = SierraClassHash.Compute(sierra).Value;
        DeclareTransactionV3 Declare(Felt compiledHash, ulong nonce)
        {
            var tx = new DeclareTransactionV3
            {
                SenderAddress = Acc.Value,
                ClassHash = classHash,
                CompiledClassHash = compiledHash,
                ContractClass = sierra,
                Nonce = Felt.FromUInt64(nonce),
                ResourceBounds = Bounds(500_000_000, 100_000),
            };
            var sig = Ecdsa.Sign(Key, TransactionHasher.Compute(tx, ChainId).Value);
            return tx with { Signature = new[] { sig.R, sig.S } };
        }

        var wrong = Assert.Throws<TransactionRejectedException>(() => TransactionExecutor.ExecuteDeclare(state, Ctx, Declare(Felt.FromUInt64(1), 0), casm));
        Assert.Equal("COMPILED_CLASS_HASH_MISMATCH", wrong.Code);

        var receipt = TransactionExecutor.ExecuteDeclare(state, Ctx, Declare(CompiledClassHasher.ComputeBlake(casm), 0), casm);
        Assert.Equal(ExecutionStatus.Succeeded, receipt.Status);
        Assert.Equal(new CompiledClassHash(CompiledClassHasher.ComputeBlake(casm)), state.GetCompiledClassHash(new ClassHash(classHash)));
        Assert.Equal(1, receipt.Resources.StateChanges.CompiledClassHashUpdates);
        Assert.True(receipt.Resources.CodeSize > casm.Bytecode.Count * 32);
        Assert.Equal(Supply - (BigInteger)receipt.ActualFee, Balance(state, Acc));

        var again = Assert.Throws<TransactionRejectedException>(() => TransactionExecutor.ExecuteDeclare(state, Ctx, Declare(CompiledClassHasher.ComputeBlake(casm), 1), casm));
        Assert.Equal("CLASS_ALREADY_DECLARED", again.Code);
    }

    [Fact]
    public void The_gateway_check_validates_without_executing_and_changes_nothing()
    {
        var state = Genesis();
        int checkpoint = state.Checkpoint();
        TransactionExecutor.Validate(state, Ctx, Transfer(Supply * 2, 0, Bounds(50_000_000))); // would revert in __execute__, validates fine
        Assert.Equal(checkpoint, state.Checkpoint());
        Assert.Equal(Felt.Zero, state.GetNonce(Acc).Value);
        var forged = Transfer(1, 0, Bounds(50_000_000)) with { Signature = new[] { Felt.One, Felt.One } };
        Assert.Equal("VALIDATION_FAILURE", Assert.Throws<TransactionRejectedException>(() => TransactionExecutor.Validate(state, Ctx, forged)).Code);
        Assert.Equal("INVALID_TRANSACTION_NONCE", Assert.Throws<TransactionRejectedException>(() => TransactionExecutor.Validate(state, Ctx, Transfer(1, 3, Bounds(50_000_000)))).Code);
        Assert.Equal("INSUFFICIENT_RESOURCES_FOR_VALIDATE", Assert.Throws<TransactionRejectedException>(() => TransactionExecutor.Validate(state, Ctx, Transfer(1, 0, Bounds(1000)))).Code);
    }

    [Fact]
    public void Validation_beyond_the_validate_step_budget_is_rejected()
    {
        string json = File.ReadAllText(Path.Combine(Cairn.Testing.ScureOracle.RepoRoot, "src", "Cairn.Execution", "Fees", "versioned_constants_0_14_1.json"));
        Assert.Contains("\"validate_max_n_steps\": 1000000", json);
        var tight = VersionedConstants.Parse(json.Replace("\"validate_max_n_steps\": 1000000", "\"validate_max_n_steps\": 100"));
        Assert.Equal(100, tight.ValidateMaxSteps);
        var ctx = new BlockContext { Block = Ctx.Block, ChainId = ChainId, Constants = tight };
        var state = Genesis();
        var e = Assert.Throws<TransactionRejectedException>(() => TransactionExecutor.Execute(state, ctx, Transfer(1, 0, Bounds(50_000_000))));
        Assert.Equal("VALIDATION_FAILURE", e.Code);
        Assert.Contains("step", e.Message, StringComparison.OrdinalIgnoreCase);
        // The execute phase keeps its own budget: the same transaction passes with the real constants.
        Assert.Equal(ExecutionStatus.Succeeded, TransactionExecutor.Execute(state, Ctx, Transfer(1, 0, Bounds(50_000_000))).Status);
    }

    [Fact]
    public void Computation_is_charged_by_its_heaviest_component()
    {
        var vc = VersionedConstants.V0_14_1;
        Assert.Equal(40_000ul, vc.L2GasPerL1Gas);
        var steps = new TransactionResources { Vm = new VmResources { Steps = 10_000 } };
        Assert.Equal(GasVector.FromL2Gas(25 * 40_000), steps.ComputationGas(vc)); // 10,000 steps · 0.0025
        var pedersen = new TransactionResources { Vm = new VmResources { Steps = 10 }.AddBuiltin("pedersen_builtin", 1000) };
        Assert.Equal(GasVector.FromL2Gas(80 * 40_000), pedersen.ComputationGas(vc)); // 1000 · 0.08 beats 10 steps
        var withGas = new TransactionResources { SierraGas = 123, RevertedSierraGas = 7 };
        Assert.Equal(GasVector.FromL2Gas(130), withGas.ComputationGas(vc));
    }

    [Fact]
    public void State_and_archival_data_follow_blockifier()
    {
        var vc = VersionedConstants.V0_14_1;
        var r = new TransactionResources
        {
            CalldataLength = 7,
            SignatureLength = 2,
            EventKeys = 3,
            EventData = 2,
            StateChanges = new StateChangesCount(StorageUpdates: 3, ClassHashUpdates: 1, CompiledClassHashUpdates: 0, ModifiedContracts: 2),
            AllocatedKeys = 1,
        };
        Assert.Equal(3 * 2 + 1 + 2 * 2, r.StateChanges.OnchainDataSegmentLength);
        Assert.Equal(new GasVector(0, 11 * 32 + 32, 0), r.StateGas(vc, useKzgDa: true));
        Assert.Equal(GasVector.FromL2Gas((7 + 2) * 5120 + (2 * 3 + 2) * 5120), r.ArchivalGas(vc));
        var msg = new TransactionResources { L2ToL1PayloadLengths = [2] };
        // segment 3 + 2 = 5 words: 5·512 + 20000 + log(375 + 3·375 + 4·256) + 5·612
        Assert.Equal(GasVector.FromL1Gas(5 * 512 + 20000 + 375 + 3 * 375 + 4 * 256 + 5 * 612), msg.MessageGas());
    }
}
