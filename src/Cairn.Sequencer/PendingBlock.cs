using Cairn.Execution.State;
using ExecBlockContext = Cairn.Execution.Executor.BlockContext;

namespace Cairn.Sequencer;

/// <summary>The block being built (pre_confirmed): its number, context, state and transactions so far, and the totals the limits watch.</summary>
public sealed class PendingBlock(ulong number, ExecBlockContext context, CachedState state)
{
    private readonly List<PendingTransaction> _transactions = [];

    public ulong Number { get; } = number;

    public ExecBlockContext Context { get; } = context;

    public CachedState State { get; } = state;

    public IReadOnlyList<PendingTransaction> Transactions => _transactions;

    public ulong L2Gas { get; private set; }

    public int Events { get; private set; }

    public int StateDiffEntries { get; private set; }

    internal void Add(PendingTransaction t)
    {
        _transactions.Add(t);
        L2Gas += t.Receipt.Gas.L2Gas;
        Events += t.Receipt.Events.Count;
        StateDiffEntries += t.Receipt.Resources.StateChanges.OnchainDataSegmentLength;
    }
}
