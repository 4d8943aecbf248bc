using Cairn.Primitives;
using Cairn.Sequencer;

namespace Cairn.Node.Devnet;

/// <summary>What <c>cairn devnet</c> was asked for.</summary>
public sealed record DevnetOptions
{
    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 5050;

    /// <summary>The RocksDB folder; null keeps everything in a temporary folder deleted on exit.</summary>
    public string? DataDir { get; init; }

    public Felt Seed { get; init; }

    public int Accounts { get; init; } = 10;

    public BlockMode Mode { get; init; } = BlockMode.PerTransaction;

    public TimeSpan BlockTime { get; init; } = TimeSpan.FromSeconds(6);

    public string? GenesisFile { get; init; }

    public Felt ChainId { get; init; } = Felt.FromShortString("SN_SEPOLIA");
}
