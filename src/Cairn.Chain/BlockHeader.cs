using Cairn.Chain.Commitments;
using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Chain;

/// <summary>
/// A sealed block's header (RPC <c>BLOCK_HEADER</c>): every input of the block hash (spec §8.8) and the hash itself.
/// </summary>
public sealed record BlockHeader
{
    public required ulong Number { get; init; }

    public required BlockHash Hash { get; init; }

    public required BlockHash ParentHash { get; init; }

    /// <summary>The global state root after the block (RPC <c>new_root</c>).</summary>
    public required Felt StateRoot { get; init; }

    public required ContractAddress SequencerAddress { get; init; }

    /// <summary>Unix seconds.</summary>
    public required ulong Timestamp { get; init; }

    public required GasPrices GasPrices { get; init; }

    public required L1DataAvailabilityMode L1DaMode { get; init; }

    public required StarknetVersion StarknetVersion { get; init; }

    public required BlockCommitments Commitments { get; init; }

    public ulong TransactionCount => Commitments.TransactionCount;

    public ulong EventCount => Commitments.EventCount;

    public ulong StateDiffLength => Commitments.StateDiffLength;

    /// <summary>The block hash recomputed from the other fields (equals <see cref="Hash"/> for a consistent header).</summary>
    public BlockHash ComputeHash() => BlockHasher.Compute(this);
}
