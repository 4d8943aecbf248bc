using Cairn.Chain.Storage;
using Cairn.Primitives;

namespace Cairn.Chain.Tests;

/// <summary>The binary encodings: round trips of random values, compactness, and malformed input.</summary>
public sealed class CodecTests
{
    private static T RoundTrip<T>(T value, Action<ByteWriter, T> write, ReadFunc<T> read, out int size)
    {
        var w = new ByteWriter();
        write(w, value);
        var bytes = w.ToArray();
        size = bytes.Length;
        var r = new ByteReader(bytes);
        var back = read(ref r);
        Assert.True(r.AtEnd, "trailing bytes");

        // Encoding the decoded value gives the same bytes.
        var again = new ByteWriter();
        write(again, back);
        Assert.Equal(bytes, again.ToArray());
        return back;
    }

    private delegate T ReadFunc<out T>(ref ByteReader reader);

    [Fact]
    public void TransactionsOfEveryKindRoundTrip()
    {
        var random = new RandomBlocks(31);
        var kinds = new HashSet<Type>();
        for (var i = 0; i < 150; i++)
        {
            var tx = random.Transaction();
            kinds.Add(tx.GetType());
            Same.Transaction(tx, RoundTrip(tx, TransactionCodec.Write, (ref ByteReader r) => TransactionCodec.Read(ref r), out _));
            Same.Transaction(tx with { IsQuery = true }, RoundTrip(tx with { IsQuery = true }, TransactionCodec.Write, (ref ByteReader r) => TransactionCodec.Read(ref r), out _));
        }

        Assert.Equal(9, kinds.Count);
    }

    [Fact]
    public void VectorTransactionsRoundTripWithTheirHashes()
    {
        foreach (var tx in FeederGatewayBlock.Block63881.Transactions)
        {
            Same.Transaction(tx, RoundTrip(tx, TransactionCodec.Write, (ref ByteReader r) => TransactionCodec.Read(ref r), out _));
        }
    }

    [Fact]
    public void ReceiptsHeadersAndStateUpdatesRoundTrip()
    {
        var random = new RandomBlocks(32);
        foreach (var block in random.Chain(30))
        {
            Assert.Equal(block.Header, RoundTrip(block.Header, HeaderCodec.Write, (ref ByteReader r) => HeaderCodec.Read(ref r), out _));
            foreach (var receipt in block.Receipts)
            {
                Same.Receipt(receipt, RoundTrip(receipt, ReceiptCodec.Write, (ref ByteReader r) => ReceiptCodec.Read(ref r), out _));
            }

            Same.StateUpdate(block.StateUpdate, RoundTrip(block.StateUpdate, StateUpdateCodec.Write, (ref ByteReader r) => StateUpdateCodec.Read(ref r), out _));
        }
    }

    [Fact]
    public void FeltsAreCompact()
    {
        var w = new ByteWriter();
        w.Felt(Felt.Zero);
        w.Felt(1UL);
        w.Felt(0x1234UL);
        w.Felt(Felt.MaxValue);
        Assert.Equal(1 + 2 + 3 + 33, w.WrittenSpan.Length);
        var r = new ByteReader(w.WrittenSpan);
        Assert.Equal(Felt.Zero, r.Felt());
        Assert.Equal((Felt)1UL, r.Felt());
        Assert.Equal((Felt)0x1234UL, r.Felt());
        Assert.Equal(Felt.MaxValue, r.Felt());

        // An INVOKE v1 of the vector block (6 calldata felts, 2 signature felts) takes well under its 32-byte-per-felt size.
        var tx = FeederGatewayBlock.Block63881.Transactions[0];
        RoundTrip(tx, TransactionCodec.Write, (ref ByteReader rr) => TransactionCodec.Read(ref rr), out var size);
        Assert.True(size < 11 * 32, $"{size} bytes");
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 33 })]
    [InlineData(new byte[] { 32, 0x08, 0 })]
    [InlineData(new byte[] { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01 })]
    public void MalformedDataThrowsInvalidData(byte[] data)
    {
        Assert.Throws<InvalidDataException>(() =>
        {
            var r = new ByteReader(data);
            if (data.Length > 2 && data[0] == 0xff) r.VarUInt();
            else r.Felt();
        });
    }

    [Fact]
    public void UnknownTransactionTagThrows() =>
        Assert.Throws<InvalidDataException>(() =>
        {
            var r = new ByteReader([42, 0, 0]);
            TransactionCodec.Read(ref r);
        });
}
