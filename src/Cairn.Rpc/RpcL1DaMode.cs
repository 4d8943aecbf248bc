namespace Cairn.Rpc;

/// <summary>The block header's <c>l1_da_mode</c>: how the block's data is published on L1.</summary>
public enum RpcL1DaMode
{
    Blob,
    Calldata,
}
