using Cairn.Primitives;
using Cairn.Stark.Channel;

namespace Cairn.Stark.Tests.Channel;

/// <summary>Vectors from lambdaworks' <c>StoneProverTranscript</c> tests, which were taken from Stone.</summary>
public class TranscriptTests
{
    private static byte[] Draw(Transcript t, int n)
    {
        var b = new byte[n];
        t.DrawBytes(b);
        return b;
    }

    private static string Hex(byte[] b) => Convert.ToHexStringLower(b);

    [Fact]
    public void StoneByteSamplingVector()
    {
        var t = new Transcript([0x01, 0x02, 0x03]);
        t.Absorb([0x04, 0x05, 0x06]);
        Assert.Equal("8a3a67d125a5a5ea57c3fbe2c255b60d0c8913a62713e099b377c6c29a218597", Hex(Draw(t, 32)));
        Assert.Equal("56de562afd9819b9aaa01b16f4eb3371d5d80f3529d8c17a4bf410e319b7644a" +
                     "d21cff143dfdca322c59a3475dd034df6da70cf5d26add65e06d1e4fc7395232", Hex(Draw(t, 64)));
        Assert.Equal("e4b63cfc03c9828b6353b9ad736d23884c07b49df11defb953fa02b53c43cfa3" +
                     "305a027ea65e3c863ddb48ea73bfdfab", Hex(Draw(t, 48)));
        Assert.Equal("82e1d4f8f061a4174bed584eb57326b763103797be0b57af74fe3319bde55321", Hex(Draw(t, 32)));
        Assert.Equal("b0c67a04190a2572a82efa97924473e9", Hex(Draw(t, 16)));
        Assert.Equal("bd4128dd3abc6618", Hex(Draw(t, 8)));
        Assert.Equal("cb66c9723985e87c30e1c71d2f834acd3385fbd54069226ec0f18c40262f5f7c", Hex(Draw(t, 32)));
        t.Absorb([0x03, 0x02]);
        Assert.Equal("69637201848b2282a6146d47bba9a3c8dc1b8e2e2e218777ace03ece6ea79eb0", Hex(Draw(t, 32)));
    }

    [Fact]
    public void StoneSmallDrawVectors()
    {
        Assert.Equal(new byte[] { 89, 27, 84, 161, 127, 200, 195, 181 }, Draw(new Transcript([0x01, 0x02]), 8));
        Assert.Equal(Felt.Parse("0x20b962ed1a29c942e11dc63c00b51de816bcd8bf9acd221f3fa55e5201d69be"), new Transcript([0x01, 0x02]).DrawFelt());
        Assert.Equal(949UL, new Transcript([0x01, 0x02]).DrawInteger(1024));
        var t = new Transcript([0x01, 0x02]);
        t.Absorb([0x01, 0x02]);
        Assert.Equal(new byte[] { 0x06, 0xe5, 0x36, 0xf5 }, Draw(t, 4));
        Assert.Equal(5UL, t.DrawInteger(16));
    }

    [Fact]
    public void StoneFibonacciTranscriptVector()
    {
        // lambdaworks test_transcript_compatibility_with_stone_prover_1 (Fibonacci2ColsShifted, T=4, B=2, 1 query).
        var t = new Transcript([0xca, 0xfe, 0xca, 0xfe]);
        t.Absorb(Convert.FromHexString("0eb9dcc0fb1854572a01236753ce05139d392aa3aeafe72abff150fe21175594"));
        Assert.Equal(Felt.Parse("0x86105fff7b04ed4068ecccb8dbf1ed223bd45cd26c3532d6c80a818dbd4fa7"), t.DrawFelt());
        t.Absorb(Convert.FromHexString("7cdd8d5fe3bd62254a417e2e260e0fed4fccdb6c9005e828446f645879394f38"));
        Assert.Equal(Felt.Parse("0x317629e783794b52cd27ac3a5e418c057fec9dd42f2b537cdb3f24c95b3e550"), t.DrawFelt());
        foreach (var v in new[]
                 {
                     "0x70d8181785336cc7e0a0a1078a79ee6541ca0803ed3ff716de5a13c41684037",
                     "0x29808fc8b7480a69295e4b61600480ae574ca55f8d118100940501b789c1630",
                     "0x7d8110f21d1543324cc5e472ab82037eaad785707f8cae3d64c5b9034f0abd2",
                     "0x1b58470130218c122f71399bf1e04cf75a6e8556c4751629d5ce8c02cc4e62d",
                     "0x1c0b7c2275e36d62dfb48c791be122169dcc00c616c63f8efb2c2a504687e85",
                 })
            t.Absorb(Felt.Parse(v));
        Assert.Equal(Felt.Parse("0xa0c79c1c77ded19520873d9c2440451974d23302e451d13e8124cf82fc15dd"), t.DrawFelt());
        Assert.Equal(Felt.Parse("0x5c6b5a66c9fda19f583f0b10edbaade98d0e458288e62c2fa40e3da2b293cef"), t.DrawFelt());
        t.Absorb(Convert.FromHexString("49c5672520e20eccc72aa28d6fa0d7ef446f1ede38d7c64fbb95d0f34a281803"));
        Assert.Equal(Felt.Parse("0x4243ca9a618e2127590af8e1b38c63a156863fe95e4211cc1ade9b50667bbfa"), t.DrawFelt());
        t.Absorb(Felt.Parse("0x702ddae5809ad82a82556eed2d202202d770962b7d4d82581e183df3efa2da6"));
        // Stone's nonce is the smallest valid one for 15 bits of work on this digest (§4.1).
        Assert.Equal(0x2304dUL, ProofOfWork.FindNonce(t.State, 15));
        Assert.True(ProofOfWork.Verify(t.State, 15, 0x2304d));
        Assert.False(ProofOfWork.Verify(t.State, 15, 0x2304c));
        t.Absorb([0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x30, 0x4d]);
        Assert.Equal(0UL, t.DrawInteger(8));
    }

    [Fact]
    public void DeterministicAndSensitiveToEveryAbsorbedByte()
    {
        var data = new byte[100];
        new Random(1).NextBytes(data);
        var a = new Transcript([1, 2, 3]);
        var b = new Transcript([1, 2, 3]);
        a.Absorb(data);
        b.Absorb(data);
        Assert.Equal(a.DrawFelt(), b.DrawFelt());
        Assert.Equal(a.DrawInteger(1 << 20), b.DrawInteger(1 << 20));
        var reference = new Transcript([1, 2, 3]);
        reference.Absorb(data);
        var expected = reference.DrawFelt();
        for (int i = 0; i < data.Length; i++)
        {
            var changed = (byte[])data.Clone();
            changed[i] ^= 0x10;
            var t = new Transcript([1, 2, 3]);
            t.Absorb(changed);
            Assert.NotEqual(expected, t.DrawFelt());
        }
        var differentSeed = new Transcript([1, 2, 4]);
        differentSeed.Absorb(data);
        Assert.NotEqual(expected, differentSeed.DrawFelt());
        // Splitting one absorb into two is a different transcript.
        var split = new Transcript([1, 2, 3]);
        split.Absorb(data.AsSpan(0, 50));
        split.Absorb(data.AsSpan(50));
        Assert.NotEqual(expected, split.DrawFelt());
    }

    [Fact]
    public void DrawnFeltsAreCanonicalAndCloneIsIndependent()
    {
        var t = new Transcript([9]);
        for (int i = 0; i < 50; i++)
        {
            var x = t.DrawFelt();
            Assert.True(x.ToBigInteger() < Felt.Modulus);
        }
        var c = t.Clone();
        Assert.Equal(t.DrawFelt(), c.DrawFelt());
        Assert.Throws<ArgumentOutOfRangeException>(() => t.DrawInteger(1UL << 48));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.DrawInteger(0));
    }

    [Fact]
    public void LargeAbsorbUsesPooledBuffer()
    {
        var big = new byte[5000];
        var a = new Transcript([1]);
        a.Absorb(big);
        var expected = Cairn.Crypto.Hashing.Keccak256.Hash([.. Cairn.Crypto.Hashing.Keccak256.Hash([1]).Select((v, i) => i == 31 ? (byte)(v + 1) : v), .. big]);
        // The +1 on the digest only touches the last byte unless it was 0xff.
        if (Cairn.Crypto.Hashing.Keccak256.Hash([1])[31] != 0xff) Assert.Equal(expected, a.State.ToArray());
    }
}
