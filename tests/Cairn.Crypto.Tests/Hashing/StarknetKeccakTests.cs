using System.Numerics;
using System.Text;
using Cairn.Crypto.Hashing;
using Cairn.Primitives;
using Org.BouncyCastle.Crypto.Digests;

namespace Cairn.Crypto.Tests.Hashing;

public class StarknetKeccakTests
{
    private static readonly BigInteger Mask250 = (BigInteger.One << 250) - 1;

    private static Felt Reference(byte[] data)
    {
        var digest = new KeccakDigest(256);
        digest.BlockUpdate(data, 0, data.Length);
        var output = new byte[32];
        digest.DoFinal(output, 0);
        return Felt.FromBigInteger(new BigInteger(output, isUnsigned: true, isBigEndian: true) & Mask250);
    }

    public static TheoryData<int> KeccakCases() => CaseIndexes("starknet_keccak");

    public static TheoryData<int> SelectorCases() => CaseIndexes("selectors");

    private static TheoryData<int> CaseIndexes(string group)
    {
        var data = new TheoryData<int>();
        int n = HashingVectors.Group(group).GetProperty("cases").GetArrayLength();
        for (int i = 0; i < n; i++) data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(KeccakCases))]
    public void PrimitivesJsonStarknetKeccak(int index)
    {
        var c = HashingVectors.Group("starknet_keccak").GetProperty("cases")[index];
        byte[] input = c.TryGetProperty("ascii", out var ascii)
            ? Encoding.ASCII.GetBytes(ascii.GetString()!)
            : HashingVectors.FromHex(c.GetProperty("bytes_hex").GetString()!);
        Assert.Equal(HashingVectors.Expected(c, "hash"), StarknetKeccak.Hash(input));
        if (c.TryGetProperty("hash_dec", out var dec))
        {
            Assert.Equal(Felt.Parse(dec.GetString()!), StarknetKeccak.Hash(input));
        }
    }

    [Theory]
    [MemberData(nameof(SelectorCases))]
    public void PrimitivesJsonSelectors(int index)
    {
        var c = HashingVectors.Group("selectors").GetProperty("cases")[index];
        string name = c.GetProperty("name").GetString()!;
        Assert.Equal(HashingVectors.Expected(c, "selector"), StarknetKeccak.Selector(name));
    }

    // shared/spec/starknet.md §2.3, "Selectors Cairn needs".
    [Theory]
    [InlineData("__execute__", "0x15d40a3d6ca2ac30f4031e42be28da9b056fef9bb7357ac5e85627ee876e5ad")]
    [InlineData("__validate__", "0x162da33a4585851fe8d3af3c2a9c60b557814e221e0d4f30ff0b2189d9c7775")]
    [InlineData("__validate_declare__", "0x289da278a8dc833409cabfdad1581e8e7d40e42dcaed693fa4008dcdb4963b3")]
    [InlineData("__validate_deploy__", "0x36fcbf06cd96843058359e1a75928beacfac10727dab22a3972f0af8aa92895")]
    [InlineData("constructor", "0x28ffe4ff0f226a9107253e17a904099aa4f63a02a5621de0576e5aa71bc5194")]
    [InlineData("transfer", "0x83afd3f4caedc6eebf44246fe54e38c95e3179a5ec9ea81740eca5b482d12e")]
    [InlineData("Transfer", "0x99cd8bde557814842a3121e8ddfd433a539b8c9f14bf31ebf108d12e6196e9")]
    [InlineData("", "0x1d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")]
    [InlineData("__default__", "0x0")]
    [InlineData("__l1_default__", "0x0")]
    public void SpecSelectorTable(string name, string expected)
    {
        Assert.Equal(Felt.Parse(expected), StarknetKeccak.Selector(name));
        Assert.Equal(Felt.Parse(expected), StarknetKeccak.Selector(name.AsSpan()));
    }

    [Fact]
    public void DefaultNamesAreOnlyZeroAsSelectors()
    {
        // The 0 rule belongs to selectors; sn_keccak itself hashes these names normally.
        Assert.False(StarknetKeccak.Hash("__default__"u8).IsZero);
        Assert.False(StarknetKeccak.Hash("__l1_default__"u8).IsZero);
        Assert.NotEqual(Felt.Zero, StarknetKeccak.Selector("__default"));
        Assert.NotEqual(Felt.Zero, StarknetKeccak.Selector("__default__ "));
    }

    [Fact]
    public void RandomInputsMatchMaskedBouncyCastle()
    {
        var random = new Random(HashingVectors.Seed + 10);
        for (int i = 0; i < 2000; i++)
        {
            var data = HashingVectors.RandomBytes(random, random.Next(0, 601));
            var actual = StarknetKeccak.Hash(data);
            Assert.Equal(Reference(data), actual);
            Assert.True(actual.BitLength <= 250);
        }
    }

    [Fact]
    public void LongAndNonAsciiNamesHashTheirUtf8Bytes()
    {
        var random = new Random(HashingVectors.Seed + 11);
        foreach (int length in new[] { 84, 85, 86, 200, 1000 })
        {
            var chars = new char[length];
            for (int i = 0; i < length; i++) chars[i] = (char)random.Next('a', 'z' + 1);
            string name = new(chars);
            Assert.Equal(StarknetKeccak.Hash(Encoding.ASCII.GetBytes(name)), StarknetKeccak.Selector(name));
        }
        const string unicode = "transfér_€";
        Assert.Equal(StarknetKeccak.Hash(Encoding.UTF8.GetBytes(unicode)), StarknetKeccak.Selector(unicode));
    }

    [Fact]
    public void NullNameThrows()
    {
        Assert.Throws<ArgumentNullException>(() => StarknetKeccak.Selector((string)null!));
    }

    [Fact]
    public void DoesNotAllocate()
    {
        StarknetKeccak.Selector("__execute__");
        StarknetKeccak.Hash("test"u8);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            StarknetKeccak.Selector("__execute__");
            StarknetKeccak.Hash("test"u8);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
