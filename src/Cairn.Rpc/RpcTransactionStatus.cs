namespace Cairn.Rpc;

/// <summary>RPC <c>TXN_STATUS</c>: where a known transaction is (a rejected or evicted one is not known: TXN_HASH_NOT_FOUND).</summary>
public enum RpcTransactionStatus
{
    /// <summary>Accepted by the gateway, in the mempool.</summary>
    Received,

    /// <summary>Taken by the block builder, not yet executed.</summary>
    Candidate,

    PreConfirmed,
    AcceptedOnL2,
    AcceptedOnL1,
}
