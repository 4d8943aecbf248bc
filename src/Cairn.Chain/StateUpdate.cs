using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Chain;

/// <summary>A block's state update (RPC <c>STATE_UPDATE</c>): the roots before and after and the diff.</summary>
public sealed record StateUpdate(BlockHash BlockHash, Felt OldRoot, Felt NewRoot, BlockStateDiff StateDiff);
