using Cairn.Primitives;
using Cairn.Stark.Polynomials;
using FsCheck.Xunit;

namespace Cairn.Stark.Tests.Polynomials;

/// <summary>Property tests (FsCheck): random sizes, random polynomials, random points.</summary>
public class FftProperties
{
    [Property(MaxTest = 40)]
    public bool InverseUndoesForward(int seed, byte size)
    {
        int logN = size % 11;
        var rng = new Random(seed);
        var coeffs = TestData.RandomFelts(rng, 1 << logN);
        var values = (Felt[])coeffs.Clone();
        Fft.Forward(values);
        Fft.Inverse(values);
        return values.AsSpan().SequenceEqual(coeffs);
    }

    [Property(MaxTest = 40)]
    public bool CosetEvaluationMatchesHornerAtARandomPosition(int seed, byte size)
    {
        int logN = 1 + size % 9;
        var rng = new Random(seed);
        var coeffs = TestData.RandomFelts(rng, 1 << logN);
        var offset = TestData.RandomFelt(rng);
        var values = (Felt[])coeffs.Clone();
        Fft.CosetForward(values, offset);
        int i = rng.Next(values.Length);
        var x = offset * RootsOfUnity.Primitive(logN).Pow((ulong)BitReversal.Reverse(i, logN));
        return values[i] == Polynomial.Evaluate(coeffs, x);
    }

    [Property(MaxTest = 25)]
    public bool LowDegreeExtensionAgreesWithTheTraceOnCosetZeroSubgroup(int seed, byte size)
    {
        // With offset 3 on coset 0 the trace values are not among the LDE points, but interpolating the LDE of every
        // coset back gives the same coefficients.
        int logT = 1 + size % 7, logB = 1 + size % 3;
        var rng = new Random(seed);
        var trace = TestData.RandomFelts(rng, 1 << logT);
        var lde = LowDegreeExtension.Extend(trace, logB);
        var domain = new EvaluationDomain(logT, logB);
        var coeffs = LowDegreeExtension.Interpolate(trace);
        int c = rng.Next(domain.Blowup);
        var block = lde.AsSpan(c << logT, 1 << logT).ToArray();
        Fft.CosetInverse(block, domain.CosetOffset(c));
        return block.AsSpan().SequenceEqual(coeffs);
    }
}
