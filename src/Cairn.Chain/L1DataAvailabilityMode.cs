namespace Cairn.Chain;

/// <summary>How a block's state diff is published on L1 (RPC header <c>l1_da_mode</c>). It sets a bit of the packed counts (spec §8.6).</summary>
public enum L1DataAvailabilityMode
{
    Calldata = 0,
    Blob = 1,
}
