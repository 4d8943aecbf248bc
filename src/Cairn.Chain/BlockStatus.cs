namespace Cairn.Chain;

/// <summary>The status of a stored block (RPC <c>BLOCK_STATUS</c> without PRE_CONFIRMED, which is never stored).</summary>
public enum BlockStatus
{
    AcceptedOnL2,
    AcceptedOnL1,
}
