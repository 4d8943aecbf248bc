namespace Cairn.Sequencer;

/// <summary>When the block producer closes a block.</summary>
public enum BlockMode
{
    /// <summary>After every transaction (devnet's <c>--instant</c>; the default).</summary>
    PerTransaction,

    /// <summary>Every <see cref="ProducerOptions.BlockTime"/>, empty or not.</summary>
    Interval,

    /// <summary>Only when asked (<c>dev_generateBlock</c>) or when a block limit is reached.</summary>
    OnDemand,
}
