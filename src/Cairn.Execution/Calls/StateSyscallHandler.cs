using Cairn.Cairo.Hints;
using Cairn.Cairo.Programs;
using Cairn.Cairo.Syscalls;
using Cairn.Crypto.Hashing;
using Cairn.Execution.Hashing;
using Cairn.Execution.State;
using Cairn.Primitives;
using Cairn.Primitives.Ids;
using Cairn.State;

namespace Cairn.Execution.Calls;

/// <summary>
/// Starknet's syscalls over a <see cref="CachedState"/> for one call (cairo-vm.md §8.3): storage in
/// the call's storage address, events and messages into the call's <see cref="CallInfo"/>, block
/// hashes from system contract 0x1, execution info (validate-mode view when validating), inner
/// calls, library calls and deploys as nested entry points whose writes are rolled back when they
/// fail, class lookups and class replacement.
/// </summary>
public sealed class StateSyscallHandler : SyscallHandlerBase
{
    private static readonly Felt L1AddressBound = Felt.FromBigInteger(System.Numerics.BigInteger.One << 160);

    private readonly CachedState _state;
    private readonly TransactionContext _context;
    private readonly CallInfo _call;
    private readonly int _depth;

    public StateSyscallHandler(CachedState state, TransactionContext context, CallInfo call, int depth)
        : base(context.GasCosts)
    {
        _state = state;
        _context = context;
        _call = call;
        _depth = depth;
    }

    private ContractAddress Address => _call.Request.StorageAddress;

    protected override Felt StorageRead(Felt key) => _state.GetStorage(Address, new StorageKey(key));

    protected override void StorageWrite(Felt key, Felt value) => _state.SetStorage(Address, new StorageKey(key), value);

    protected override void EmitEvent(IReadOnlyList<Felt> keys, IReadOnlyList<Felt> data)
    {
        if (keys.Count > _context.MaxEventKeys) throw new HintException($"Event with {keys.Count} keys exceeds the limit of {_context.MaxEventKeys}.");
        if (data.Count > _context.MaxEventData) throw new HintException($"Event with {data.Count} data felts exceeds the limit of {_context.MaxEventData}.");
        if (_context.NextEventOrder >= _context.MaxEvents) throw new HintException($"The transaction emits more than {_context.MaxEvents} events.");
        _call.Events.Add(new OrderedEvent(_context.NextEventOrder++, keys, data));
    }

    protected override Felt GetBlockHash(ulong blockNumber)
    {
        ulong current = _context.Block.BlockNumber;
        if (current < Cairn.State.SystemContracts.StoredBlockHashBuffer || blockNumber > current - Cairn.State.SystemContracts.StoredBlockHashBuffer)
        {
            if (_context.ValidateMode) throw new HintException("Unauthorized syscall get_block_hash in execution mode Validate.");
            throw new SyscallRevertException("Block number out of range");
        }
        return _state.GetStorage(Cairn.State.SystemContracts.BlockHashContract, new StorageKey(Felt.FromUInt64(blockNumber)));
    }

    protected override ExecutionInfo GetExecutionInfo() =>
        new(_context.VisibleBlock, _context.Tx, _call.Request.Caller, Address, _call.Request.Selector);

    protected override Felt GetClassHashAt(Felt contractAddress)
    {
        if (_context.ValidateMode) throw new HintException("Unauthorized syscall get_class_hash_at in execution mode Validate.");
        return _state.GetClassHashAt(new ContractAddress(contractAddress)).Value;
    }

    protected override void SendMessageToL1(Felt toAddress, IReadOnlyList<Felt> payload)
    {
        if (toAddress >= L1AddressBound) throw new HintException($"Invalid L1 address {toAddress}: it must fit in 160 bits.");
        _call.Messages.Add(new OrderedMessage(_context.NextMessageOrder++, toAddress, payload));
    }

    protected override void ReplaceClass(Felt classHash)
    {
        var hash = new ClassHash(classHash);
        if (_state.GetCompiledClass(hash) is null) throw new HintException($"Class with hash {hash} is not declared.");
        _state.SetClassHashAt(Address, hash);
    }

    protected override CallResult CallContract(Felt contractAddress, Felt selector, IReadOnlyList<Felt> calldata, ulong gas)
    {
        var target = new ContractAddress(contractAddress);
        if (_context.ValidateMode && target != Address)
        {
            throw new HintException("Unauthorized syscall call_contract in execution mode Validate: only the account itself may be called.");
        }
        return Nested(new CallRequest(target, EntryPointType.External, selector, calldata, Address), gas);
    }

    protected override CallResult LibraryCall(Felt classHash, Felt selector, IReadOnlyList<Felt> calldata, ulong gas) =>
        Nested(new CallRequest(Address, EntryPointType.External, selector, calldata, _call.Request.Caller, CallType.Delegate, new ClassHash(classHash)), gas);

    protected override (Felt Address, CallResult Constructor) Deploy(Felt classHash, Felt salt, IReadOnlyList<Felt> calldata, bool deployFromZero, ulong gas)
    {
        if (_context.ValidateMode) throw new HintException("Unauthorized syscall deploy in execution mode Validate.");
        var hash = new ClassHash(classHash);
        var compiled = _state.GetCompiledClass(hash) ?? throw new HintException($"Class with hash {hash} is not declared.");
        var deployer = deployFromZero ? Felt.Zero : Address.Value;
        var address = ContractAddressCalculator.Compute(salt, classHash, calldata.ToArray(), deployer);
        if (!_state.GetClassHashAt(address).Value.IsZero)
        {
            throw new HintException($"Requested contract address {address} is unavailable for deployment.");
        }
        int checkpoint = _state.Checkpoint();
        _state.SetClassHashAt(address, hash);
        if (compiled.Constructor.Count == 0)
        {
            if (calldata.Count != 0) throw new HintException("Cannot pass calldata to a contract with no constructor.");
            return (address.Value, new CallResult([], false, 0));
        }
        var result = Nested(new CallRequest(address, EntryPointType.Constructor, StarknetKeccak.Selector("constructor"), calldata, Address), gas);
        if (result.Failed) _state.Rollback(checkpoint);
        return (address.Value, result);
    }

    /// <summary>
    /// meta_tx_v0 (cairo-vm.md §8.3): calls <c>__execute__</c> of <paramref name="contractAddress"/> as the
    /// protocol would for an INVOKE v0 transaction with the given calldata and signature: caller 0, and a
    /// synthetic v0 transaction (its hash, version 0, no fee, nonce 0) seen by the whole sub-call.
    /// </summary>
    protected override CallResult MetaTxV0(Felt contractAddress, Felt selector, IReadOnlyList<Felt> calldata, IReadOnlyList<Felt> signature, ulong gas)
    {
        if (selector != ExecuteSelector) throw new SyscallRevertException("Invalid argument");
        if (_context.ValidateMode) throw new HintException("Unauthorized syscall meta_tx_v0 in execution mode Validate.");
        var v0 = new Transactions.InvokeTransactionV0
        {
            ContractAddress = contractAddress,
            EntryPointSelector = selector,
            Calldata = calldata.ToArray(),
            MaxFee = Felt.Zero,
            Signature = signature.ToArray(),
        };
        var hash = TransactionHasher.Compute(v0, _context.Tx.ChainId);
        var tx = new TxInfo
        {
            Version = Felt.Zero,
            AccountContractAddress = contractAddress,
            TransactionHash = hash.Value,
            Signature = signature,
            ChainId = _context.Tx.ChainId,
        };
        return Nested(new CallRequest(new ContractAddress(contractAddress), EntryPointType.External, selector, calldata, default), gas, _context.WithTx(tx));
    }

    private static readonly Felt ExecuteSelector = StarknetKeccak.Selector("__execute__");

    private CallResult Nested(CallRequest request, ulong gas) => Nested(request, gas, _context);

    private CallResult Nested(CallRequest request, ulong gas, TransactionContext context)
    {
        if (_depth + 1 >= _context.MaxCallDepth) throw new HintException("Max call depth exceeded.");
        int checkpoint = _state.Checkpoint();
        int events = _context.NextEventOrder;
        CallInfo inner;
        try
        {
            inner = EntryPointExecutor.Execute(_state, context, request, gas, _depth + 1);
        }
        catch (ExecutionException e) when (e.IsEntryPointNotFound)
        {
            // Calling a missing entry point fails the inner call with 'ENTRYPOINT_NOT_FOUND'.
            _state.Rollback(checkpoint);
            return new CallResult([EntryPointExecutor.EntrypointNotFound], true, 0);
        }
        catch (ExecutionException e)
        {
            throw new HintException(e.Message, e);
        }
        _call.InnerCalls.Add(inner);
        if (inner.Failed)
        {
            _state.Rollback(checkpoint);
            // Events and messages of a failed call are dropped with its state changes.
            foreach (var c in inner.Flatten())
            {
                c.Events.Clear();
                c.Messages.Clear();
            }
            _context.NextEventOrder = events;
        }
        return new CallResult(inner.Retdata, inner.Failed, inner.GasConsumed);
    }
}
