using Cairn.Primitives;

namespace Cairn.Chain.Commitments;

/// <summary>The four commitments and three counts of a block header (spec §8.2–8.6).</summary>
public readonly record struct BlockCommitments(
    Felt TransactionCommitment,
    Felt EventCommitment,
    Felt ReceiptCommitment,
    Felt StateDiffCommitment,
    ulong TransactionCount,
    ulong EventCount,
    ulong StateDiffLength);
