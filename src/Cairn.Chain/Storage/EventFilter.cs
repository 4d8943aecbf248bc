using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Chain.Storage;

/// <summary>
/// What <see cref="ChainStore.GetEvents"/> looks for (RPC <c>EVENT_FILTER</c> with block ids already resolved to
/// numbers): blocks <see cref="FromBlock"/>..<see cref="ToBlock"/> inclusive, any of <see cref="Addresses"/> (empty:
/// any emitter), and per key position a set of accepted values (an empty set accepts any value; a non-empty set at a
/// position the event has no key for rejects it).
/// </summary>
public sealed record EventFilter
{
    public ulong FromBlock { get; init; }

    /// <summary>Inclusive; clamped to the latest block.</summary>
    public ulong ToBlock { get; init; } = ulong.MaxValue;

    public IReadOnlyList<ContractAddress> Addresses { get; init; } = [];

    public IReadOnlyList<IReadOnlyList<Felt>> Keys { get; init; } = [];

    /// <summary>Whether an event's keys pass <see cref="Keys"/>.</summary>
    public bool KeysMatch(IReadOnlyList<Felt> eventKeys)
    {
        for (var i = 0; i < Keys.Count; i++)
        {
            var accepted = Keys[i];
            if (accepted.Count == 0) continue;
            if (i >= eventKeys.Count) return false;
            var key = eventKeys[i];
            var found = false;
            for (var j = 0; j < accepted.Count && !found; j++) found = accepted[j] == key;
            if (!found) return false;
        }

        return true;
    }

    /// <summary>Whether an event passes the address and key conditions (not the block range).</summary>
    public bool Matches(ContractAddress fromAddress, IReadOnlyList<Felt> keys) =>
        (Addresses.Count == 0 || Addresses.Contains(fromAddress)) && KeysMatch(keys);
}
