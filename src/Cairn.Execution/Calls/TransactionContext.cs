using Cairn.Cairo.Runners;
using Cairn.Cairo.Syscalls;

namespace Cairn.Execution.Calls;

/// <summary>
/// What every call of one transaction shares: the block and transaction seen by contracts, the
/// phase (validate or execute), limits, and the counters that order events and messages across the
/// whole transaction.
/// </summary>
public sealed class TransactionContext
{
    /// <summary>Validate-mode rounding of block number and timestamp (0.14.x: 100 blocks, 3600 s).</summary>
    public const ulong ValidateBlockNumberRounding = 100;

    public const ulong ValidateTimestampRounding = 3600;

    public TransactionContext(BlockInfo block, TxInfo tx)
    {
        Block = block;
        Tx = tx;
    }

    public BlockInfo Block { get; }

    public TxInfo Tx { get; }

    /// <summary>The validate phase: rounded block info, no sequencer address, restricted syscalls.</summary>
    public bool ValidateMode { get; set; }

    public int MaxCallDepth { get; init; } = 50;

    /// <summary>Events per transaction, keys and data per event (0.14.x limits).</summary>
    public int MaxEvents { get; init; } = 1000;

    public int MaxEventKeys { get; init; } = 50;

    public int MaxEventData { get; init; } = 300;

    public SyscallGasCosts GasCosts { get; init; } = SyscallGasCosts.V0_14_1;

    /// <summary>Options of every run (the step budget changes between the validate and execute phases).</summary>
    public ContractRunOptions RunOptions { get; set; } = new();

    /// <summary>Event and message counters of the whole transaction (shared with meta-transaction contexts).</summary>
    private sealed class Counters
    {
        public int Events;
        public int Messages;
    }

    private Counters _counters = new();

    internal int NextEventOrder { get => _counters.Events; set => _counters.Events = value; }

    internal int NextMessageOrder { get => _counters.Messages; set => _counters.Messages = value; }

    /// <summary>
    /// The same transaction's context with another <see cref="TxInfo"/> (the synthetic v0 transaction of
    /// a meta-transaction): same block, phase, limits and event/message ordering.
    /// </summary>
    public TransactionContext WithTx(TxInfo tx) => new(Block, tx)
    {
        ValidateMode = ValidateMode,
        MaxCallDepth = MaxCallDepth,
        MaxEvents = MaxEvents,
        MaxEventKeys = MaxEventKeys,
        MaxEventData = MaxEventData,
        GasCosts = GasCosts,
        RunOptions = RunOptions,
        _counters = _counters,
    };

    /// <summary>The block as contracts see it in the current phase (§8.4: rounded in validate mode).</summary>
    public BlockInfo VisibleBlock => ValidateMode
        ? new BlockInfo(Block.BlockNumber / ValidateBlockNumberRounding * ValidateBlockNumberRounding,
            Block.BlockTimestamp / ValidateTimestampRounding * ValidateTimestampRounding, Primitives.Felt.Zero)
        : Block;
}
