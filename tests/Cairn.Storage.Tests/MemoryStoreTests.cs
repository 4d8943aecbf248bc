namespace Cairn.Storage.Tests;

public sealed class MemoryStoreTests : KeyValueStoreContractTests
{
    protected override IKeyValueStore CreateStore(string[] columns) => new MemoryStore(columns);

    private enum Columns
    {
        State,
        Blocks,
    }

    [Fact]
    public void Columns_can_be_named_after_an_enum()
    {
        using var store = MemoryStore.Create<Columns>();
        Assert.Equal(["State", "Blocks"], store.Columns.Select(c => c.Name));
        Assert.Equal(1, store.GetColumn(Columns.Blocks).Index);
    }

    [Fact]
    public void A_write_after_a_snapshot_copies_only_while_the_snapshot_lives()
    {
        using var store = new MemoryStore(["c"]);
        var c = store.Columns[0];
        store.Put(c, B("a"), B("1"));
        using (var snapshot = store.CreateSnapshot())
        {
            store.Put(c, B("b"), B("2"));
            Assert.Single(snapshot.GetAll(c));
        }

        store.Put(c, B("c"), B("3"));
        Assert.Equal(3, store.Count(c));
    }
}
