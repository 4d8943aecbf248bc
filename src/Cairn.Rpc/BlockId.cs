using Cairn.Primitives;

namespace Cairn.Rpc;

/// <summary>
/// A block reference as clients send it (RPC <c>BLOCK_ID</c>): <c>{"block_number": n}</c>, <c>{"block_hash": "0x…"}</c>,
/// or one of the tags <c>"latest"</c>, <c>"pre_confirmed"</c>, <c>"l1_accepted"</c>.
/// </summary>
public readonly record struct BlockId(BlockIdKind Kind, ulong Number, Felt Hash)
{
    public static BlockId Latest => new(BlockIdKind.Latest, 0, Felt.Zero);

    public static BlockId PreConfirmed => new(BlockIdKind.PreConfirmed, 0, Felt.Zero);

    public static BlockId L1Accepted => new(BlockIdKind.L1Accepted, 0, Felt.Zero);

    public static BlockId ByNumber(ulong number) => new(BlockIdKind.Number, number, Felt.Zero);

    public static BlockId ByHash(Felt hash) => new(BlockIdKind.Hash, 0, hash);

    public bool IsTag => Kind is BlockIdKind.Latest or BlockIdKind.PreConfirmed or BlockIdKind.L1Accepted;

    public override string ToString() => Kind switch
    {
        BlockIdKind.Number => $"block_number {Number}",
        BlockIdKind.Hash => $"block_hash {Hash}",
        BlockIdKind.Latest => "latest",
        BlockIdKind.PreConfirmed => "pre_confirmed",
        _ => "l1_accepted",
    };
}
