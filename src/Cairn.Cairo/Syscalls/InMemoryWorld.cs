using Cairn.Cairo.Programs;
using Cairn.Cairo.Runners;
using Cairn.Primitives;

namespace Cairn.Cairo.Syscalls;

/// <summary>
/// A small in-memory Starknet world for running contracts without a node (<c>cairn run-contract</c>,
/// tests): declared classes, deployed contracts, storage, emitted events and L2→L1 messages, block
/// info and block hashes. Inner calls snapshot and restore it when they fail.
/// </summary>
public sealed class InMemoryWorld
{
    /// <summary>Declared CASM classes by class hash.</summary>
    public Dictionary<Felt, CasmContractClass> Classes { get; } = [];

    /// <summary>Class hash of every deployed contract, by address.</summary>
    public Dictionary<Felt, Felt> Contracts { get; } = [];

    /// <summary>Storage by (contract address, key); absent = 0.</summary>
    public Dictionary<(Felt Address, Felt Key), Felt> Storage { get; } = [];

    /// <summary>Events in emission order.</summary>
    public List<EmittedEvent> Events { get; } = [];

    /// <summary>L2→L1 messages in order.</summary>
    public List<(Felt From, Felt To, IReadOnlyList<Felt> Payload)> Messages { get; } = [];

    /// <summary>Block hashes by number (GetBlockHash of an unknown block in range returns 0).</summary>
    public Dictionary<ulong, Felt> BlockHashes { get; } = [];

    public BlockInfo Block { get; set; } = new(0, 0, Felt.Zero);

    public TxInfo Tx { get; set; } = new();

    public ContractRunOptions RunOptions { get; set; } = new();

    /// <summary>Maximum depth of nested calls.</summary>
    public int MaxCallDepth { get; set; } = 50;

    public Felt ReadStorage(Felt address, Felt key) => Storage.TryGetValue((address, key), out var v) ? v : Felt.Zero;

    /// <summary>A copy of the mutable parts, for <see cref="Restore"/> after a failed inner call.</summary>
    public object Snapshot() => (new Dictionary<Felt, Felt>(Contracts), new Dictionary<(Felt, Felt), Felt>(Storage), Events.Count, Messages.Count);

    public void Restore(object snapshot)
    {
        var (contracts, storage, events, messages) = ((Dictionary<Felt, Felt>, Dictionary<(Felt, Felt), Felt>, int, int))snapshot;
        Contracts.Clear();
        foreach (var (k, v) in contracts) Contracts[k] = v;
        Storage.Clear();
        foreach (var (k, v) in storage) Storage[k] = v;
        Events.RemoveRange(events, Events.Count - events);
        Messages.RemoveRange(messages, Messages.Count - messages);
    }
}
