using Cairn.Primitives;

namespace Cairn.Rpc;

/// <summary>
/// A block header as RPC serves it: <c>BLOCK_HEADER</c> for a sealed block, <c>PRE_CONFIRMED_BLOCK_HEADER</c> when
/// <see cref="Status"/> is <see cref="RpcBlockStatus.PreConfirmed"/> (then hash, parent hash, root and commitments are
/// not written, whatever they hold).
/// </summary>
public sealed record RpcBlockHeader
{
    public required ulong Number { get; init; }

    public required RpcBlockStatus Status { get; init; }

    /// <summary>The block hash (unused for a pre-confirmed block).</summary>
    public Felt Hash { get; init; }

    public Felt ParentHash { get; init; }

    /// <summary>The global state root after the block (<c>new_root</c>).</summary>
    public Felt NewRoot { get; init; }

    /// <summary>Unix seconds.</summary>
    public required ulong Timestamp { get; init; }

    public required Felt SequencerAddress { get; init; }

    public required ResourcePrice L1GasPrice { get; init; }

    public required ResourcePrice L1DataGasPrice { get; init; }

    public required ResourcePrice L2GasPrice { get; init; }

    public RpcL1DaMode L1DaMode { get; init; } = RpcL1DaMode.Blob;

    /// <summary>E.g. "0.14.1"; starknet.js picks the compiled-class-hash version from it.</summary>
    public required string StarknetVersion { get; init; }

    public Felt EventCommitment { get; init; }

    public Felt TransactionCommitment { get; init; }

    public Felt ReceiptCommitment { get; init; }

    public Felt StateDiffCommitment { get; init; }

    public ulong EventCount { get; init; }

    /// <summary>The number of transactions (also for a pre-confirmed block: those in it so far).</summary>
    public ulong TransactionCount { get; init; }

    public ulong StateDiffLength { get; init; }

    public bool IsPreConfirmed => Status == RpcBlockStatus.PreConfirmed;
}
