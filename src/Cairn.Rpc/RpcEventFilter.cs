using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Rpc;

/// <summary>
/// RPC <c>EVENT_FILTER</c> + <c>RESULT_PAGE_REQUEST</c> (<c>starknet_getEvents</c>): blocks From..To inclusive (null: from
/// genesis / to latest), any of <see cref="Addresses"/> (empty: any), per key position the accepted values (an empty
/// position accepts any value), a page of at most <see cref="ChunkSize"/> events after <see cref="ContinuationToken"/>.
/// </summary>
public sealed record RpcEventFilter
{
    public BlockId? FromBlock { get; init; }

    public BlockId? ToBlock { get; init; }

    public IReadOnlyList<ContractAddress> Addresses { get; init; } = [];

    public IReadOnlyList<IReadOnlyList<Felt>> Keys { get; init; } = [];

    public required int ChunkSize { get; init; }

    /// <summary>Opaque; a token the backend handed out (anything else: INVALID_CONTINUATION_TOKEN).</summary>
    public string? ContinuationToken { get; init; }

    /// <summary>Whether an event's emitter and keys pass the filter (not the block range).</summary>
    public bool Matches(ContractAddress fromAddress, IReadOnlyList<Felt> keys)
    {
        if (Addresses.Count > 0 && !Addresses.Contains(fromAddress)) return false;
        for (var i = 0; i < Keys.Count; i++)
        {
            var accepted = Keys[i];
            if (accepted.Count == 0) continue;
            if (i >= keys.Count) return false;
            var found = false;
            for (var j = 0; j < accepted.Count && !found; j++) found = accepted[j] == keys[i];
            if (!found) return false;
        }

        return true;
    }
}
