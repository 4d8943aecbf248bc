using Cairn.Execution.Fees;
using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Sequencer;

public sealed record ProducerOptions
{
    public required Felt ChainId { get; init; }

    /// <summary>Who receives the fees (starknet-devnet's sequencer address by default).</summary>
    public ContractAddress SequencerAddress { get; init; } = new(Felt.FromUInt64(0x1000));

    public GasPrices GasPrices { get; init; } = GasPrices.Default;

    public BlockMode Mode { get; init; } = BlockMode.PerTransaction;

    public TimeSpan BlockTime { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>Block limits: transactions, L2 gas of the executed transactions, events, state-diff entries.</summary>
    public int MaxTransactions { get; init; } = 1000;

    public ulong MaxL2Gas { get; init; } = 5_000_000_000;

    public int MaxEvents { get; init; } = 50_000;

    public int MaxStateDiffSize { get; init; } = 40_000;

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
