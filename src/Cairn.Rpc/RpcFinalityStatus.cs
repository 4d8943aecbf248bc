namespace Cairn.Rpc;

/// <summary>RPC <c>TXN_FINALITY_STATUS</c>: the finality of an executed (included) transaction.</summary>
public enum RpcFinalityStatus
{
    PreConfirmed,
    AcceptedOnL2,
    AcceptedOnL1,
}
