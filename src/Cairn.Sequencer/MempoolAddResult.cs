namespace Cairn.Sequencer;

/// <summary>What <see cref="Mempool.Add"/> did.</summary>
public enum MempoolAddResult
{
    Added,

    /// <summary>It replaced the account's transaction with the same nonce (its tip is higher).</summary>
    Replaced,

    /// <summary>The same hash is already waiting.</summary>
    Duplicate,

    /// <summary>A transaction with the same account and nonce and a tip at least as high is waiting.</summary>
    ReplacementTipTooLow,

    /// <summary>The mempool is at capacity and every waiting transaction tips at least as much.</summary>
    Full,
}
