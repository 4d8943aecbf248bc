using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Sequencer;

/// <summary>
/// Transactions waiting for a block, queued per account by nonce. The next transaction is the
/// highest-tipping one among the accounts whose lowest waiting nonce is the account's current nonce
/// (earlier arrival breaks ties); a transaction behind a nonce gap waits until the gap is filled or
/// its time to live ends. The same account and nonce with a strictly higher tip replaces the waiting
/// one. At capacity, the lowest tip makes room for a higher one. Thread-safe.
/// </summary>
public sealed class Mempool(MempoolOptions? options = null)
{
    private readonly MempoolOptions _options = options ?? new MempoolOptions();
    private readonly Lock _lock = new();
    private readonly Dictionary<ContractAddress, SortedDictionary<Felt, MempoolEntry>> _byAccount = [];
    private readonly Dictionary<TxHash, MempoolEntry> _byHash = [];
    private long _sequence;

    public int Count
    {
        get
        {
            lock (_lock) return _byHash.Count;
        }
    }

    public bool Contains(TxHash hash)
    {
        lock (_lock) return _byHash.ContainsKey(hash);
    }

    public MempoolEntry? Get(TxHash hash)
    {
        lock (_lock) return _byHash.GetValueOrDefault(hash);
    }

    /// <summary>Every waiting transaction, in no particular order.</summary>
    public IReadOnlyList<MempoolEntry> Snapshot()
    {
        lock (_lock) return [.. _byHash.Values];
    }

    public MempoolAddResult Add(MempoolEntry entry) => Add(entry, out _);

    /// <summary>Adds <paramref name="entry"/>; <paramref name="dropped"/> is the transaction it replaced or evicted.</summary>
    public MempoolAddResult Add(MempoolEntry entry, out MempoolEntry? dropped)
    {
        dropped = null;
        lock (_lock)
        {
            if (_byHash.ContainsKey(entry.Hash)) return MempoolAddResult.Duplicate;
            if (_byAccount.TryGetValue(entry.Account, out var queue) && queue.TryGetValue(entry.Nonce, out var existing))
            {
                if (entry.Tip <= existing.Tip) return MempoolAddResult.ReplacementTipTooLow;
                RemoveLocked(existing);
                dropped = existing;
                Insert(entry);
                return MempoolAddResult.Replaced;
            }
            if (_byHash.Count >= _options.Capacity)
            {
                MempoolEntry? lowest = null;
                foreach (var e in _byHash.Values)
                {
                    if (lowest is null || e.Tip < lowest.Tip || (e.Tip == lowest.Tip && e.Sequence > lowest.Sequence)) lowest = e;
                }
                if (lowest is null || lowest.Tip >= entry.Tip) return MempoolAddResult.Full;
                RemoveLocked(lowest);
                dropped = lowest;
            }
            Insert(entry);
            return MempoolAddResult.Added;
        }
    }

    /// <summary>
    /// Removes and returns the next transaction to execute given each account's current nonce, or null.
    /// Waiting transactions with a nonce below their account's are dropped on the way.
    /// </summary>
    public MempoolEntry? TakeNext(Func<ContractAddress, Felt> accountNonce)
    {
        lock (_lock)
        {
            MempoolEntry? best = null;
            List<MempoolEntry>? stale = null;
            foreach (var (account, queue) in _byAccount)
            {
                var nonce = accountNonce(account);
                foreach (var (n, e) in queue)
                {
                    if (n < nonce)
                    {
                        (stale ??= []).Add(e);
                        continue;
                    }
                    if (n == nonce && (best is null || e.Tip > best.Tip || (e.Tip == best.Tip && e.Sequence < best.Sequence))) best = e;
                    break;
                }
            }
            if (stale is not null)
            {
                foreach (var e in stale) RemoveLocked(e);
            }
            if (best is not null) RemoveLocked(best);
            return best;
        }
    }

    public bool Remove(TxHash hash)
    {
        lock (_lock)
        {
            if (!_byHash.TryGetValue(hash, out var e)) return false;
            RemoveLocked(e);
            return true;
        }
    }

    /// <summary>Drops transactions older than the time to live; returns them.</summary>
    public IReadOnlyList<MempoolEntry> EvictExpired()
    {
        var now = _options.Time.GetUtcNow();
        lock (_lock)
        {
            var expired = _byHash.Values.Where(e => now - e.Received > _options.TimeToLive).ToList();
            foreach (var e in expired) RemoveLocked(e);
            return expired;
        }
    }

    private void Insert(MempoolEntry entry)
    {
        entry.Sequence = ++_sequence;
        if (!_byAccount.TryGetValue(entry.Account, out var queue)) _byAccount[entry.Account] = queue = [];
        queue[entry.Nonce] = entry;
        _byHash[entry.Hash] = entry;
    }

    private void RemoveLocked(MempoolEntry entry)
    {
        _byHash.Remove(entry.Hash);
        if (_byAccount.TryGetValue(entry.Account, out var queue))
        {
            queue.Remove(entry.Nonce);
            if (queue.Count == 0) _byAccount.Remove(entry.Account);
        }
    }
}
