using Cairn.Cairo.Programs;
using Cairn.Cairo.Runners;
using Cairn.Crypto.Hashing;
using Cairn.Primitives;

namespace Cairn.Cairo.Syscalls;

/// <summary>
/// The syscall handler of one call against an <see cref="InMemoryWorld"/>: storage reads and writes
/// of the running contract, events, L2→L1 messages, execution info, block hashes (the newest 10
/// blocks are out of range, as on Starknet), class lookups, and inner calls (call_contract,
/// library_call, deploy) run as nested entry points, undone when they fail.
/// </summary>
public sealed class InMemorySyscallHandler : SyscallHandlerBase
{
    private const ulong StoredBlockHashBuffer = 10;

    private readonly InMemoryWorld _world;
    private readonly int _depth;

    public InMemorySyscallHandler(InMemoryWorld world, Felt contractAddress, Felt classHash, Felt callerAddress, Felt entryPointSelector, int depth = 0)
        : base()
    {
        _world = world;
        ContractAddress = contractAddress;
        ClassHash = classHash;
        CallerAddress = callerAddress;
        EntryPointSelector = entryPointSelector;
        _depth = depth;
    }

    /// <summary>The address whose storage this call reads and writes.</summary>
    public Felt ContractAddress { get; }

    /// <summary>The class being run (differs from the contract's class in a library call).</summary>
    public Felt ClassHash { get; }

    public Felt CallerAddress { get; }

    public Felt EntryPointSelector { get; }

    /// <summary>Runs an entry point of the class deployed at <paramref name="address"/> (or, for a library call, of <paramref name="classHash"/> in its storage context).</summary>
    public static EntryPointResult RunCall(InMemoryWorld world, EntryPointType type, Felt address, Felt classHash, Felt caller, Felt selector, IReadOnlyList<Felt> calldata, ulong gas, int depth = 0)
    {
        if (!world.Classes.TryGetValue(classHash, out var cls)) throw new Vm.VmException($"Class with hash {classHash} is not declared");
        var handler = new InMemorySyscallHandler(world, address, classHash, caller, selector, depth);
        return ContractEntryPointRunner.Run(cls, type, selector, calldata, gas, handler, world.RunOptions);
    }

    protected override Felt StorageRead(Felt key) => _world.ReadStorage(ContractAddress, key);

    protected override void StorageWrite(Felt key, Felt value) => _world.Storage[(ContractAddress, key)] = value;

    protected override void EmitEvent(IReadOnlyList<Felt> keys, IReadOnlyList<Felt> data) =>
        _world.Events.Add(new EmittedEvent(ContractAddress, keys, data));

    protected override Felt GetBlockHash(ulong blockNumber)
    {
        ulong current = _world.Block.BlockNumber;
        if (current < StoredBlockHashBuffer || blockNumber > current - StoredBlockHashBuffer)
        {
            throw new SyscallRevertException("Block number out of range");
        }
        return _world.BlockHashes.TryGetValue(blockNumber, out var h) ? h : Felt.Zero;
    }

    protected override ExecutionInfo GetExecutionInfo() =>
        new(_world.Block, _world.Tx, CallerAddress, ContractAddress, EntryPointSelector);

    protected override Felt GetClassHashAt(Felt contractAddress) =>
        _world.Contracts.TryGetValue(contractAddress, out var h) ? h : Felt.Zero;

    protected override void SendMessageToL1(Felt toAddress, IReadOnlyList<Felt> payload)
    {
        if (toAddress.ToBigInteger() >= System.Numerics.BigInteger.One << 160)
        {
            throw new Hints.HintException($"Invalid L1 address {toAddress}: it must fit in 160 bits");
        }
        _world.Messages.Add((ContractAddress, toAddress, payload));
    }

    protected override void ReplaceClass(Felt classHash)
    {
        if (!_world.Classes.ContainsKey(classHash)) throw new Hints.HintException($"Class with hash {classHash} is not declared");
        _world.Contracts[ContractAddress] = classHash;
    }

    protected override CallResult CallContract(Felt contractAddress, Felt selector, IReadOnlyList<Felt> calldata, ulong gas)
    {
        if (!_world.Contracts.TryGetValue(contractAddress, out var classHash))
        {
            throw new SyscallRevertException([Felt.FromShortString("CONTRACT_NOT_DEPLOYED")]);
        }
        return Nested(EntryPointType.External, contractAddress, classHash, ContractAddress, selector, calldata, gas);
    }

    protected override CallResult LibraryCall(Felt classHash, Felt selector, IReadOnlyList<Felt> calldata, ulong gas) =>
        Nested(EntryPointType.External, ContractAddress, classHash, CallerAddress, selector, calldata, gas);

    protected override (Felt Address, CallResult Constructor) Deploy(Felt classHash, Felt salt, IReadOnlyList<Felt> calldata, bool deployFromZero, ulong gas)
    {
        var deployer = deployFromZero ? Felt.Zero : ContractAddress;
        var address = ContractAddressCalculator.Compute(salt, classHash, calldata.ToArray(), deployer).Value;
        if (!_world.Classes.TryGetValue(classHash, out var cls)) throw new Hints.HintException($"Class with hash {classHash} is not declared");
        if (_world.Contracts.ContainsKey(address))
        {
            throw new Hints.HintException($"Requested contract address {address} is unavailable for deployment");
        }
        var snapshot = _world.Snapshot();
        _world.Contracts[address] = classHash;
        CallResult ctor;
        var selector = StarknetKeccak.Selector("constructor");
        if (cls.Constructor.Count == 0)
        {
            if (calldata.Count != 0) throw new Hints.HintException("Cannot pass calldata to a contract with no constructor");
            ctor = new CallResult([], false, 0);
        }
        else
        {
            ctor = Nested(EntryPointType.Constructor, address, classHash, ContractAddress, selector, calldata, gas);
        }
        if (ctor.Failed) _world.Restore(snapshot);
        return (address, ctor);
    }

    private CallResult Nested(EntryPointType type, Felt address, Felt classHash, Felt caller, Felt selector, IReadOnlyList<Felt> calldata, ulong gas)
    {
        if (_depth + 1 >= _world.MaxCallDepth) throw new Hints.HintException("Max call depth exceeded");
        var snapshot = _world.Snapshot();
        var result = RunCall(_world, type, address, classHash, caller, selector, calldata, gas, _depth + 1);
        if (result.Failed) _world.Restore(snapshot);
        return new CallResult(result.Retdata, result.Failed, result.GasConsumed);
    }
}
