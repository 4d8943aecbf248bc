using Cairn.Primitives;
using Cairn.Stark.Polynomials;

namespace Cairn.Stark.Tests.Polynomials;

public class LowDegreeExtensionTests
{
    [Theory]
    [InlineData(3, 1)]
    [InlineData(4, 2)]
    [InlineData(5, 3)]
    public void ExtensionMatchesDirectEvaluationOnEveryPoint(int logT, int logB)
    {
        var rng = new Random(logT * 10 + logB);
        int t = 1 << logT;
        var coeffs = TestData.RandomFelts(rng, t);
        var trace = Polynomial.EvaluateOnSubgroup(coeffs, t);
        var lde = LowDegreeExtension.Extend(trace, logB);
        var domain = new EvaluationDomain(logT, logB);
        Assert.Equal(domain.Size, lde.Length);
        for (int i = 0; i < lde.Length; i++) Assert.Equal(Polynomial.Evaluate(coeffs, domain.Point(i)), lde[i]);
    }

    [Fact]
    public void CommittedOrderIsCosetsOfBitReversedOffsets()
    {
        var d = new EvaluationDomain(4, 2);
        var g = d.TraceGenerator;
        for (int c = 0; c < d.Blowup; c++)
            for (int o = 0; o < d.TraceLength; o++)
                Assert.Equal(d.CosetOffset(c) * g.Pow((ulong)BitReversal.Reverse(o, 4)), d.Point(c * d.TraceLength + o));
        // FRI pairs are adjacent: x_{2m+1} = −x_{2m}.
        for (int m = 0; m < d.Size / 2; m++) Assert.Equal(-d.Point(2 * m), d.Point(2 * m + 1));
        // The first two cosets form 3·⟨ω_{2T}⟩.
        var w2t = RootsOfUnity.Primitive(5);
        for (int i = 0; i < 2 * d.TraceLength; i++)
            Assert.Equal(RootsOfUnity.Generator * w2t.Pow((ulong)BitReversal.Reverse(i, 5)), d.Point(i));
    }

    [Fact]
    public void ParallelColumnsEqualSingleColumns()
    {
        var rng = new Random(3);
        var columns = new[] { TestData.RandomFelts(rng, 64), TestData.RandomFelts(rng, 64), TestData.RandomFelts(rng, 64) };
        var all = LowDegreeExtension.ExtendColumns(columns, 2);
        for (int i = 0; i < columns.Length; i++) Assert.Equal(LowDegreeExtension.Extend(columns[i], 2), all[i]);
        // The extension restricted to coset 0 at offset bitrev positions re-interpolates to the same polynomial.
        var coeffs = LowDegreeExtension.Interpolate(columns[0]);
        Assert.Equal(columns[0], Polynomial.EvaluateOnSubgroup(coeffs, 64));
    }

    [Fact]
    public void ParallelCosetPathMatchesHorner()
    {
        var rng = new Random(21);
        const int logT = 12;
        var coeffs = TestData.RandomFelts(rng, 1 << logT);
        var lde = LowDegreeExtension.ExtendCoefficients(coeffs, 2);
        var domain = new EvaluationDomain(logT, 2);
        for (int k = 0; k < 12; k++)
        {
            int i = rng.Next(lde.Length);
            Assert.Equal(Polynomial.Evaluate(coeffs, domain.Point(i)), lde[i]);
        }
    }
}
