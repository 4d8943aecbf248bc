namespace Cairn.Rpc;

/// <summary>RPC <c>BLOCK_STATUS</c>.</summary>
public enum RpcBlockStatus
{
    PreConfirmed,
    AcceptedOnL2,
    AcceptedOnL1,
}
