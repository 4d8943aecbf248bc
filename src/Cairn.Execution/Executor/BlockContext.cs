using Cairn.Cairo.Syscalls;
using Cairn.Execution.Fees;
using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Execution.Executor;

/// <summary>What every transaction of a block is executed against: block info, chain, gas prices, DA mode, fee token and constants.</summary>
public sealed class BlockContext
{
    public required BlockInfo Block { get; init; }

    public required Felt ChainId { get; init; }

    public GasPrices GasPrices { get; init; } = GasPrices.Default;

    /// <summary>Blob (KZG) data availability — Starknet's <c>l1_da_mode</c> BLOB — or calldata.</summary>
    public bool UseKzgDa { get; init; } = true;

    public ContractAddress FeeTokenAddress { get; init; } = FeeToken.StrkAddress;

    public VersionedConstants Constants { get; init; } = VersionedConstants.V0_14_1;
}
