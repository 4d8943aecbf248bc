using System.Numerics;
using Cairn.Crypto.Hashing;
using Cairn.Primitives;
using Org.BouncyCastle.Crypto.Digests;

namespace Cairn.Crypto.Tests.Hashing;

public class Blake2FeltTests
{
    private static readonly BigInteger TwoTo63 = BigInteger.One << 63;
    private static readonly BigInteger TwoTo255 = BigInteger.One << 255;

    /// <summary>The §2.4 encoding written with BigInteger, independent of the implementation.</summary>
    private static byte[] ReferenceEncode(IEnumerable<Felt> values)
    {
        var bytes = new List<byte>();
        foreach (var f in values)
        {
            var x = f.ToBigInteger();
            var words = new List<uint>();
            if (x < TwoTo63)
            {
                words.Add((uint)(x >> 32));
                words.Add((uint)(x & uint.MaxValue));
            }
            else
            {
                var be = (x + TwoTo255).ToByteArray(isUnsigned: true, isBigEndian: true);
                Assert.Equal(32, be.Length);
                for (int i = 0; i < 8; i++) words.Add((uint)be[4 * i] << 24 | (uint)be[4 * i + 1] << 16 | (uint)be[4 * i + 2] << 8 | be[4 * i + 3]);
            }
            foreach (uint w in words) bytes.AddRange(BitConverter.IsLittleEndian ? BitConverter.GetBytes(w) : BitConverter.GetBytes(w).Reverse());
        }
        return [.. bytes];
    }

    private static Felt ReferenceHash(IReadOnlyCollection<Felt> values)
    {
        var encoded = ReferenceEncode(values);
        var digest = new Blake2sDigest(256);
        digest.BlockUpdate(encoded, 0, encoded.Length);
        var output = new byte[32];
        digest.DoFinal(output, 0);
        return Felt.FromBigIntegerReduced(new BigInteger(output, isUnsigned: true, isBigEndian: false));
    }

    private static Felt RandomFelt(Random random)
    {
        switch (random.Next(6))
        {
            case 0: return (ulong)random.NextInt64(0, long.MaxValue);           // small
            case 1: return (ulong)long.MaxValue - (ulong)random.Next(3);        // just under 2^63
            case 2: return (1UL << 63) + (ulong)random.Next(3);                 // at 2^63 and just over
            case 3: return Felt.MaxValue - (ulong)random.Next(3);               // near P − 1
            default:
                var bytes = HashingVectors.RandomBytes(random, 32);
                bytes[0] &= 0x0F;
                return Felt.FromBytesBEReduced(bytes);
        }
    }

    public static TheoryData<int> HashCases() => CaseIndexes("hash_cases");

    public static TheoryData<int> EncodingCases() => CaseIndexes("encoding_cases");

    private static TheoryData<int> CaseIndexes(string list)
    {
        var data = new TheoryData<int>();
        int n = HashingVectors.Group("blake2felt252").GetProperty(list).GetArrayLength();
        for (int i = 0; i < n; i++) data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(HashCases))]
    public void PrimitivesJsonHashes(int index)
    {
        var c = HashingVectors.Group("blake2felt252").GetProperty("hash_cases")[index];
        var inputs = c.GetProperty("inputs").EnumerateArray().Select(e => Felt.Parse(e.GetString()!)).ToArray();
        var expected = HashingVectors.Expected(c, "hash");
        Assert.Equal(expected, Blake2Felt.Hash(inputs));
        Assert.Equal(expected, ReferenceHash(inputs));
    }

    [Theory]
    [MemberData(nameof(EncodingCases))]
    public void PrimitivesJsonEncodings(int index)
    {
        var c = HashingVectors.Group("blake2felt252").GetProperty("encoding_cases")[index];
        Felt[] felt = [Felt.Parse(c.GetProperty("felt").GetString()!)];
        var expectedWords = c.GetProperty("u32_words").EnumerateArray().Select(e => (uint)Felt.Parse(e.GetString()!).ToUInt64()).ToArray();

        Assert.Equal(expectedWords.Length * 4, Blake2Felt.EncodedLength(felt));
        var encoded = new byte[Blake2Felt.EncodedLength(felt)];
        Blake2Felt.Encode(felt, encoded);
        var words = new uint[expectedWords.Length];
        for (int i = 0; i < words.Length; i++) words[i] = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(encoded.AsSpan(4 * i));
        Assert.Equal(expectedWords, words);
    }

    [Theory]
    [InlineData("0x0", 8)]
    [InlineData("0x7fffffffffffffff", 8)]
    [InlineData("0x8000000000000000", 32)]
    [InlineData("0xffffffffffffffff", 32)]
    [InlineData("0x10000000000000000", 32)]
    [InlineData("0x800000000000011000000000000000000000000000000000000000000000000", 32)]
    public void EncodedLengthBoundary(string felt, int expected)
    {
        Assert.Equal(expected, Blake2Felt.EncodedLength([Felt.Parse(felt)]));
    }

    [Fact]
    public void EncodingMatchesReferenceOnRandomFelts()
    {
        var random = new Random(HashingVectors.Seed + 30);
        for (int i = 0; i < 500; i++)
        {
            var values = new Felt[random.Next(0, 10)];
            for (int j = 0; j < values.Length; j++) values[j] = RandomFelt(random);
            var encoded = new byte[Blake2Felt.EncodedLength(values)];
            Blake2Felt.Encode(values, encoded);
            Assert.Equal(ReferenceEncode(values), encoded);
        }
    }

    [Fact]
    public void RandomListsMatchReference()
    {
        var random = new Random(HashingVectors.Seed + 31);
        for (int i = 0; i < 1000; i++)
        {
            var values = new Felt[random.Next(0, 20)];
            for (int j = 0; j < values.Length; j++) values[j] = RandomFelt(random);
            Assert.Equal(ReferenceHash(values), Blake2Felt.Hash(values));
        }
    }

    [Theory]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(128)]
    [InlineData(129)]
    [InlineData(1000)]
    [InlineData(5000)]
    public void LongListsStreamCorrectly(int count)
    {
        // Past 64 felts the hash streams through Blake2sState in stack-sized chunks.
        var random = new Random(HashingVectors.Seed + 32 + count);
        var values = new Felt[count];
        for (int j = 0; j < values.Length; j++) values[j] = RandomFelt(random);
        Assert.Equal(ReferenceHash(values), Blake2Felt.Hash(values));
    }

    [Fact]
    public void PairOverloadIsTheTwoElementList()
    {
        var random = new Random(HashingVectors.Seed + 33);
        for (int i = 0; i < 50; i++)
        {
            var a = RandomFelt(random);
            var b = RandomFelt(random);
            Assert.Equal(Blake2Felt.Hash([a, b]), Blake2Felt.Hash(a, b));
        }
        Assert.Equal(Felt.Parse("0x5534c03a14b214436366f30e9c77b6e56c8835de7dc5aee36957d4384cce66d"), Blake2Felt.Hash(1, 2));
    }

    [Fact]
    public void EncodeRejectsShortDestination()
    {
        Felt[] values = [1, (1UL << 63)];
        Assert.Throws<ArgumentException>(() => Blake2Felt.Encode(values, new byte[39]));
        Blake2Felt.Encode(values, new byte[40]);
    }

    [Fact]
    public void DoesNotAllocate()
    {
        var random = new Random(HashingVectors.Seed + 34);
        var small = new Felt[8];
        var large = new Felt[300];
        for (int j = 0; j < small.Length; j++) small[j] = RandomFelt(random);
        for (int j = 0; j < large.Length; j++) large[j] = RandomFelt(random);
        Blake2Felt.Hash(small);
        Blake2Felt.Hash(large);
        Blake2Felt.Hash(small[0], small[1]);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++)
        {
            Blake2Felt.Hash(small);
            Blake2Felt.Hash(large);
            Blake2Felt.Hash(small[0], small[1]);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
