namespace Cairn.Storage.Tests;

public sealed class RocksDbStoreTests : KeyValueStoreContractTests
{
    private readonly TempDirectory _temp = new();
    private int _opened;

    // The contract is about semantics; durability has its own tests below and in RocksDbCrashTests.
    // Unsynced writes keep the suite fast on disks where fsync is slow.
    protected override IKeyValueStore CreateStore(string[] columns) =>
        RocksDbStore.Open(_temp.Sub($"db{_opened++}"), columns, new RocksDbStoreOptions { SyncWrites = false, BlockCacheBytes = 8 << 20 });

    public override void Dispose()
    {
        base.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void The_native_library_loads_and_has_lz4()
    {
        using var store = RocksDbStore.Open(_temp.Sub("lz4"), ["c"]);
        Assert.True(store.IsCompressed);
        Assert.NotNull(store.GetProperty("rocksdb.estimate-num-keys", store.Columns[0]));
    }

    [Fact]
    public void Data_survives_closing_and_reopening()
    {
        var path = _temp.Sub("reopen");
        using (var store = RocksDbStore.Open(path, ["a", "b"]))
        {
            var (a, b) = (store.Columns[0], store.Columns[1]);
            store.Put(a, B("single"), B("1"));
            using var batch = store.CreateBatch();
            for (var i = 0; i < 1000; i++)
            {
                batch.Put(b, B($"key{i:D4}"), B($"value{i}"));
            }

            batch.Delete(a, B("never"));
            store.Write(batch);
            store.Put(a, B("deleted"), B("x"));
            store.Delete(a, B("deleted"));
        }

        using (var store = RocksDbStore.Open(path, ["a", "b"]))
        {
            var (a, b) = (store.Columns[0], store.Columns[1]);
            Assert.Equal(B("1"), store.Get(a, B("single")));
            Assert.Null(store.Get(a, B("deleted")));
            Assert.Equal(1000, store.GetAll(b, B("key")).Count);
            Assert.Equal(B("value999"), store.Get(b, B("key0999")));

            // Now through table files rather than the log.
            store.Put(a, B("flushed"), B("2"));
            store.Flush();
        }

        using (var store = RocksDbStore.Open(path, ["a", "b"]))
        {
            Assert.Equal(B("2"), store.Get(store.Columns[0], B("flushed")));
            Assert.Equal(1000, store.GetAll(store.Columns[1]).Count);
        }
    }

    [Fact]
    public void Reopening_with_other_columns_adds_new_ones_and_keeps_the_rest()
    {
        var path = _temp.Sub("columns");
        using (var store = RocksDbStore.Open(path, ["old", "kept"]))
        {
            store.Put(store.GetColumn("old"), B("k"), B("old"));
            store.Put(store.GetColumn("kept"), B("k"), B("kept"));
        }

        using (var store = RocksDbStore.Open(path, ["kept", "new"]))
        {
            Assert.Equal(["kept", "new"], store.Columns.Select(c => c.Name));
            Assert.Equal(B("kept"), store.Get(store.GetColumn("kept"), B("k")));
            Assert.Null(store.Get(store.GetColumn("new"), B("k")));
            Assert.Throws<KeyNotFoundException>(() => store.GetColumn("old"));
        }

        using (var store = RocksDbStore.Open(path, ["old", "default"]))
        {
            Assert.Equal(B("old"), store.Get(store.GetColumn("old"), B("k")));
            store.Put(store.GetColumn("default"), B("k"), B("default"));
            Assert.Equal(B("default"), store.Get(store.GetColumn("default"), B("k")));
        }
    }

    [Fact]
    public void A_database_open_in_one_store_cannot_be_opened_again()
    {
        var path = _temp.Sub("locked");
        using var first = RocksDbStore.Open(path, ["c"]);
        var error = Assert.Throws<StorageException>(() => RocksDbStore.Open(path, ["c"]));
        Assert.Contains("lock", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Unsynced_writes_are_also_applied()
    {
        var path = _temp.Sub("nosync");
        var options = new RocksDbStoreOptions { SyncWrites = false, Compress = false, BloomBitsPerKey = 0, BlockCacheBytes = 1 << 20 };
        using (var store = RocksDbStore.Open(path, ["c"], options))
        {
            Assert.False(store.IsCompressed);
            using var batch = store.CreateBatch();
            batch.Put(store.Columns[0], B("k"), B("v"));
            store.Write(batch);
        }

        using (var store = RocksDbStore.Open(path, ["c"]))
        {
            Assert.Equal(B("v"), store.Get(store.Columns[0], B("k")));
        }
    }

    [Fact]
    public void Snapshots_and_iterators_read_from_table_files_after_a_flush()
    {
        using var store = RocksDbStore.Open(_temp.Sub("sst"), ["c"]);
        var c = store.Columns[0];
        for (var i = 0; i < 500; i++)
        {
            store.Put(c, B($"k{i:D3}"), B($"v{i}"));
        }

        using var snapshot = store.CreateSnapshot();
        store.Flush();
        for (var i = 0; i < 500; i += 2)
        {
            store.Delete(c, B($"k{i:D3}"));
        }

        store.Flush();
        Assert.Equal(500, snapshot.GetAll(c, B("k")).Count);
        Assert.Equal(250, store.GetAll(c, B("k")).Count);
        Assert.Equal(B("v1"), store.Get(c, B("k001")));
        Assert.Null(store.Get(c, B("k000")));
        Assert.Equal(B("v0"), snapshot.Get(c, B("k000")));
    }

    [Fact]
    public void Direct_reads_read_table_files_without_the_page_cache()
    {
        var path = _temp.Sub("direct");
        using (var store = RocksDbStore.Open(path, ["c"]))
        {
            for (var i = 0; i < 2_000; i++)
            {
                store.Put(store.Columns[0], B($"k{i:D4}"), B($"v{i}"));
            }

            store.Flush();
        }

        var options = new RocksDbStoreOptions { DirectReads = true, BlockCacheBytes = 0 };
        using (var store = RocksDbStore.Open(path, ["c"], options))
        {
            Assert.True(store.Options.DirectReads);
            Assert.Equal(B("v1234"), store.Get(store.Columns[0], B("k1234")));
            Assert.Null(store.Get(store.Columns[0], B("k2000")));
            Assert.Equal(2_000, store.GetAll(store.Columns[0], B("k")).Count);
        }
    }
}
