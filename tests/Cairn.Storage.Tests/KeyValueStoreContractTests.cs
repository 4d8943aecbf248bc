using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Cairn.Storage.Tests;

/// <summary>
/// The behaviour every <see cref="IKeyValueStore"/> backend must share; one subclass per backend.
/// </summary>
public abstract class KeyValueStoreContractTests : IDisposable
{
    private readonly List<IKeyValueStore> _stores = [];

    /// <summary>Opens a new, empty store of the backend under test.</summary>
    protected abstract IKeyValueStore CreateStore(string[] columns);

    protected IKeyValueStore Open(params string[] columns)
    {
        var store = CreateStore(columns);
        _stores.Add(store);
        return store;
    }

    public virtual void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    protected static byte[] B(string text) => Encoding.UTF8.GetBytes(text);

    protected static byte[] B(params int[] bytes) => [.. bytes.Select(b => (byte)b)];

    protected static string S(byte[]? bytes) => bytes is null ? "<null>" : Convert.ToHexString(bytes);

    private static List<string> Keys(IReadOnlyKeyValueStore store, Column column, byte[] prefix, byte[]? upper = null) =>
        [.. store.GetAll(column, prefix, upper ?? []).Select(pair => S(pair.Key))];

    [Fact]
    public void Columns_are_given_in_order_and_found_by_name()
    {
        using var store = Open("state", "blocks", "default");
        Assert.Equal(["state", "blocks", "default"], store.Columns.Select(c => c.Name));
        Assert.Equal([0, 1, 2], store.Columns.Select(c => c.Index));
        Assert.Same(store.Columns[1], store.GetColumn("blocks"));
        Assert.Throws<KeyNotFoundException>(() => store.GetColumn("nope"));
    }

    [Fact]
    public void Bad_column_lists_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Open());
        Assert.Throws<ArgumentException>(() => Open("a", "a"));
        Assert.Throws<ArgumentException>(() => Open("a", " "));
    }

    [Fact]
    public void A_missing_key_reads_as_absent_in_every_form()
    {
        using var store = Open("c");
        var c = store.Columns[0];
        Assert.Null(store.Get(c, B("k")));
        Assert.Equal(IReadOnlyKeyValueStore.NotFound, store.Read(c, B("k"), new byte[8]));
        var writer = new ArrayBufferWriter<byte>();
        Assert.False(store.TryRead(c, B("k"), writer));
        Assert.Equal(0, writer.WrittenCount);
        Assert.False(store.ContainsKey(c, B("k")));
    }

    [Fact]
    public void Put_get_overwrite_and_delete()
    {
        using var store = Open("c");
        var c = store.Columns[0];
        store.Put(c, B("key"), B("one"));
        Assert.Equal(B("one"), store.Get(c, B("key")));
        Assert.True(store.ContainsKey(c, B("key")));

        store.Put(c, B("key"), B("two!"));
        Assert.Equal(B("two!"), store.Get(c, B("key")));

        store.Delete(c, B("key"));
        Assert.Null(store.Get(c, B("key")));
        Assert.False(store.ContainsKey(c, B("key")));

        store.Delete(c, B("never-there"));
        Assert.Null(store.Get(c, B("never-there")));
    }

    [Fact]
    public void Empty_values_and_empty_keys_are_values_and_keys()
    {
        using var store = Open("c");
        var c = store.Columns[0];
        store.Put(c, B("k"), []);
        Assert.True(store.ContainsKey(c, B("k")));
        Assert.Equal(Array.Empty<byte>(), store.Get(c, B("k")));
        Assert.Equal(0, store.Read(c, B("k"), []));

        store.Put(c, [], B("empty key"));
        Assert.Equal(B("empty key"), store.Get(c, []));
        Assert.Equal([S([]), S(B("k"))], Keys(store, c, []));
    }

    [Fact]
    public void The_caller_keeps_its_buffers()
    {
        using var store = Open("c");
        var c = store.Columns[0];
        var key = B("key");
        var value = B("value");
        store.Put(c, key, value);
        key[0] = (byte)'X';
        value[0] = (byte)'X';
        Assert.Equal(B("value"), store.Get(c, B("key")));

        var read = store.Get(c, B("key"))!;
        read[0] = (byte)'Y';
        Assert.Equal(B("value"), store.Get(c, B("key")));
    }

    [Fact]
    public void Read_copies_only_when_the_value_fits()
    {
        using var store = Open("c");
        var c = store.Columns[0];
        store.Put(c, B("k"), B("12345"));

        var exact = new byte[5];
        Assert.Equal(5, store.Read(c, B("k"), exact));
        Assert.Equal(B("12345"), exact);

        var large = new byte[8];
        Assert.Equal(5, store.Read(c, B("k"), large));
        Assert.Equal(B("12345"), large[..5]);

        var small = new byte[4];
        Assert.Equal(5, store.Read(c, B("k"), small));
        Assert.Equal(new byte[4], small);
    }

    [Fact]
    public void TryRead_appends_to_a_buffer_writer()
    {
        using var store = Open("c");
        var c = store.Columns[0];
        store.Put(c, B("a"), B("first"));
        store.Put(c, B("b"), B("second"));
        var writer = new ArrayBufferWriter<byte>();
        Assert.True(store.TryRead(c, B("a"), writer));
        Assert.True(store.TryRead(c, B("b"), writer));
        Assert.Equal(B("firstsecond"), writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Large_values_round_trip()
    {
        using var store = Open("c");
        var c = store.Columns[0];
        var value = new byte[3 << 20];
        new Random(7).NextBytes(value);
        store.Put(c, B("big"), value);
        Assert.Equal(value, store.Get(c, B("big")));
        var buffer = new byte[value.Length];
        Assert.Equal(value.Length, store.Read(c, B("big"), buffer));
        Assert.Equal(value, buffer);
    }

    [Fact]
    public void Columns_are_separate_key_spaces()
    {
        using var store = Open("left", "right");
        var (left, right) = (store.Columns[0], store.Columns[1]);
        store.Put(left, B("k"), B("L"));
        store.Put(right, B("k"), B("R"));
        store.Put(left, B("only-left"), B("1"));

        Assert.Equal(B("L"), store.Get(left, B("k")));
        Assert.Equal(B("R"), store.Get(right, B("k")));
        Assert.Null(store.Get(right, B("only-left")));
        Assert.Equal([S(B("k")), S(B("only-left"))], Keys(store, left, []));
        Assert.Equal([S(B("k"))], Keys(store, right, []));

        store.Delete(left, B("k"));
        Assert.Null(store.Get(left, B("k")));
        Assert.Equal(B("R"), store.Get(right, B("k")));
    }

    [Fact]
    public void Columns_batches_and_snapshots_of_another_store_are_refused()
    {
        using var one = Open("c");
        using var two = Open("c");
        var foreign = two.Columns[0];
        Assert.Throws<ArgumentException>(() => one.Put(foreign, B("k"), B("v")));
        Assert.Throws<ArgumentException>(() => one.Get(foreign, B("k")));
        Assert.Throws<ArgumentException>(() => one.Iterate(foreign, []));

        using var batch = two.CreateBatch();
        batch.Put(foreign, B("k"), B("v"));
        Assert.Throws<ArgumentException>(() => one.Write(batch));
        using var ownBatch = one.CreateBatch();
        Assert.Throws<ArgumentException>(() => ownBatch.Put(foreign, B("k"), B("v")));

        using var snapshot = one.CreateSnapshot();
        Assert.Throws<ArgumentException>(() => snapshot.Get(foreign, B("k")));
    }

    [Fact]
    public void A_batch_is_invisible_until_written_then_applies_in_order_across_columns()
    {
        using var store = Open("a", "b");
        var (a, b) = (store.Columns[0], store.Columns[1]);
        store.Put(a, B("gone"), B("old"));
        store.Put(b, B("kept"), B("old"));

        using var batch = store.CreateBatch();
        batch.Put(a, B("x"), B("1"));
        batch.Put(b, B("y"), B("2"));
        batch.Delete(a, B("gone"));
        batch.Put(a, B("twice"), B("first"));
        batch.Put(a, B("twice"), B("second"));
        batch.Put(b, B("put-then-delete"), B("v"));
        batch.Delete(b, B("put-then-delete"));
        batch.Delete(b, B("delete-then-put"));
        batch.Put(b, B("delete-then-put"), B("v"));
        Assert.Equal(9, batch.Count);

        Assert.Null(store.Get(a, B("x")));
        Assert.Equal(B("old"), store.Get(a, B("gone")));

        store.Write(batch);
        Assert.Equal(B("1"), store.Get(a, B("x")));
        Assert.Equal(B("2"), store.Get(b, B("y")));
        Assert.Null(store.Get(a, B("gone")));
        Assert.Equal(B("second"), store.Get(a, B("twice")));
        Assert.Null(store.Get(b, B("put-then-delete")));
        Assert.Equal(B("v"), store.Get(b, B("delete-then-put")));
        Assert.Equal(B("old"), store.Get(b, B("kept")));
        Assert.Equal(9, batch.Count);
    }

    [Fact]
    public void A_cleared_batch_is_empty_and_reusable()
    {
        using var store = Open("c");
        var c = store.Columns[0];
        using var batch = store.CreateBatch();
        batch.Put(c, B("dropped"), B("v"));
        batch.Clear();
        Assert.Equal(0, batch.Count);
        batch.Put(c, B("kept"), B("v"));
        store.Write(batch);
        Assert.Null(store.Get(c, B("dropped")));
        Assert.Equal(B("v"), store.Get(c, B("kept")));

        store.Write(store.CreateBatch());
        Assert.Equal(B("v"), store.Get(c, B("kept")));
    }

    [Fact]
    public void A_disposed_batch_refuses_use()
    {
        using var store = Open("c");
        var batch = store.CreateBatch();
        batch.Dispose();
        Assert.Throws<ObjectDisposedException>(() => batch.Put(store.Columns[0], B("k"), B("v")));
        Assert.Throws<ObjectDisposedException>(() => store.Write(batch));
    }

    [Fact]
    public async Task Readers_never_see_half_a_batch()
    {
        using var store = Open("a", "b");
        var (a, b) = (store.Columns[0], store.Columns[1]);
        const int Keys = 64;
        const int MinBatches = 100;
        const int MinChecks = 50;

        void WriteVersion(int version)
        {
            using var batch = store.CreateBatch();
            var value = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(value, version);
            for (var i = 0; i < Keys; i++)
            {
                batch.Put(i % 2 == 0 ? a : b, B($"key{i:D3}"), value);
            }

            store.Write(batch);
        }

        WriteVersion(0);
        using var done = new CancellationTokenSource();
        var torn = 0;
        var checks = 0;
        var reader = Task.Run(() =>
        {
            while (!done.IsCancellationRequested)
            {
                using var snapshot = store.CreateSnapshot();
                var versions = new HashSet<int>();
                foreach (var column in new[] { a, b })
                {
                    using var iterator = snapshot.Iterate(column, []);
                    while (iterator.MoveNext())
                    {
                        versions.Add(BinaryPrimitives.ReadInt32BigEndian(iterator.Value));
                    }
                }

                for (var i = 0; i < Keys; i += 7)
                {
                    versions.Add(BinaryPrimitives.ReadInt32BigEndian(snapshot.Get(i % 2 == 0 ? a : b, B($"key{i:D3}"))));
                }

                if (versions.Count != 1)
                {
                    Interlocked.Increment(ref torn);
                }

                Interlocked.Increment(ref checks);
            }
        });

        // Write until the reader has looked often enough while batches were landing (bounded in time).
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var version = 1; version <= MinBatches || (Volatile.Read(ref checks) < MinChecks && clock.Elapsed < TimeSpan.FromSeconds(5)); version++)
        {
            WriteVersion(version);
        }

        done.Cancel();
        await reader;
        Assert.Equal(0, torn);
        Assert.True(checks >= MinChecks, $"the reader checked only {checks} times");
    }

    [Fact]
    public void Iteration_is_in_unsigned_byte_order_with_prefixes_first()
    {
        using var store = Open("c");
        var c = store.Columns[0];
        byte[][] keys = [B(0x80), B(0x7F), B(0x01, 0x00), B(0x01), B(0xFF, 0xFF), B(0x00), B(0x01, 0xFF), B(0xFF)];
        foreach (var key in Enumerable.Reverse(keys))
        {
            store.Put(c, key, key);
        }

        var all = store.GetAll(c);
        Assert.Equal(
            [S(B(0x00)), S(B(0x01)), S(B(0x01, 0x00)), S(B(0x01, 0xFF)), S(B(0x7F)), S(B(0x80)), S(B(0xFF)), S(B(0xFF, 0xFF))],
            all.Select(p => S(p.Key)));
        Assert.All(all, p => Assert.Equal(p.Key, p.Value));
    }

    [Fact]
    public void Prefix_iteration_visits_exactly_the_keys_with_the_prefix()
    {
        using var store = Open("c");
        var c = store.Columns[0];
        foreach (var key in new[] { "a", "ab", "abc", "abd", "ab\u007f", "ac", "b", "aa" })
        {
            store.Put(c, B(key), B(key.ToUpperInvariant()));
        }

        Assert.Equal([S(B("ab")), S(B("abc")), S(B("abd")), S(B("ab\u007f"))], Keys(store, c, B("ab")));
        Assert.Equal([S(B("abc"))], Keys(store, c, B("abc")));
        Assert.Empty(Keys(store, c, B("abcd")));
        Assert.Empty(Keys(store, c, B("z")));
        Assert.Equal(8, Keys(store, c, []).Count);

        using var iterator = store.Iterate(c, B("abc"));
        Assert.True(iterator.MoveNext());
        Assert.Equal(B("abc"), iterator.Key.ToArray());
        Assert.Equal(B("ABC"), iterator.Value.ToArray());
        Assert.False(iterator.MoveNext());
        Assert.False(iterator.MoveNext());
    }

    [Fact]
    public void Prefixes_ending_in_0xFF_bytes_reach_the_end_of_their_range()
    {
        using var store = Open("c");
        var c = store.Columns[0];
        byte[][] keys = [B(0x01, 0xFE), B(0x01, 0xFF), B(0x01, 0xFF, 0x00), B(0x01, 0xFF, 0xFF, 0xFF), B(0x02), B(0xFF), B(0xFF, 0xFF, 0x01)];
        foreach (var key in keys)
        {
            store.Put(c, key, key);
        }

        Assert.Equal([S(B(0x01, 0xFF)), S(B(0x01, 0xFF, 0x00)), S(B(0x01, 0xFF, 0xFF, 0xFF))], Keys(store, c, B(0x01, 0xFF)));
        Assert.Equal([S(B(0xFF)), S(B(0xFF, 0xFF, 0x01))], Keys(store, c, B(0xFF)));
        Assert.Equal([S(B(0xFF, 0xFF, 0x01))], Keys(store, c, B(0xFF, 0xFF)));
    }

    [Fact]
    public void An_upper_bound_cuts_prefix_iteration_exclusively()
    {
        using var store = Open("c");
        var c = store.Columns[0];
        for (var i = 0; i < 20; i++)
        {
            store.Put(c, B($"n{i:D2}"), B(i));
        }

        store.Put(c, B("o"), B(99));

        Assert.Equal(Enumerable.Range(0, 10).Select(i => S(B($"n{i:D2}"))), Keys(store, c, B("n"), B("n10")));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => S(B($"n{i:D2}"))), Keys(store, c, B("n"), B("z")));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => S(B($"n{i:D2}"))), Keys(store, c, B("n"), B("o")));
        Assert.Empty(Keys(store, c, B("n"), B("n")));
        Assert.Empty(Keys(store, c, B("n"), B("a")));
        Assert.Equal(21, Keys(store, c, [], B("p")).Count);
        Assert.Equal(3, Keys(store, c, [], B("n03")).Count);
    }

    [Fact]
    public void Range_iteration_is_half_open()
    {
        using var store = Open("c");
        var c = store.Columns[0];
        for (var i = 0; i < 10; i++)
        {
            store.Put(c, B(i * 10), B(i));
        }

        List<string> Range(byte[] from, byte[] to)
        {
            var keys = new List<string>();
            using var iterator = store.IterateRange(c, from, to);
            while (iterator.MoveNext())
            {
                keys.Add(S(iterator.Key.ToArray()));
            }

            return keys;
        }

        Assert.Equal([S(B(20)), S(B(30)), S(B(40))], Range(B(20), B(50)));
        Assert.Equal([S(B(20)), S(B(30)), S(B(40))], Range(B(15), B(41)));
        Assert.Equal([S(B(80)), S(B(90))], Range(B(80), []));
        Assert.Equal(10, Range([], []).Count);
        Assert.Empty(Range(B(50), B(50)));
        Assert.Empty(Range(B(60), B(50)));
        Assert.Empty(Range(B(91), []));
    }

    [Fact]
    public void An_iterator_sees_the_store_as_of_its_creation()
    {
        using var store = Open("c");
        var c = store.Columns[0];
        store.Put(c, B("a"), B("1"));
        store.Put(c, B("c"), B("3"));

        using var iterator = store.Iterate(c, []);
        store.Put(c, B("b"), B("2"));
        store.Put(c, B("c"), B("changed"));
        store.Delete(c, B("a"));

        Assert.True(iterator.MoveNext());
        Assert.Equal(B("a"), iterator.Key.ToArray());
        Assert.True(iterator.MoveNext());
        Assert.Equal(B("c"), iterator.Key.ToArray());
        Assert.Equal(B("3"), iterator.Value.ToArray());
        Assert.False(iterator.MoveNext());

        Assert.Equal([S(B("b")), S(B("c"))], Keys(store, c, []));
    }

    [Fact]
    public void An_iterator_not_on_a_pair_has_no_key()
    {
        using var store = Open("c");
        var c = store.Columns[0];
        store.Put(c, B("a"), B("1"));
        var iterator = store.Iterate(c, []);
        Assert.Throws<InvalidOperationException>(() => iterator.Key.ToArray());
        Assert.True(iterator.MoveNext());
        Assert.False(iterator.MoveNext());
        Assert.Throws<InvalidOperationException>(() => iterator.Value.ToArray());
        iterator.Dispose();
        iterator.Dispose();
        Assert.Throws<ObjectDisposedException>(() => iterator.MoveNext());
    }

    [Fact]
    public void A_snapshot_does_not_see_later_writes()
    {
        using var store = Open("a", "b");
        var (a, b) = (store.Columns[0], store.Columns[1]);
        store.Put(a, B("k1"), B("v1"));
        store.Put(a, B("k2"), B("v2"));
        store.Put(b, B("k"), B("b"));

        using var snapshot = store.CreateSnapshot();
        store.Put(a, B("k1"), B("new"));
        store.Delete(a, B("k2"));
        store.Put(a, B("k3"), B("v3"));
        using (var batch = store.CreateBatch())
        {
            batch.Put(b, B("k"), B("batched"));
            batch.Put(b, B("k9"), B("batched"));
            store.Write(batch);
        }

        Assert.Equal(B("v1"), snapshot.Get(a, B("k1")));
        Assert.Equal(B("v2"), snapshot.Get(a, B("k2")));
        Assert.Null(snapshot.Get(a, B("k3")));
        Assert.False(snapshot.ContainsKey(a, B("k3")));
        Assert.Equal(B("b"), snapshot.Get(b, B("k")));
        var buffer = new byte[8];
        Assert.Equal(2, snapshot.Read(a, B("k2"), buffer));
        var writer = new ArrayBufferWriter<byte>();
        Assert.True(snapshot.TryRead(a, B("k1"), writer));
        Assert.Equal(B("v1"), writer.WrittenSpan.ToArray());
        Assert.Equal([S(B("k1")), S(B("k2"))], Keys(snapshot, a, B("k")));
        Assert.Equal([S(B("k"))], Keys(snapshot, b, []));
        using (var range = snapshot.IterateRange(a, B("k2"), []))
        {
            Assert.True(range.MoveNext());
            Assert.Equal(B("k2"), range.Key.ToArray());
            Assert.False(range.MoveNext());
        }

        Assert.Equal(B("new"), store.Get(a, B("k1")));
        Assert.Equal([S(B("k1")), S(B("k3"))], Keys(store, a, []));
        Assert.Equal([S(B("k")), S(B("k9"))], Keys(store, b, []));
    }

    [Fact]
    public void Snapshots_taken_at_different_times_each_keep_their_view()
    {
        using var store = Open("c");
        var c = store.Columns[0];
        var snapshots = new List<ISnapshot>();
        for (var i = 0; i < 5; i++)
        {
            store.Put(c, B("counter"), B(i));
            store.Put(c, B($"k{i}"), B(i));
            snapshots.Add(store.CreateSnapshot());
        }

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(B(i), snapshots[i].Get(c, B("counter")));
            Assert.Equal(i + 2, snapshots[i].GetAll(c).Count);
        }

        snapshots[2].Dispose();
        store.Put(c, B("counter"), B(9));
        Assert.Equal(B(4), snapshots[4].Get(c, B("counter")));
        Assert.Equal(B(0), snapshots[0].Get(c, B("counter")));
        foreach (var snapshot in snapshots)
        {
            snapshot.Dispose();
        }
    }

    [Fact]
    public void A_disposed_snapshot_refuses_reads_and_closes_its_iterators()
    {
        using var store = Open("c");
        var c = store.Columns[0];
        store.Put(c, B("a"), B("1"));
        var snapshot = store.CreateSnapshot();
        var iterator = snapshot.Iterate(c, []);
        snapshot.Dispose();
        snapshot.Dispose();
        Assert.Throws<ObjectDisposedException>(() => snapshot.Get(c, B("a")));
        Assert.Throws<ObjectDisposedException>(() => snapshot.Iterate(c, []));
        Assert.Throws<ObjectDisposedException>(() => iterator.MoveNext());
        Assert.Equal(B("1"), store.Get(c, B("a")));
    }

    [Fact]
    public void Disposing_the_store_closes_what_is_open_on_it()
    {
        var store = Open("c");
        var c = store.Columns[0];
        store.Put(c, B("a"), B("1"));
        var snapshot = store.CreateSnapshot();
        var iterator = store.Iterate(c, []);
        var snapshotIterator = snapshot.Iterate(c, []);
        store.Dispose();
        store.Dispose();
        Assert.Throws<ObjectDisposedException>(() => iterator.MoveNext());
        Assert.Throws<ObjectDisposedException>(() => snapshotIterator.MoveNext());
        Assert.Throws<ObjectDisposedException>(() => snapshot.Get(c, B("a")));
        Assert.Throws<ObjectDisposedException>(() => store.Get(c, B("a")));
        Assert.Throws<ObjectDisposedException>(() => store.Put(c, B("a"), B("2")));
        Assert.Throws<ObjectDisposedException>(() => store.CreateSnapshot());
        iterator.Dispose();
        snapshot.Dispose();
    }

    [Fact]
    public void Flush_keeps_everything_readable()
    {
        using var store = Open("a", "b");
        store.Put(store.Columns[0], B("k"), B("v"));
        store.Flush();
        store.Put(store.Columns[1], B("k"), B("w"));
        store.Flush();
        Assert.Equal(B("v"), store.Get(store.Columns[0], B("k")));
        Assert.Equal(B("w"), store.Get(store.Columns[1], B("k")));
    }

    [Fact]
    public void Random_operations_match_a_sorted_dictionary()
    {
        using var store = Open("x", "y");
        var random = new Random(20_251_123);
        var model = store.Columns.Select(_ => new SortedDictionary<byte[], byte[]>(ByteArrayComparer.Instance)).ToArray();
        var snapshots = new List<(ISnapshot Snapshot, SortedDictionary<byte[], byte[]>[] Model)>();

        byte[] RandomKey() => B([.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => random.Next(0, 4) * 85)]);

        for (var step = 0; step < 3000; step++)
        {
            var column = random.Next(2);
            var col = store.Columns[column];
            switch (random.Next(10))
            {
                case < 4:
                {
                    var key = RandomKey();
                    var value = B(step & 0xFF, step >> 8);
                    store.Put(col, key, value);
                    model[column][key] = value;
                    break;
                }

                case < 6:
                {
                    var key = RandomKey();
                    store.Delete(col, key);
                    model[column].Remove(key);
                    break;
                }

                case < 8:
                {
                    using var batch = store.CreateBatch();
                    var pending = new List<(int Column, byte[] Key, byte[]? Value)>();
                    for (var i = random.Next(1, 6); i > 0; i--)
                    {
                        var bc = random.Next(2);
                        var key = RandomKey();
                        byte[]? value = random.Next(3) == 0 ? null : B(step & 0xFF, i);
                        if (value is null)
                        {
                            batch.Delete(store.Columns[bc], key);
                        }
                        else
                        {
                            batch.Put(store.Columns[bc], key, value);
                        }

                        pending.Add((bc, key, value));
                    }

                    store.Write(batch);
                    foreach (var (bc, key, value) in pending)
                    {
                        if (value is null)
                        {
                            model[bc].Remove(key);
                        }
                        else
                        {
                            model[bc][key] = value;
                        }
                    }

                    break;
                }

                case 8 when snapshots.Count < 4:
                    snapshots.Add((store.CreateSnapshot(), [.. model.Select(m => new SortedDictionary<byte[], byte[]>(m, ByteArrayComparer.Instance))]));
                    break;

                default:
                {
                    if (snapshots.Count > 0 && random.Next(2) == 0)
                    {
                        var index = random.Next(snapshots.Count);
                        var (snapshot, snapshotModel) = snapshots[index];
                        Compare(snapshot, snapshotModel, RandomKey(), $"snapshot at step {step}");
                        snapshot.Dispose();
                        snapshots.RemoveAt(index);
                    }
                    else
                    {
                        Compare(store, model, RandomKey(), $"store at step {step}");
                    }

                    break;
                }
            }
        }

        Compare(store, model, [], "store at the end");
        foreach (var (snapshot, snapshotModel) in snapshots)
        {
            Compare(snapshot, snapshotModel, [], "snapshot at the end");
            snapshot.Dispose();
        }

        void Compare(IReadOnlyKeyValueStore reader, SortedDictionary<byte[], byte[]>[] expected, byte[] prefix, string where)
        {
            for (var column = 0; column < expected.Length; column++)
            {
                var col = store.Columns[column];
                var want = expected[column].Where(p => p.Key.AsSpan().StartsWith(prefix)).Select(p => S(p.Key) + "=" + S(p.Value)).ToList();
                var got = reader.GetAll(col, prefix).Select(p => S(p.Key) + "=" + S(p.Value)).ToList();
                Assert.True(want.SequenceEqual(got), $"{where}, column {column}, prefix {S(prefix)}: want [{string.Join(", ", want)}] got [{string.Join(", ", got)}]");
                foreach (var (key, value) in expected[column])
                {
                    Assert.Equal(value, reader.Get(col, key));
                }
            }
        }
    }
}
