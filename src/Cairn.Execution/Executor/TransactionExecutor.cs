using System.Numerics;
using Cairn.Cairo.Programs;
using Cairn.Cairo.Syscalls;
using Cairn.Crypto.Hashing;
using Cairn.Execution.Calls;
using Cairn.Execution.Classes;
using Cairn.Execution.Fees;
using Cairn.Execution.Hashing;
using Cairn.Execution.State;
using Cairn.Execution.Transactions;
using Cairn.Primitives;
using Cairn.Primitives.Ids;
using Cairn.State;

namespace Cairn.Execution.Executor;

/// <summary>
/// Runs transactions the way blockifier does. Account transactions (INVOKE, DECLARE, DEPLOY_ACCOUNT v3):
/// nonce and fee pre-checks (bound prices against the block's, minimal amounts, balance against the
/// maximal fee) → validation → nonce → execution (INVOKE's <c>__execute__</c> reverts alone on failure)
/// → the actual gas and fee, checked against the bounds and the balance (an overdraft reverts the
/// execution and charges what the bounds allow) → the fee transfer <c>transfer(sequencer, fee)</c> on the
/// fee token from the account. L1_HANDLER: the handler, no validation and no transfer (paid on L1, in wei).
/// Each transaction runs in its own cache over <c>blockState</c>; a rejected one leaves no trace there.
/// </summary>
public static class TransactionExecutor
{
    /// <summary>0.14.x limits on the Sierra gas of the two phases.</summary>
    public const ulong ValidateMaxSierraGas = 100_000_000;

    public const ulong ExecuteMaxSierraGas = 1_000_000_000;

    private static readonly Felt ValidateSelector = StarknetKeccak.Selector("__validate__");
    private static readonly Felt ExecuteSelector = StarknetKeccak.Selector("__execute__");
    private static readonly Felt ValidateDeclareSelector = StarknetKeccak.Selector("__validate_declare__");
    private static readonly Felt ValidateDeploySelector = StarknetKeccak.Selector("__validate_deploy__");
    private static readonly Felt ConstructorSelector = StarknetKeccak.Selector("constructor");
    private static readonly Felt TransferSelector = StarknetKeccak.Selector("transfer");
    private static readonly Felt Valid = Felt.FromShortString("VALID");

    // ----- entry points ------------------------------------------------------------------------------

    public static TransactionReceipt Execute(CachedState blockState, BlockInfo block, Felt chainId, InvokeTransactionV3 tx, ExecutionFlags flags = ExecutionFlags.None) =>
        Execute(blockState, new BlockContext { Block = block, ChainId = chainId }, tx, flags);

    public static TransactionReceipt Execute(CachedState blockState, BlockInfo block, Felt chainId, DeployAccountTransactionV3 tx, ExecutionFlags flags = ExecutionFlags.None) =>
        Execute(blockState, new BlockContext { Block = block, ChainId = chainId }, tx, flags);

    /// <summary>Executes any supported transaction; DECLARE needs its CASM class (<see cref="ExecuteDeclare"/>).</summary>
    public static TransactionReceipt Execute(CachedState blockState, BlockContext ctx, Transaction tx, ExecutionFlags flags = ExecutionFlags.None) => tx switch
    {
        InvokeTransactionV3 invoke => Execute(blockState, ctx, invoke, flags),
        DeployAccountTransactionV3 deploy => Execute(blockState, ctx, deploy, flags),
        L1HandlerTransaction l1 => Execute(blockState, ctx, l1),
        DeclareTransactionV3 => throw new ArgumentException("DECLARE needs its compiled class: use ExecuteDeclare"),
        _ => throw new TransactionRejectedException("INVALID_TRANSACTION", $"{tx.Type} version {tx.Version} transactions are not supported; send v3."),
    };

    /// <summary>
    /// The gateway's stateful check of an INVOKE v3 (blockifier's stateful validator): deployed sender,
    /// nonce, the fee pre-checks and <c>__validate__</c> within the bounds — without <c>__execute__</c>.
    /// Throws <see cref="TransactionRejectedException"/>; changes nothing.
    /// </summary>
    public static void Validate(IStateReader state, BlockContext ctx, InvokeTransactionV3 tx) =>
        ValidateInvoke(new CachedState(state), ctx, tx, ExecutionFlags.None);

    /// <summary>An INVOKE's checks and validation on <paramref name="state"/>: what both the gateway and the executor run first.</summary>
    private static (TxHash Hash, ContractAddress Sender, Felt[] Calldata, AccountRun Run, TransactionContext Context, CallInfo? Validate) ValidateInvoke(
        CachedState state, BlockContext ctx, InvokeTransactionV3 tx, ExecutionFlags flags)
    {
        var hash = TransactionHasher.Compute(tx, ctx.ChainId);
        var sender = new ContractAddress(tx.SenderAddress);
        var calldata = tx.Calldata.ToArray();
        var run = new AccountRun(ctx, tx, sender, flags, "InvokeFunction", calldata.Length, tx.Signature.Length, 0);
        if (state.GetClassHashAt(sender).Value.IsZero)
        {
            throw new TransactionRejectedException("INVALID_TRANSACTION", $"Requested contract address {sender} is not deployed.");
        }
        CheckNonce(state, sender, tx.Nonce);
        run.PreValidate(state);

        var context = NewContext(ctx, TxInfoOf(tx, hash, ctx.ChainId));
        CallInfo? validate = null;
        if ((flags & ExecutionFlags.SkipValidate) == 0)
        {
            validate = RunValidate(state, context, sender, ValidateSelector, calldata, "__validate__", ctx.Constants.ValidateMaxSteps);
        }
        run.PostValidate(state, validate);
        return (hash, sender, calldata, run, context, validate);
    }

    /// <summary>INVOKE v3.</summary>
    public static TransactionReceipt Execute(CachedState blockState, BlockContext ctx, InvokeTransactionV3 tx, ExecutionFlags flags = ExecutionFlags.None)
    {
        var state = new CachedState(blockState);
        var (hash, sender, calldata, run, context, validate) = ValidateInvoke(state, ctx, tx, flags);
        state.SetNonce(sender, new Nonce(tx.Nonce + Felt.One));

        int beforeExecute = state.Checkpoint();
        CallInfo? execute = null;
        string? revert = null;
        try
        {
            execute = EntryPointExecutor.Execute(state, context, new CallRequest(sender, EntryPointType.External, ExecuteSelector, calldata, default), ctx.Constants.ExecuteMaxSierraGas);
            if (execute.Failed) revert = "Execution failed. Failure reason: " + Describe(execute.Retdata) + ".";
        }
        catch (ExecutionException e)
        {
            revert = e.Message;
        }
        if (revert is not null) state.Rollback(beforeExecute);
        return run.Finish(blockState, state, hash, validate, execute, revert, beforeExecute, null);
    }

    /// <summary>
    /// DEPLOY_ACCOUNT v3: the address from class hash, salt and constructor calldata (deployer 0) must be
    /// free and the nonce 0; the class is deployed there and its constructor run (caller 0), then
    /// <c>__validate_deploy__(class_hash, salt, constructor_calldata…)</c> must return 'VALID'; the nonce
    /// becomes 1. A failure of either rejects the transaction; the fee is paid by the new account.
    /// </summary>
    public static TransactionReceipt Execute(CachedState blockState, BlockContext ctx, DeployAccountTransactionV3 tx, ExecutionFlags flags = ExecutionFlags.None)
    {
        var hash = TransactionHasher.Compute(tx, ctx.ChainId);
        var calldata = tx.ConstructorCalldata.ToArray();
        var address = ContractAddressCalculator.Compute(tx.ContractAddressSalt, tx.ClassHash, calldata, Felt.Zero);
        var classHash = new ClassHash(tx.ClassHash);
        var state = new CachedState(blockState);
        var run = new AccountRun(ctx, tx, address, flags, "DeployAccount", calldata.Length, tx.Signature.Length, 0);

        var compiled = state.GetCompiledClass(classHash)
            ?? throw new TransactionRejectedException("CLASS_HASH_NOT_FOUND", $"Class with hash {classHash} is not declared.");
        if (!state.GetClassHashAt(address).Value.IsZero)
        {
            throw new TransactionRejectedException("CONTRACT_ADDRESS_UNAVAILABLE", $"Requested contract address {address} is unavailable for deployment.");
        }
        if (!tx.Nonce.IsZero) CheckNonce(state, address, tx.Nonce);
        run.PreValidate(state);

        var context = NewContext(ctx, TxInfoOf(tx, address.Value, ReadOnlyMemory<Felt>.Empty, ReadOnlyMemory<Felt>.Empty, hash, ctx.ChainId));
        state.SetClassHashAt(address, classHash);
        CallInfo? constructor = null;
        if (compiled.Constructor.Count > 0)
        {
            try
            {
                constructor = EntryPointExecutor.Execute(state, context,
                    new CallRequest(address, EntryPointType.Constructor, ConstructorSelector, calldata, default), ctx.Constants.ValidateMaxSierraGas);
            }
            catch (ExecutionException e)
            {
                throw new TransactionRejectedException("VALIDATION_FAILURE", e.Message, e);
            }
            if (constructor.Failed) throw new TransactionRejectedException("VALIDATION_FAILURE", "The constructor panicked: " + Describe(constructor.Retdata));
        }
        else if (calldata.Length != 0)
        {
            throw new TransactionRejectedException("VALIDATION_FAILURE", "Cannot pass calldata to a contract with no constructor.");
        }

        CallInfo? validate = null;
        if ((flags & ExecutionFlags.SkipValidate) == 0)
        {
            Felt[] validateCalldata = [tx.ClassHash, tx.ContractAddressSalt, .. calldata];
            validate = RunValidate(state, context, address, ValidateDeploySelector, validateCalldata, "__validate_deploy__", ctx.Constants.ValidateMaxSteps);
        }
        run.PostValidate(state, validate, constructor);
        state.SetNonce(address, new Nonce(Felt.One));
        return run.Finish(blockState, state, hash, validate, constructor, null, state.Checkpoint(), address);
    }

    /// <summary>
    /// DECLARE v3 with its CASM class (and the Sierra class when the request carried it): the class must
    /// not be declared yet and the CASM's compiled class hash (v2 Blake2s, or v1 Poseidon) must equal the
    /// transaction's; <c>__validate_declare__(class_hash)</c> must return 'VALID'; the class is declared.
    /// </summary>
    public static TransactionReceipt ExecuteDeclare(CachedState blockState, BlockContext ctx, DeclareTransactionV3 tx, CasmContractClass compiled, ExecutionFlags flags = ExecutionFlags.None)
    {
        var hash = TransactionHasher.Compute(tx, ctx.ChainId);
        var sender = new ContractAddress(tx.SenderAddress);
        var classHash = new ClassHash(tx.ClassHash);
        var state = new CachedState(blockState);
        int codeSize = tx.ContractClass is { } sierra
            ? (compiled.Bytecode.Count + sierra.SierraProgram.Length) * 32 + System.Text.Encoding.UTF8.GetByteCount(sierra.Abi)
            : compiled.Bytecode.Count * 32;
        var run = new AccountRun(ctx, tx, sender, flags, "Declare", 0, tx.Signature.Length, codeSize);

        if (state.GetClassHashAt(sender).Value.IsZero)
        {
            throw new TransactionRejectedException("INVALID_TRANSACTION", $"Requested contract address {sender} is not deployed.");
        }
        if (state.GetCompiledClassHash(classHash) is not null)
        {
            throw new TransactionRejectedException("CLASS_ALREADY_DECLARED", $"Class with hash {classHash} is already declared.");
        }
        var blake = CompiledClassHasher.ComputeBlake(compiled);
        if (blake != tx.CompiledClassHash && CompiledClassHasher.ComputePoseidon(compiled) != tx.CompiledClassHash)
        {
            throw new TransactionRejectedException("COMPILED_CLASS_HASH_MISMATCH",
                $"Mismatch compiled class hash for class with hash {classHash}. Actual: {blake}, Expected: {tx.CompiledClassHash}");
        }
        CheckNonce(state, sender, tx.Nonce);
        run.PreValidate(state);

        var context = NewContext(ctx, TxInfoOf(tx, tx.SenderAddress, tx.AccountDeploymentData, ReadOnlyMemory<Felt>.Empty, hash, ctx.ChainId));
        CallInfo? validate = null;
        if ((flags & ExecutionFlags.SkipValidate) == 0)
        {
            validate = RunValidate(state, context, sender, ValidateDeclareSelector, [tx.ClassHash], "__validate_declare__", ctx.Constants.ValidateMaxSteps);
        }
        run.PostValidate(state, validate);
        state.SetNonce(sender, new Nonce(tx.Nonce + Felt.One));
        state.DeclareClass(classHash, new CompiledClassHash(tx.CompiledClassHash), compiled);
        return run.Finish(blockState, state, hash, validate, null, null, state.Checkpoint(), null);
    }

    /// <summary>
    /// L1_HANDLER: the contract's <c>l1_handler</c> entry point with the message (caller 0). A failure
    /// reverts its changes (status REVERTED). The fee, in wei, is paid on L1 and only reported here.
    /// </summary>
    public static TransactionReceipt Execute(CachedState blockState, BlockContext ctx, L1HandlerTransaction tx)
    {
        var hash = TransactionHasher.Compute(tx, ctx.ChainId);
        var state = new CachedState(blockState);
        var calldata = tx.Calldata.ToArray();
        var address = new ContractAddress(tx.ContractAddress);
        var context = NewContext(ctx, new TxInfo
        {
            Version = Felt.Zero,
            AccountContractAddress = Felt.Zero,
            TransactionHash = hash.Value,
            ChainId = ctx.ChainId,
            Nonce = tx.Nonce,
        });
        CallInfo? handler = null;
        string? revert = null;
        try
        {
            handler = EntryPointExecutor.Execute(state, context, new CallRequest(address, EntryPointType.L1Handler, tx.EntryPointSelector, calldata, default), ctx.Constants.ExecuteMaxSierraGas);
            if (handler.Failed) revert = "Execution failed. Failure reason: " + Describe(handler.Retdata) + ".";
        }
        catch (ExecutionException e)
        {
            revert = e.Message;
        }
        if (revert is not null) state.Rollback(0);

        var diff = state.ToStateDiff();
        var resources = Measure(ctx, state, diff, "L1Handler", calldata.Length, 0, 0, null,
            revert is null ? [handler] : [], revert is null ? null : handler, Math.Max(0, calldata.Length - 1));
        var gas = resources.ToGasVector(ctx.Constants, ctx.UseKzgDa);
        var (events, messages) = Collect(revert is null ? handler : null);
        state.WriteTo(blockState);
        return new TransactionReceipt
        {
            TransactionHash = hash,
            Type = TransactionType.L1Handler,
            Status = revert is null ? ExecutionStatus.Succeeded : ExecutionStatus.Reverted,
            RevertReason = revert,
            Events = events,
            Messages = messages,
            ExecuteCall = handler,
            GasConsumed = handler?.GasConsumed ?? 0,
            ActualFee = gas.Cost(ctx.GasPrices, FeeUnit.Wei),
            FeeUnit = FeeUnit.Wei,
            Gas = gas,
            Resources = resources,
            StateDiff = diff,
        };
    }

    // ----- the account-transaction flow ----------------------------------------------------------------

    /// <summary>The fee side of one account transaction: pre-checks, measuring, the post-execution check and the transfer.</summary>
    private sealed class AccountRun(BlockContext ctx, TransactionV3 tx, ContractAddress sender, ExecutionFlags flags, string osType, int calldataLength, int signatureLength, int codeSize)
    {
        private bool ChargeFee => (flags & ExecutionFlags.SkipFeeCharge) == 0;

        private GasVector MaxAmounts => new(tx.ResourceBounds.L1Gas.MaxAmount, tx.ResourceBounds.L1DataGas?.MaxAmount ?? 0, tx.ResourceBounds.L2Gas.MaxAmount);

        /// <summary>Bound prices cover the block's, amounts cover the minimal gas, the balance covers the maximal fee.</summary>
        public void PreValidate(CachedState state)
        {
            if (!ChargeFee) return;
            var b = tx.ResourceBounds;
            var prices = ctx.GasPrices;
            var minimal = MinimalGas();
            var dataBound = b.L1DataGas ?? default;
            foreach (var (name, bound, price, min) in new[]
            {
                ("L1Gas", b.L1Gas, prices.L1GasFri, minimal.L1Gas),
                ("L1DataGas", dataBound, prices.L1DataGasFri, minimal.L1DataGas),
                ("L2Gas", b.L2Gas, prices.L2GasFri, minimal.L2Gas),
            })
            {
                if (bound.MaxAmount < min)
                {
                    throw new TransactionRejectedException("INSUFFICIENT_RESOURCES_FOR_VALIDATE",
                        $"Insufficient max {name}: max amount: {bound.MaxAmount}, minimal gas amount: {min}.");
                }
                if (bound.MaxPricePerUnit < price)
                {
                    throw new TransactionRejectedException("INSUFFICIENT_RESOURCES_FOR_VALIDATE",
                        $"Insufficient max {name} price: max price per unit: {bound.MaxPricePerUnit}, actual gas price: {price}.");
                }
            }
            var maxFee = (BigInteger)b.L1Gas.MaxAmount * (BigInteger)b.L1Gas.MaxPricePerUnit
                + (BigInteger)dataBound.MaxAmount * (BigInteger)dataBound.MaxPricePerUnit
                + (BigInteger)b.L2Gas.MaxAmount * ((BigInteger)b.L2Gas.MaxPricePerUnit + tx.Tip);
            var balance = FeeToken.Balance(state, ctx.FeeTokenAddress, sender);
            if (balance < maxFee)
            {
                throw new TransactionRejectedException("INSUFFICIENT_ACCOUNT_BALANCE",
                    $"Resources bounds (l1_gas: {b.L1Gas.MaxAmount} × {b.L1Gas.MaxPricePerUnit}, l1_data_gas: {dataBound.MaxAmount} × {dataBound.MaxPricePerUnit}, l2_gas: {b.L2Gas.MaxAmount} × {b.L2Gas.MaxPricePerUnit}, tip {tx.Tip}) exceed balance ({balance}).");
            }
        }

        /// <summary>blockifier's <c>estimate_minimal_gas_vector</c>: the sender's balance and nonce (and, for DEPLOY_ACCOUNT, the class) on L1, and the OS's steps.</summary>
        private GasVector MinimalGas()
        {
            var changes = new StateChangesCount(1, osType == "DeployAccount" ? 1 : 0, 0, 1);
            var r = new TransactionResources
            {
                StateChanges = changes,
                Vm = new VmResources { Steps = ctx.Constants.TransactionOsResources(osType, calldataLength).Steps + (ctx.UseKzgDa ? ctx.Constants.KzgDaResources(changes.OnchainDataSegmentLength).Steps : 0) },
            };
            return r.StateGas(ctx.Constants, ctx.UseKzgDa) + r.ComputationGas(ctx.Constants);
        }

        /// <summary>Validation (and a DEPLOY_ACCOUNT's constructor) must fit in the bounds, or the transaction is rejected.</summary>
        public void PostValidate(CachedState state, CallInfo? validate, CallInfo? constructor = null)
        {
            if (!ChargeFee) return;
            var resources = Measure(ctx, state, state.ToStateDiff(), osType, calldataLength, signatureLength, codeSize, sender, [validate, constructor], null, null);
            var gas = resources.ToGasVector(ctx.Constants, ctx.UseKzgDa);
            if (Exceeds(gas, out var message)) throw new TransactionRejectedException("INSUFFICIENT_RESOURCES_FOR_VALIDATE", message);
        }

        private bool Exceeds(GasVector gas, out string message)
        {
            var max = MaxAmounts;
            foreach (var (name, bound, used) in new[] { ("L1Gas", max.L1Gas, gas.L1Gas), ("L2Gas", max.L2Gas, gas.L2Gas), ("L1DataGas", max.L1DataGas, gas.L1DataGas) })
            {
                if (used > bound)
                {
                    message = $"Insufficient max {name}: max amount: {bound}, actual used: {used}.";
                    return true;
                }
            }
            message = "";
            return false;
        }

        /// <summary>
        /// Measures the transaction, checks the actual cost against the bounds and the balance (an overdraft
        /// reverts the execution and caps each gas kind at its bound), transfers the fee and writes the
        /// transaction's state into the block's.
        /// </summary>
        public TransactionReceipt Finish(CachedState blockState, CachedState state, TxHash hash, CallInfo? validate, CallInfo? execute,
            string? revert, int beforeExecute, ContractAddress? deployed)
        {
            var vc = ctx.Constants;
            bool reverted = revert is not null;
            var resources = Measure(ctx, state, state.ToStateDiff(), osType, calldataLength, signatureLength, codeSize, sender,
                reverted ? [validate] : [validate, execute], reverted ? execute : null, null);
            var gas = resources.ToGasVector(vc, ctx.UseKzgDa);
            var fee = gas.Cost(ctx.GasPrices, FeeUnit.Fri, tx.Tip);

            if (ChargeFee)
            {
                string? overdraft = null;
                if (Exceeds(gas, out var message)) overdraft = message;
                else if (FeeToken.Balance(state, ctx.FeeTokenAddress, sender) is var balance && balance < (BigInteger)fee)
                {
                    overdraft = $"Insufficient fee token balance. Fee: {fee}, balance: {balance}.";
                }
                if (overdraft is not null)
                {
                    if (!reverted && execute is not null)
                    {
                        state.Rollback(beforeExecute);
                        reverted = true;
                        resources = Measure(ctx, state, state.ToStateDiff(), osType, calldataLength, signatureLength, codeSize, sender, [validate], execute, null);
                    }
                    revert = overdraft;
                    gas = resources.ToGasVector(vc, ctx.UseKzgDa).Min(MaxAmounts);
                    fee = gas.Cost(ctx.GasPrices, FeeUnit.Fri, tx.Tip);
                }
            }

            CallInfo? feeTransfer = null;
            if (ChargeFee && fee > 0)
            {
                var tcontext = NewContext(ctx, TxInfoOf(tx, sender.Value, ReadOnlyMemory<Felt>.Empty, ReadOnlyMemory<Felt>.Empty, hash, ctx.ChainId));
                Felt[] calldata = [ctx.Block.SequencerAddress, Felt.FromUInt128(fee), Felt.Zero];
                try
                {
                    feeTransfer = EntryPointExecutor.Execute(state, tcontext,
                        new CallRequest(ctx.FeeTokenAddress, EntryPointType.External, TransferSelector, calldata, sender), vc.DefaultInitialGas);
                }
                catch (ExecutionException e)
                {
                    throw new TransactionRejectedException("TRANSACTION_EXECUTION_ERROR", "The fee transfer failed: " + e.Message, e);
                }
                if (feeTransfer.Failed) throw new TransactionRejectedException("TRANSACTION_EXECUTION_ERROR", "The fee transfer failed: " + Describe(feeTransfer.Retdata));
            }

            var (events, messages) = Collect(validate, reverted ? null : execute, feeTransfer);
            var diff = state.ToStateDiff();
            state.WriteTo(blockState);
            return new TransactionReceipt
            {
                TransactionHash = hash,
                Type = tx.Type,
                Status = reverted ? ExecutionStatus.Reverted : ExecutionStatus.Succeeded,
                RevertReason = revert,
                Events = events,
                Messages = messages,
                ValidateCall = validate,
                ExecuteCall = execute,
                FeeTransferCall = feeTransfer,
                GasConsumed = (validate?.GasConsumed ?? 0) + (execute?.GasConsumed ?? 0),
                ActualFee = fee,
                FeeUnit = FeeUnit.Fri,
                Gas = gas,
                Resources = resources,
                StateDiff = diff,
                ContractAddress = deployed,
            };
        }
    }

    /// <summary>
    /// The charged resources of a transaction so far: archival data, the state diff counted for the fee
    /// (the sender's fee-token balance and the token included, blockifier <c>count_for_fee_charge</c>),
    /// newly allocated keys, messages, and computation — Sierra gas of calls tracked in gas, VM resources
    /// (and their syscalls' OS resources) of calls tracked in steps, the OS's resources of the transaction
    /// and of its DA commitment; a reverted call tree counts as reverted steps and gas.
    /// </summary>
    private static TransactionResources Measure(BlockContext ctx, CachedState state, StateDiff diff, string osType, int calldataLength, int signatureLength, int codeSize,
        ContractAddress? sender, CallInfo?[] calls, CallInfo? reverted, int? l1HandlerPayload)
    {
        var vc = ctx.Constants;
        var modified = new HashSet<ContractAddress>();
        int storageUpdates = 0;
        int allocated = 0;
        foreach (var (address, slots) in diff.StorageDiffs)
        {
            if (slots.Count == 0) continue;
            modified.Add(address);
            storageUpdates += slots.Count;
            foreach (var (key, value) in slots)
            {
                if (!value.IsZero && state.Base.GetStorage(address, key).IsZero) allocated++;
            }
        }
        foreach (var address in diff.Nonces.Keys) modified.Add(address);
        foreach (var address in diff.DeployedContracts.Keys) modified.Add(address);
        foreach (var address in diff.ReplacedClasses.Keys) modified.Add(address);
        if (sender is { } s)
        {
            // The fee transfer will write the sender's balance (the sequencer's is counted once per block).
            modified.Add(ctx.FeeTokenAddress);
            var key = FeeToken.BalanceKey(s);
            if (!(diff.StorageDiffs.TryGetValue(ctx.FeeTokenAddress, out var slots) && slots.ContainsKey(key))) storageUpdates++;
        }
        var changes = new StateChangesCount(storageUpdates, diff.DeployedContracts.Count + diff.ReplacedClasses.Count, diff.DeclaredClasses.Count, modified.Count);

        var vm = vc.TransactionOsResources(osType, calldataLength);
        if (ctx.UseKzgDa) vm.Add(vc.KzgDaResources(changes.OnchainDataSegmentLength));
        ulong sierraGas = 0;
        int eventKeys = 0, eventData = 0;
        var payloads = new List<int>();
        foreach (var root in calls)
        {
            if (root is null) continue;
            foreach (var call in root.Flatten())
            {
                if (call.TrackedResource == TrackedResource.SierraGas)
                {
                    sierraGas += call.OwnGasConsumed;
                }
                else
                {
                    vm.Steps += call.Steps;
                    foreach (var (name, n) in call.BuiltinInstances) vm.AddBuiltin(name, n);
                    foreach (var (selector, usage) in call.SyscallUsage) vm.Add(vc.SyscallOsResources(selector, usage));
                }
                foreach (var e in call.Events)
                {
                    eventKeys += e.Keys.Count;
                    eventData += e.Data.Count;
                }
                foreach (var m in call.Messages) payloads.Add(m.Payload.Count);
            }
        }
        long revertedSteps = 0;
        ulong revertedGas = 0;
        if (reverted is not null)
        {
            foreach (var call in reverted.Flatten())
            {
                if (call.TrackedResource == TrackedResource.SierraGas) revertedGas += call.OwnGasConsumed;
                else revertedSteps += call.Steps;
            }
        }
        return new TransactionResources
        {
            CalldataLength = calldataLength,
            SignatureLength = signatureLength,
            CodeSize = codeSize,
            EventKeys = eventKeys,
            EventData = eventData,
            L2ToL1PayloadLengths = payloads,
            L1HandlerPayloadSize = l1HandlerPayload,
            StateChanges = changes,
            AllocatedKeys = allocated,
            Vm = vm,
            RevertedSteps = revertedSteps,
            SierraGas = sierraGas,
            RevertedSierraGas = revertedGas,
        };
    }

    // ----- helpers -------------------------------------------------------------------------------------

    private static TransactionContext NewContext(BlockContext ctx, TxInfo info) => new(ctx.Block, info)
    {
        RunOptions = new Cairn.Cairo.Runners.ContractRunOptions { MaxSteps = ctx.Constants.ExecuteMaxSteps },
        MaxCallDepth = ctx.Constants.MaxRecursionDepth,
        MaxEvents = ctx.Constants.MaxEvents,
        MaxEventKeys = ctx.Constants.MaxEventKeys,
        MaxEventData = ctx.Constants.MaxEventData,
    };

    private static void CheckNonce(IStateReader state, ContractAddress account, Felt nonce)
    {
        var current = state.GetNonce(account);
        if (nonce != current.Value)
        {
            throw new TransactionRejectedException("INVALID_TRANSACTION_NONCE",
                $"Invalid transaction nonce of contract at address {account}. Account nonce: {current.Value}; got: {nonce}.");
        }
    }

    private static CallInfo RunValidate(CachedState state, TransactionContext context, ContractAddress account, Felt selector, Felt[] calldata, string name, long maxSteps)
    {
        context.ValidateMode = true;
        var options = context.RunOptions;
        context.RunOptions = options with { MaxSteps = maxSteps };
        CallInfo validate;
        try
        {
            validate = EntryPointExecutor.Execute(state, context, new CallRequest(account, EntryPointType.External, selector, calldata, default), TransactionExecutor.ValidateMaxSierraGas);
        }
        catch (ExecutionException e)
        {
            throw new TransactionRejectedException("VALIDATION_FAILURE", e.Message, e);
        }
        finally
        {
            context.ValidateMode = false;
            context.RunOptions = options;
        }
        if (validate.Failed) throw new TransactionRejectedException("VALIDATION_FAILURE", $"The '{name}' entry point panicked: " + Describe(validate.Retdata));
        if (validate.Retdata.Count != 1 || validate.Retdata[0] != Valid)
        {
            throw new TransactionRejectedException("VALIDATION_FAILURE", $"The '{name}' entry point did not return 'VALID': " + Describe(validate.Retdata));
        }
        return validate;
    }

    /// <summary>The transaction as contracts see it through get_execution_info (cairo-vm.md §8.4).</summary>
    public static TxInfo TxInfoOf(InvokeTransactionV3 tx, TxHash hash, Felt chainId) =>
        TxInfoOf(tx, tx.SenderAddress, tx.AccountDeploymentData, tx.ProofFacts, hash, chainId);

    /// <summary>The transaction info of a v3 transaction whose account is <paramref name="sender"/>.</summary>
    public static TxInfo TxInfoOf(TransactionV3 tx, Felt sender, ReadOnlyMemory<Felt> accountDeploymentData, ReadOnlyMemory<Felt> proofFacts, TxHash hash, Felt chainId)
    {
        var bounds = new List<ResourceBound>
        {
            new(Felt.FromShortString("L1_GAS"), tx.ResourceBounds.L1Gas.MaxAmount, tx.ResourceBounds.L1Gas.MaxPricePerUnit),
            new(Felt.FromShortString("L2_GAS"), tx.ResourceBounds.L2Gas.MaxAmount, tx.ResourceBounds.L2Gas.MaxPricePerUnit),
        };
        if (tx.ResourceBounds.L1DataGas is { } data) bounds.Add(new(Felt.FromShortString("L1_DATA"), data.MaxAmount, data.MaxPricePerUnit));
        return new TxInfo
        {
            Version = tx.HashVersion,
            AccountContractAddress = sender,
            Signature = tx.Signature.ToArray(),
            TransactionHash = hash.Value,
            ChainId = chainId,
            Nonce = tx.Nonce,
            ResourceBounds = bounds,
            Tip = Felt.FromUInt64(tx.Tip),
            PaymasterData = tx.PaymasterData.ToArray(),
            NonceDataAvailabilityMode = Felt.FromUInt64((ulong)tx.NonceDataAvailabilityMode),
            FeeDataAvailabilityMode = Felt.FromUInt64((ulong)tx.FeeDataAvailabilityMode),
            AccountDeploymentData = accountDeploymentData.ToArray(),
            ProofFacts = proofFacts.ToArray(),
        };
    }

    /// <summary>The events and messages of the given call trees, in transaction order.</summary>
    private static (List<ReceiptEvent> Events, List<ReceiptMessage> Messages) Collect(params CallInfo?[] roots)
    {
        var events = new List<ReceiptEvent>();
        var messages = new List<ReceiptMessage>();
        foreach (var root in roots)
        {
            if (root is null) continue;
            var ev = new List<(int Order, ReceiptEvent Event)>();
            var ms = new List<(int Order, ReceiptMessage Message)>();
            foreach (var call in root.Flatten())
            {
                foreach (var e in call.Events) ev.Add((e.Order, new ReceiptEvent(call.Request.StorageAddress, e.Keys, e.Data)));
                foreach (var m in call.Messages) ms.Add((m.Order, new ReceiptMessage(call.Request.StorageAddress, m.ToAddress, m.Payload)));
            }
            events.AddRange(ev.OrderBy(e => e.Order).Select(e => e.Event));
            messages.AddRange(ms.OrderBy(m => m.Order).Select(m => m.Message));
        }
        return (events, messages);
    }

    /// <summary>Felts as hex, with their short-string reading where they have one.</summary>
    public static string Describe(IReadOnlyList<Felt> data) =>
        string.Join(", ", data.Select(f => f.TryToShortString(out var s) && s.Length > 0 && s.All(c => c >= ' ' && c < 127) ? $"{f} ('{s}')" : f.ToString()));
}
