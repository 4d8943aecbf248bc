using System.Numerics;
using Cairn.Primitives;
using Cairn.Stark.Polynomials;

namespace Cairn.Stark.Tests.Polynomials;

public class FftTests
{
    [Fact]
    public void RootsMatchSpecConstants()
    {
        Assert.Equal(Felt.Parse("0x5282db87529cfa3f0464519c8b0fa5ad187148e11a61616070024f42f8ef94"), RootsOfUnity.Primitive(192));
        Assert.Equal(Felt.Parse("0x625023929a2995b533120664329f8c7c5268e56ac8320da2a616626f41337e3"), RootsOfUnity.Primitive(2));
        Assert.Equal(Felt.Parse("0x5ec467b88826aba4537602d514425f3b0bdf467bbf302458337c45f6021e539"), RootsOfUnity.Primitive(4));
        // ω_n = 3^((p−1)/n)
        for (int k = 0; k <= 192; k += 17)
        {
            var e = (Felt.Modulus - 1) / BigInteger.Pow(2, k);
            Assert.Equal(Felt.FromUInt64(3).Pow(Felt.FromBigInteger(e)), RootsOfUnity.Primitive(k));
        }
        Assert.Equal(Felt.MaxValue, RootsOfUnity.Primitive(1));
        Assert.Equal(Felt.One, RootsOfUnity.Primitive(0));
        Assert.Equal(Felt.One, RootsOfUnity.Primitive(5) * RootsOfUnity.PrimitiveInverse(5));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(8)]
    public void ForwardMatchesNaiveEvaluationInBitReversedOrder(int logN)
    {
        var rng = new Random(100 + logN);
        int n = 1 << logN;
        var coeffs = TestData.RandomFelts(rng, n);
        var values = (Felt[])coeffs.Clone();
        Fft.Forward(values);
        var w = RootsOfUnity.Primitive(logN);
        for (int i = 0; i < n; i++)
        {
            var x = w.Pow((ulong)BitReversal.Reverse(i, logN));
            Assert.Equal(Polynomial.Evaluate(coeffs, x), values[i]);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(13)]
    public void InverseUndoesForward(int logN)
    {
        var rng = new Random(200 + logN);
        var coeffs = TestData.RandomFelts(rng, 1 << logN);
        var values = (Felt[])coeffs.Clone();
        Fft.Forward(values);
        Fft.Inverse(values);
        Assert.Equal(coeffs, values);
    }

    [Fact]
    public void CosetTransformsMatchNaiveAndRoundTrip()
    {
        var rng = new Random(7);
        const int logN = 6;
        var coeffs = TestData.RandomFelts(rng, 1 << logN);
        var offset = TestData.RandomFelt(rng);
        var values = (Felt[])coeffs.Clone();
        Fft.CosetForward(values, offset);
        var w = RootsOfUnity.Primitive(logN);
        for (int i = 0; i < values.Length; i++)
            Assert.Equal(Polynomial.Evaluate(coeffs, offset * w.Pow((ulong)BitReversal.Reverse(i, logN))), values[i]);
        Fft.CosetInverse(values, offset);
        Assert.Equal(coeffs, values);
    }

    [Fact]
    public void SubgroupInterpolationRoundTrips()
    {
        var rng = new Random(8);
        var coeffs = TestData.RandomFelts(rng, 32);
        var values = Polynomial.EvaluateOnSubgroup(coeffs, 32);
        var w = RootsOfUnity.Primitive(5);
        for (int j = 0; j < 32; j++) Assert.Equal(Polynomial.Evaluate(coeffs, w.Pow((ulong)j)), values[j]);
        Assert.Equal(coeffs, Polynomial.InterpolateOnSubgroup(values));
        Assert.Equal(31, Polynomial.Degree(coeffs));
    }

    [Fact]
    public void LargerTwiddleTableServesSmallTransforms()
    {
        // Force a table larger than 2^12, then check a small transform still matches naive evaluation.
        var big = new Felt[1 << 14];
        big[1] = Felt.One;
        Fft.Forward(big);
        Assert.Equal(RootsOfUnity.Primitive(14).Pow((ulong)BitReversal.Reverse(3, 14)), big[3]);
        ForwardMatchesNaiveEvaluationInBitReversedOrder(4);
    }

    [Fact]
    public void BitReverseIndices()
    {
        Assert.Equal(0b1101, BitReversal.Reverse(0b1011, 4));
        Assert.Equal(0, BitReversal.Reverse(0, 0));
        Assert.Equal(1UL << 40, BitReversal.Reverse(1UL, 41));
        for (int i = 0; i < 64; i++) Assert.Equal(i, BitReversal.Reverse(BitReversal.Reverse(i, 6), 6));
    }

    [Theory]
    [InlineData(15)]
    [InlineData(16)]
    public void ParallelStagesMatchHornerAndRoundTrip(int logN)
    {
        Assert.True(1 << logN >= Fft.ParallelThreshold);
        var rng = new Random(logN);
        var coeffs = TestData.RandomFelts(rng, 1 << logN);
        var values = (Felt[])coeffs.Clone();
        Fft.Forward(values);
        var w = RootsOfUnity.Primitive(logN);
        foreach (int i in new[] { 0, 1, 2, 3, 4097, (1 << logN) - 1, rng.Next(1 << logN) })
            Assert.Equal(Polynomial.Evaluate(coeffs, w.Pow((ulong)BitReversal.Reverse(i, logN))), values[i]);
        Fft.Inverse(values);
        Assert.Equal(coeffs, values);
    }
}
