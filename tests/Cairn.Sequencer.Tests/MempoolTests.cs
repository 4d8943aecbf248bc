using Cairn.Execution.Transactions;
using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Sequencer.Tests;

public sealed class MempoolTests
{
    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UnixEpoch;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly ContractAddress A = new(Felt.FromUInt64(0xa));
    private static readonly ContractAddress B = new(Felt.FromUInt64(0xb));
    private static int s_next;

    private static MempoolEntry Entry(ContractAddress account, ulong nonce, ulong tip, DateTimeOffset? at = null)
    {
        var tx = new InvokeTransactionV3 { SenderAddress = account.Value, Nonce = Felt.FromUInt64(nonce), ResourceBounds = ResourceBoundsMapping.Zero, Tip = tip };
        return new MempoolEntry(new TxHash(Felt.FromUInt64((ulong)Interlocked.Increment(ref s_next) + 1000)), tx, account, Felt.FromUInt64(nonce), tip, at ?? DateTimeOffset.UnixEpoch);
    }

    private static Func<ContractAddress, Felt> Nonces(Dictionary<ContractAddress, ulong> n) => a => Felt.FromUInt64(n.GetValueOrDefault(a));

    [Fact]
    public void Ready_transactions_come_by_tip_then_arrival_and_each_account_in_nonce_order()
    {
        var pool = new Mempool();
        var a0 = Entry(A, 0, 5);
        var a1 = Entry(A, 1, 100);
        var b0 = Entry(B, 0, 7);
        var b1 = Entry(B, 1, 7);
        foreach (var e in new[] { a1, a0, b1, b0 }) Assert.Equal(MempoolAddResult.Added, pool.Add(e));
        var nonces = new Dictionary<ContractAddress, ulong>();
        var order = new List<MempoolEntry>();
        while (pool.TakeNext(Nonces(nonces)) is { } e)
        {
            order.Add(e);
            nonces[e.Account] = nonces.GetValueOrDefault(e.Account) + 1;
        }
        // b0 (7) before a0 (5); then b1 (7) is ready and still beats a0; a1 (100) waits for a0.
        Assert.Equal([b0, b1, a0, a1], order);
        Assert.Equal(0, pool.Count);
    }

    [Fact]
    public void A_nonce_gap_holds_the_account_until_it_is_filled()
    {
        var pool = new Mempool();
        var a2 = Entry(A, 2, 1);
        pool.Add(a2);
        var nonces = new Dictionary<ContractAddress, ulong> { [A] = 1 };
        Assert.Null(pool.TakeNext(Nonces(nonces)));
        var a1 = Entry(A, 1, 1);
        pool.Add(a1);
        Assert.Same(a1, pool.TakeNext(Nonces(nonces)));
        nonces[A] = 2;
        Assert.Same(a2, pool.TakeNext(Nonces(nonces)));
    }

    [Fact]
    public void Stale_nonces_are_dropped_and_duplicates_refused()
    {
        var pool = new Mempool();
        var old = Entry(A, 0, 1);
        pool.Add(old);
        Assert.Equal(MempoolAddResult.Duplicate, pool.Add(old));
        Assert.Null(pool.TakeNext(_ => Felt.FromUInt64(3)));
        Assert.False(pool.Contains(old.Hash));
    }

    [Fact]
    public void A_higher_tip_replaces_the_same_nonce_and_an_equal_one_does_not()
    {
        var pool = new Mempool();
        var first = Entry(A, 0, 10);
        pool.Add(first);
        Assert.Equal(MempoolAddResult.ReplacementTipTooLow, pool.Add(Entry(A, 0, 10)));
        var better = Entry(A, 0, 11);
        Assert.Equal(MempoolAddResult.Replaced, pool.Add(better, out var dropped));
        Assert.Same(first, dropped);
        Assert.Equal(1, pool.Count);
        Assert.Same(better, pool.TakeNext(_ => Felt.Zero));
    }

    [Fact]
    public void At_capacity_the_lowest_tip_makes_room_for_a_higher_one()
    {
        var pool = new Mempool(new MempoolOptions { Capacity = 2 });
        var low = Entry(A, 0, 1);
        var mid = Entry(B, 0, 5);
        pool.Add(low);
        pool.Add(mid);
        Assert.Equal(MempoolAddResult.Full, pool.Add(Entry(new ContractAddress(Felt.FromUInt64(0xc)), 0, 1)));
        Assert.Equal(MempoolAddResult.Added, pool.Add(Entry(new ContractAddress(Felt.FromUInt64(0xc)), 0, 9), out var evicted));
        Assert.Same(low, evicted);
        Assert.Equal(2, pool.Count);
    }

    [Fact]
    public void Transactions_past_their_time_to_live_are_evicted()
    {
        var time = new ManualTime();
        var pool = new Mempool(new MempoolOptions { TimeToLive = TimeSpan.FromSeconds(60), Time = time });
        var early = Entry(A, 5, 1, time.Now);
        var late = Entry(B, 5, 1, time.Now.AddSeconds(50));
        pool.Add(early);
        pool.Add(late);
        time.Now = time.Now.AddSeconds(61);
        Assert.Equal([early], pool.EvictExpired());
        Assert.True(pool.Contains(late.Hash));
    }

    [Fact]
    public void Random_interleavings_never_break_nonce_order_or_lose_a_transaction()
    {
        var rng = new Random(7);
        for (int round = 0; round < 50; round++)
        {
            var pool = new Mempool();
            var accounts = Enumerable.Range(1, 5).Select(i => new ContractAddress(Felt.FromUInt64((ulong)i))).ToArray();
            var added = new List<MempoolEntry>();
            foreach (var acc in accounts)
            {
                foreach (var n in Enumerable.Range(0, rng.Next(1, 6)).OrderBy(_ => rng.Next()))
                {
                    var e = Entry(acc, (ulong)n, (ulong)rng.Next(0, 4));
                    pool.Add(e);
                    added.Add(e);
                }
            }
            var nonces = new Dictionary<ContractAddress, ulong>();
            var taken = new List<MempoolEntry>();
            while (pool.TakeNext(Nonces(nonces)) is { } e)
            {
                Assert.Equal(Felt.FromUInt64(nonces.GetValueOrDefault(e.Account)), e.Nonce);
                nonces[e.Account] = nonces.GetValueOrDefault(e.Account) + 1;
                taken.Add(e);
            }
            Assert.Equal(added.Count, taken.Count);
        }
    }
}
