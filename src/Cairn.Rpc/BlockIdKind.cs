namespace Cairn.Rpc;

/// <summary>How a <see cref="BlockId"/> names a block (RPC <c>BLOCK_ID</c>: by number, by hash, or a <c>BLOCK_TAG</c>).</summary>
public enum BlockIdKind
{
    Number,
    Hash,

    /// <summary>The latest block accepted on L2.</summary>
    Latest,

    /// <summary>The block being built (its header has no hash, parent or root).</summary>
    PreConfirmed,

    /// <summary>The latest block accepted on L1.</summary>
    L1Accepted,
}
