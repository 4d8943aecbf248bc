using Cairn.Primitives;

namespace Cairn.Execution.Transactions;

/// <summary>The fields every v3 transaction has (fee market and data-availability fields).</summary>
public abstract record TransactionV3 : Transaction
{
    public sealed override int Version => 3;

    public required Felt Nonce { get; init; }

    public required ResourceBoundsMapping ResourceBounds { get; init; }

    /// <summary>The tip (u64).</summary>
    public ulong Tip { get; init; }

    public ReadOnlyMemory<Felt> PaymasterData { get; init; }

    public DataAvailabilityMode NonceDataAvailabilityMode { get; init; }

    public DataAvailabilityMode FeeDataAvailabilityMode { get; init; }
}
