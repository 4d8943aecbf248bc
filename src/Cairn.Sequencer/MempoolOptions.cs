namespace Cairn.Sequencer;

public sealed record MempoolOptions
{
    /// <summary>At most this many waiting transactions; beyond it the lowest tip is evicted for a higher one.</summary>
    public int Capacity { get; init; } = 100_000;

    /// <summary>A transaction waiting longer than this is dropped (a nonce gap never filled, an account that never pays).</summary>
    public TimeSpan TimeToLive { get; init; } = TimeSpan.FromMinutes(10);

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
