using Cairn.Crypto.Hashing;
using Org.BouncyCastle.Crypto.Digests;

namespace Cairn.Crypto.Tests.Hashing;

public class Blake2sTests
{
    private static byte[] Reference(byte[] data)
    {
        var digest = new Blake2sDigest(256);
        digest.BlockUpdate(data, 0, data.Length);
        var output = new byte[32];
        digest.DoFinal(output, 0);
        return output;
    }

    [Theory]
    [InlineData("", "69217a3079908094e11121d042354a7c1f55b6482ca1a51e1b250dfd1ed0eef9")]
    [InlineData("abc", "508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982")] // RFC 7693, Appendix B
    public void KnownVectors(string ascii, string expectedHex)
    {
        var digest = Blake2s.Hash(System.Text.Encoding.ASCII.GetBytes(ascii));
        Assert.Equal(expectedHex, Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void EveryLengthUpTo600MatchesBouncyCastle()
    {
        var random = new Random(HashingVectors.Seed + 20);
        Span<byte> actual = stackalloc byte[32];
        for (int length = 0; length <= 600; length++)
        {
            var data = HashingVectors.RandomBytes(random, length);
            Blake2s.Hash(data, actual);
            Assert.True(Reference(data).AsSpan().SequenceEqual(actual), $"length {length}");
        }
    }

    [Fact]
    public void RandomInputsMatchBouncyCastle()
    {
        var random = new Random(HashingVectors.Seed + 21);
        int[] blockEdges = [63, 64, 65, 127, 128, 129, 191, 192, 193, 511, 512, 513];
        for (int i = 0; i < 4000; i++)
        {
            int length = i % 4 == 0 ? blockEdges[random.Next(blockEdges.Length)] : random.Next(0, 601);
            var data = HashingVectors.RandomBytes(random, length);
            Assert.Equal(Reference(data), Blake2s.Hash(data));
        }
    }

    [Fact]
    public void LongInputMatchesBouncyCastle()
    {
        var data = HashingVectors.RandomBytes(new Random(HashingVectors.Seed + 22), 1 << 16);
        Assert.Equal(Reference(data), Blake2s.Hash(data));
    }

    [Fact]
    public void IncrementalMatchesOneShotForRandomChunking()
    {
        var random = new Random(HashingVectors.Seed + 23);
        var state = new Blake2sState();
        var actual = new byte[32];
        for (int i = 0; i < 1000; i++)
        {
            var data = HashingVectors.RandomBytes(random, random.Next(0, 601));
            int offset = 0;
            while (offset < data.Length)
            {
                int chunk = Math.Min(data.Length - offset, random.Next(0, 3) == 0 ? random.Next(0, 4) : random.Next(0, 140));
                state.Update(data.AsSpan(offset, chunk));
                offset += chunk;
            }
            state.Finish(actual); // Finish also resets, so the state is reused.
            Assert.Equal(Reference(data), actual);
        }
    }

    [Fact]
    public void DefaultStateIsUsable()
    {
        Blake2sState state = default;
        state.Update("a"u8);
        state.Update("bc"u8);
        var output = new byte[32];
        state.Finish(output);
        Assert.Equal(Blake2s.Hash("abc"u8), output);

        Blake2sState empty = default;
        empty.Finish(output);
        Assert.Equal(Blake2s.Hash([]), output);
    }

    [Fact]
    public void CompressOnWordsMatchesOneBlockHash()
    {
        var random = new Random(HashingVectors.Seed + 24);
        var data = HashingVectors.RandomBytes(random, 64);
        var words = new uint[16];
        for (int i = 0; i < 16; i++) words[i] = BitConverter.ToUInt32(data, i * 4);

        Span<uint> h = stackalloc uint[8];
        Blake2s.Initialize(h);
        Blake2s.Compress(h, words, 64, last: true);
        var digest = new byte[32];
        Blake2s.WriteDigest(h, digest);
        Assert.Equal(Reference(data), digest);

        Blake2s.Initialize(h);
        Blake2s.Compress(h, data.AsSpan(), 64, last: true);
        Blake2s.WriteDigest(h, digest);
        Assert.Equal(Reference(data), digest);
    }

    [Fact]
    public void ShortOutputThrows()
    {
        Assert.Throws<ArgumentException>(() => Blake2s.Hash("abc"u8, new byte[31]));
        Assert.Throws<ArgumentException>(() => new Blake2sState().Finish(new byte[31]));
    }

    [Fact]
    public void DoesNotAllocate()
    {
        var data = HashingVectors.RandomBytes(new Random(HashingVectors.Seed + 25), 300);
        var output = new byte[32];
        Blake2s.Hash(data, output);
        var state = new Blake2sState();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            Blake2s.Hash(data, output);
            state.Update(data);
            state.Finish(output);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
