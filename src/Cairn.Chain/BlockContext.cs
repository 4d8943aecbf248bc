using Cairn.Primitives.Ids;

namespace Cairn.Chain;

/// <summary>
/// What a block builder decides before executing a block: its number and parent, the sequencer, time, prices, DA
/// mode and protocol version (a block header without the results of execution). The pre-confirmed block's header.
/// </summary>
public sealed record BlockContext
{
    public required ulong Number { get; init; }

    /// <summary>The previous block's hash (0 for block 0).</summary>
    public BlockHash ParentHash { get; init; }

    public required ContractAddress SequencerAddress { get; init; }

    /// <summary>Unix seconds.</summary>
    public required ulong Timestamp { get; init; }

    public required GasPrices GasPrices { get; init; }

    public L1DataAvailabilityMode L1DaMode { get; init; } = L1DataAvailabilityMode.Blob;

    public StarknetVersion StarknetVersion { get; init; } = StarknetVersion.V0_14_1;
}
