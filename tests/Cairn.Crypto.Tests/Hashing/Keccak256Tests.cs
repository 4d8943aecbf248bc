using Cairn.Crypto.Hashing;
using Org.BouncyCastle.Crypto.Digests;

namespace Cairn.Crypto.Tests.Hashing;

public class Keccak256Tests
{
    private static byte[] Reference(byte[] data)
    {
        var digest = new KeccakDigest(256);
        digest.BlockUpdate(data, 0, data.Length);
        var output = new byte[32];
        digest.DoFinal(output, 0);
        return output;
    }

    [Theory]
    [InlineData("", "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")]
    [InlineData("abc", "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")]
    [InlineData("The quick brown fox jumps over the lazy dog", "4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15")]
    public void KnownEthereumVectors(string ascii, string expectedHex)
    {
        var digest = Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes(ascii));
        Assert.Equal(expectedHex, Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void IsNotSha3()
    {
        // SHA3-256("") = a7ffc6f8…; Keccak-256 pads with 0x01, not 0x06.
        Assert.NotEqual("a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a", Convert.ToHexStringLower(Keccak256.Hash([])));
    }

    [Fact]
    public void EveryLengthUpTo600MatchesBouncyCastle()
    {
        var random = new Random(HashingVectors.Seed);
        Span<byte> actual = stackalloc byte[32];
        for (int length = 0; length <= 600; length++)
        {
            var data = HashingVectors.RandomBytes(random, length);
            Keccak256.Hash(data, actual);
            Assert.True(Reference(data).AsSpan().SequenceEqual(actual), $"length {length}");
        }
    }

    [Fact]
    public void RandomInputsMatchBouncyCastle()
    {
        var random = new Random(HashingVectors.Seed + 1);
        int[] rateEdges = [135, 136, 137, 271, 272, 273, 407, 408, 409, 543, 544, 545];
        for (int i = 0; i < 4000; i++)
        {
            int length = i % 4 == 0 ? rateEdges[random.Next(rateEdges.Length)] : random.Next(0, 601);
            var data = HashingVectors.RandomBytes(random, length);
            Assert.Equal(Reference(data), Keccak256.Hash(data));
        }
    }

    [Fact]
    public void LongInputMatchesBouncyCastle()
    {
        var data = HashingVectors.RandomBytes(new Random(HashingVectors.Seed + 2), 1 << 16);
        Assert.Equal(Reference(data), Keccak256.Hash(data));
    }

    [Fact]
    public void WritesOnlyThe32OutputBytes()
    {
        var output = new byte[40];
        Array.Fill(output, (byte)0xAA);
        Keccak256.Hash("abc"u8, output);
        Assert.Equal(Keccak256.Hash("abc"u8), output[..32]);
        Assert.All(output[32..], b => Assert.Equal(0xAA, b));
    }

    [Fact]
    public void ShortOutputThrows()
    {
        Assert.Throws<ArgumentException>(() => Keccak256.Hash("abc"u8, new byte[31]));
    }

    [Fact]
    public void PermutationOfZeroStateMatchesReference()
    {
        // Keccak-f[1600] applied once to the all-zero state (XKCP KeccakF-1600-IntermediateValues.txt).
        Span<ulong> state = stackalloc ulong[25];
        state.Clear();
        Keccak256.KeccakF1600(state);
        Assert.Equal(0xF1258F7940E1DDE7UL, state[0]);
        Assert.Equal(0x84D5CCF933C0478AUL, state[1]);
        Assert.Equal(0xD598261EA65AA9EEUL, state[2]);
        Assert.Equal(0xBD1547306F80494DUL, state[3]);
    }

    [Fact]
    public void PermutationDrivesTheSponge()
    {
        // The padded empty message is one block: lane 0 gets 0x01, the last rate byte gets 0x80.
        Span<ulong> state = stackalloc ulong[25];
        state.Clear();
        state[0] ^= 0x01;
        state[16] ^= 0x80UL << 56;
        Keccak256.KeccakF1600(state);
        var digest = new byte[32];
        for (int i = 0; i < 4; i++) BitConverter.TryWriteBytes(digest.AsSpan(i * 8), state[i]);
        Assert.Equal(Keccak256.Hash([]), digest);
    }

    [Fact]
    public void PermutationRejectsShortState()
    {
        Assert.Throws<ArgumentException>(() => Keccak256.KeccakF1600(new ulong[24]));
    }

    [Fact]
    public void DoesNotAllocate()
    {
        var data = HashingVectors.RandomBytes(new Random(HashingVectors.Seed + 3), 300);
        var output = new byte[32];
        Keccak256.Hash(data, output);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) Keccak256.Hash(data, output);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
