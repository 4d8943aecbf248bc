using Cairn.Cairo.Programs;
using Cairn.Cairo.Syscalls;
using Cairn.Crypto.Hashing;
using Cairn.Execution.Calls;
using Cairn.Execution.Hashing;
using Cairn.Execution.State;
using Cairn.Execution.Transactions;
using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Execution.Executor;

/// <summary>
/// Runs INVOKE v3 and DEPLOY_ACCOUNT v3 transactions the way blockifier does (first increment). INVOKE: nonce check, account
/// <c>__validate__</c> in validate mode (must return 'VALID'), nonce increment, <c>__execute__</c> with
/// caller 0 in its own checkpoint — a failure reverts the execute phase only, the nonce stays — then the
/// receipt. Fee charging is not implemented yet: only <see cref="ExecutionFlags.SkipFeeCharge"/> runs.
/// </summary>
public static class TransactionExecutor
{
    /// <summary>0.14.x limits on the Sierra gas of the two phases.</summary>
    public const ulong ValidateMaxSierraGas = 100_000_000;

    public const ulong ExecuteMaxSierraGas = 1_000_000_000;

    private static readonly Felt ValidSelector = StarknetKeccak.Selector("__validate__");
    private static readonly Felt ExecuteSelector = StarknetKeccak.Selector("__execute__");
    private static readonly Felt Valid = Felt.FromShortString("VALID");

    /// <summary>Executes <paramref name="tx"/> on <paramref name="state"/>; a rejected transaction changes nothing.</summary>
    public static TransactionReceipt Execute(CachedState state, BlockInfo block, Felt chainId, InvokeTransactionV3 tx, ExecutionFlags flags = ExecutionFlags.None)
    {
        if ((flags & ExecutionFlags.SkipFeeCharge) == 0)
        {
            throw new NotSupportedException("fee charging is not implemented yet: execute with ExecutionFlags.SkipFeeCharge");
        }
        var hash = TransactionHasher.Compute(tx, chainId);
        var sender = new ContractAddress(tx.SenderAddress);
        int start = state.Checkpoint();
        try
        {
            if (state.GetClassHashAt(sender).Value.IsZero)
            {
                throw new TransactionRejectedException("INVALID_TRANSACTION", $"Requested contract address {sender} is not deployed.");
            }
            var nonce = state.GetNonce(sender);
            if (tx.Nonce != nonce.Value)
            {
                throw new TransactionRejectedException("INVALID_TRANSACTION_NONCE",
                    $"Invalid transaction nonce of contract at address {sender}. Account nonce: {nonce.Value}; got: {tx.Nonce}.");
            }

            var context = new TransactionContext(block, TxInfoOf(tx, hash, chainId));
            CallInfo? validate = null;
            var calldata = tx.Calldata.ToArray();
            if ((flags & ExecutionFlags.SkipValidate) == 0)
            {
                context.ValidateMode = true;
                try
                {
                    validate = EntryPointExecutor.Execute(state, context, new CallRequest(sender, EntryPointType.External, ValidSelector, calldata, default), ValidateMaxSierraGas);
                }
                catch (ExecutionException e)
                {
                    throw new TransactionRejectedException("VALIDATION_FAILURE", e.Message, e);
                }
                context.ValidateMode = false;
                if (validate.Failed) throw new TransactionRejectedException("VALIDATION_FAILURE", "The '__validate__' entry point panicked: " + Describe(validate.Retdata));
                if (validate.Retdata.Count != 1 || validate.Retdata[0] != Valid)
                {
                    throw new TransactionRejectedException("VALIDATION_FAILURE", "The '__validate__' entry point did not return 'VALID': " + Describe(validate.Retdata));
                }
            }
            state.SetNonce(sender, new Nonce(nonce.Value + Felt.One));

            int beforeExecute = state.Checkpoint();
            CallInfo? execute = null;
            string? revert = null;
            try
            {
                execute = EntryPointExecutor.Execute(state, context, new CallRequest(sender, EntryPointType.External, ExecuteSelector, calldata, default), ExecuteMaxSierraGas);
                if (execute.Failed) revert = "Execution failed. Failure reason: " + Describe(execute.Retdata) + ".";
            }
            catch (ExecutionException e)
            {
                revert = e.Message;
            }
            if (revert is not null) state.Rollback(beforeExecute);

            var (events, messages) = Collect(validate, revert is null ? execute : null);
            ulong gas = (validate?.GasConsumed ?? 0) + (execute?.GasConsumed ?? 0);
            return new TransactionReceipt(hash, revert is null ? ExecutionStatus.Succeeded : ExecutionStatus.Reverted, revert,
                events, messages, validate, execute, gas);
        }
        catch
        {
            state.Rollback(start);
            throw;
        }
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

    /// <summary>
    /// DEPLOY_ACCOUNT v3: the address from class hash, salt and constructor calldata (deployer 0) must
    /// be free and the nonce 0; the class is deployed there and its constructor run (caller 0), then
    /// <c>__validate_deploy__(class_hash, salt, constructor_calldata…)</c> must return 'VALID'; the nonce
    /// becomes 1. Any failure rejects the transaction (nothing is kept).
    /// </summary>
    public static TransactionReceipt Execute(CachedState state, BlockInfo block, Felt chainId, DeployAccountTransactionV3 tx, ExecutionFlags flags = ExecutionFlags.None)
    {
        if ((flags & ExecutionFlags.SkipFeeCharge) == 0)
        {
            throw new NotSupportedException("fee charging is not implemented yet: execute with ExecutionFlags.SkipFeeCharge");
        }
        var hash = TransactionHasher.Compute(tx, chainId);
        var calldata = tx.ConstructorCalldata.ToArray();
        var address = ContractAddressCalculator.Compute(tx.ContractAddressSalt, tx.ClassHash, calldata, Felt.Zero);
        var classHash = new ClassHash(tx.ClassHash);
        int start = state.Checkpoint();
        try
        {
            var compiled = state.GetCompiledClass(classHash)
                ?? throw new TransactionRejectedException("CLASS_HASH_NOT_FOUND", $"Class with hash {classHash} is not declared.");
            if (!state.GetClassHashAt(address).Value.IsZero)
            {
                throw new TransactionRejectedException("CONTRACT_ADDRESS_UNAVAILABLE", $"Requested contract address {address} is unavailable for deployment.");
            }
            if (!state.GetNonce(address).Value.IsZero || !tx.Nonce.IsZero)
            {
                throw new TransactionRejectedException("INVALID_TRANSACTION_NONCE",
                    $"Invalid transaction nonce of contract at address {address}. Account nonce: {state.GetNonce(address).Value}; got: {tx.Nonce}.");
            }
            var context = new TransactionContext(block, TxInfoOf(tx, address.Value, ReadOnlyMemory<Felt>.Empty, ReadOnlyMemory<Felt>.Empty, hash, chainId));
            state.SetClassHashAt(address, classHash);
            CallInfo? constructor = null;
            if (compiled.Constructor.Count > 0)
            {
                try
                {
                    constructor = EntryPointExecutor.Execute(state, context,
                        new CallRequest(address, EntryPointType.Constructor, StarknetKeccak.Selector("constructor"), calldata, default), ExecuteMaxSierraGas);
                }
                catch (ExecutionException e)
                {
                    throw new TransactionRejectedException("TRANSACTION_EXECUTION_ERROR", e.Message, e);
                }
                if (constructor.Failed) throw new TransactionRejectedException("TRANSACTION_EXECUTION_ERROR", "The constructor panicked: " + Describe(constructor.Retdata));
            }
            else if (calldata.Length != 0)
            {
                throw new TransactionRejectedException("TRANSACTION_EXECUTION_ERROR", "Cannot pass calldata to a contract with no constructor.");
            }

            CallInfo? validate = null;
            if ((flags & ExecutionFlags.SkipValidate) == 0)
            {
                context.ValidateMode = true;
                Felt[] validateCalldata = [tx.ClassHash, tx.ContractAddressSalt, .. calldata];
                try
                {
                    validate = EntryPointExecutor.Execute(state, context, new CallRequest(address, EntryPointType.External, ValidateDeploySelector, validateCalldata, default), ValidateMaxSierraGas);
                }
                catch (ExecutionException e)
                {
                    throw new TransactionRejectedException("VALIDATION_FAILURE", e.Message, e);
                }
                context.ValidateMode = false;
                if (validate.Failed || validate.Retdata.Count != 1 || validate.Retdata[0] != Valid)
                {
                    throw new TransactionRejectedException("VALIDATION_FAILURE", "The '__validate_deploy__' entry point did not return 'VALID': " + Describe(validate.Retdata));
                }
            }
            state.SetNonce(address, new Nonce(Felt.One));
            var (events, messages) = Collect(constructor, validate);
            return new TransactionReceipt(hash, ExecutionStatus.Succeeded, null, events, messages,
                validate, constructor, (validate?.GasConsumed ?? 0) + (constructor?.GasConsumed ?? 0));
        }
        catch
        {
            state.Rollback(start);
            throw;
        }
    }

    private static readonly Felt ValidateDeploySelector = StarknetKeccak.Selector("__validate_deploy__");

    /// <summary>The events and messages of the given call trees, in transaction order.</summary>
    private static (List<ReceiptEvent> Events, List<ReceiptMessage> Messages) Collect(params CallInfo?[] roots)
    {
        var events = new List<(int Order, ReceiptEvent Event)>();
        var messages = new List<(int Order, ReceiptMessage Message)>();
        foreach (var root in roots)
        {
            if (root is null) continue;
            foreach (var call in root.Flatten())
            {
                foreach (var ev in call.Events) events.Add((ev.Order, new ReceiptEvent(call.Request.StorageAddress, ev.Keys, ev.Data)));
                foreach (var m in call.Messages) messages.Add((m.Order, new ReceiptMessage(call.Request.StorageAddress, m.ToAddress, m.Payload)));
            }
        }
        return (events.OrderBy(e => e.Order).Select(e => e.Event).ToList(), messages.OrderBy(m => m.Order).Select(m => m.Message).ToList());
    }

    /// <summary>Felts as hex, with their short-string reading where they have one.</summary>
    public static string Describe(IReadOnlyList<Felt> data) =>
        string.Join(", ", data.Select(f => f.TryToShortString(out var s) && s.Length > 0 && s.All(c => c >= ' ' && c < 127) ? $"{f} ('{s}')" : f.ToString()));
}
