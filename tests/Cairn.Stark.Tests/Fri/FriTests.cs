using Cairn.Primitives;
using Cairn.Stark.Channel;
using Cairn.Stark.Fri;
using Cairn.Stark.Hashing;
using Cairn.Stark.Polynomials;

namespace Cairn.Stark.Tests.Fri;

public class FriTests
{
    private static readonly byte[] Seed = [0xca, 0xfe];
    private static readonly ICommitmentHasher Hasher = KeccakCommitmentHasher.Masked160;

    // Layer 0: a polynomial of the given degree bound evaluated on E (bit-reversed storage).
    private static Felt[] Layer0(FriParameters p, int degreeBound, int seed)
    {
        var rng = new Random(seed);
        int t = 1 << p.LogDegreeBound;
        var coeffs = new Felt[Math.Max(t, degreeBound)];
        for (int i = 0; i < degreeBound; i++) coeffs[i] = TestData.RandomFelt(rng);
        if (degreeBound <= t) return LowDegreeExtension.ExtendCoefficients(coeffs, p.LogBlowup);
        // Higher degree: evaluate directly on E.
        var domain = new EvaluationDomain(p.LogDegreeBound, p.LogBlowup);
        var values = new Felt[domain.Size];
        for (int i = 0; i < values.Length; i++) values[i] = Polynomial.Evaluate(coeffs, domain.Point(i));
        return values;
    }

    private static byte[] Prove(FriParameters p, Felt[] layer0, bool cheat = false)
    {
        var channel = new ProverChannel(Seed);
        var prover = new FriProver(p, Hasher) { SkipDegreeCheck = cheat };
        // Test first layer: the raw values at the queries (a STARK authenticates them through the trace trees).
        prover.Prove(channel, layer0, queries =>
        {
            var values = new Felt[queries.Length];
            for (int i = 0; i < queries.Length; i++) values[i] = layer0[queries[i]];
            channel.WriteDecommitmentFelts(values, "layer 0");
        });
        return channel.Proof.ToArray();
    }

    private static void Verify(FriParameters p, byte[] proof)
    {
        var channel = new VerifierChannel(Seed, proof);
        new FriVerifier(p, Hasher).Verify(channel, queries => channel.ReadDecommitmentFelts(queries.Length));
        if (!channel.AtEnd) throw new InvalidProofException("trailing bytes");
    }

    public static TheoryData<int, int[], int, int, int> Configurations => new()
    {
        { 1, [0, 1], 0, 4, 0 },
        { 2, [0, 2, 1], 2, 8, 0 },
        { 2, [0, 3, 3, 2], 1, 12, 4 },
        { 3, [0, 4, 2], 3, 6, 2 },
        { 1, [0, 1, 1, 1, 1], 2, 20, 0 },
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void LowDegreeProofVerifies(int logB, int[] steps, int logL, int queries, int pow)
    {
        var p = new FriParameters(logB, steps, logL, queries, pow);
        var layer0 = Layer0(p, 1 << p.LogDegreeBound, steps.Length);
        var proof = Prove(p, layer0);
        Verify(p, proof);
        Assert.Equal(proof, Prove(p, layer0)); // deterministic
        // A lower degree is fine too.
        Verify(p, Prove(p, Layer0(p, Math.Min(3, 1 << p.LogDegreeBound), 99)));
    }

    [Theory]
    [InlineData(1, new[] { 1, 1 }, 0, 3)]
    [InlineData(2, new[] { 2, 2, 1 }, 1, 6)]
    public void NonZeroFirstStepVerifiesAndRejectsTampering(int logB, int[] steps, int logL, int queries)
    {
        var p = new FriParameters(logB, steps, logL, queries, 0, allowNonZeroFirstStep: true);
        var layer0 = Layer0(p, 1 << p.LogDegreeBound, 17);
        var proof = Prove(p, layer0);
        Verify(p, proof);
        for (int i = 0; i < proof.Length; i += 7)
        {
            var bad = (byte[])proof.Clone();
            bad[i] ^= 0x04;
            Assert.Throws<InvalidProofException>(() => Verify(p, bad));
        }
    }

    [Fact]
    public void FoldingMatchesCosetFolding()
    {
        var rng = new Random(3);
        var layer = TestData.RandomFelts(rng, 64);
        var r = TestData.RandomFelt(rng);
        var folded = FriFolding.FoldLayer(layer, r, 3);
        for (int c = 0; c < 8; c++)
            Assert.Equal(folded[c], FriFolding.FoldCoset(layer.AsSpan(c * 8, 8), c, 6, r, 3));
    }

    [Fact]
    public void FoldingHalvesTheDegree()
    {
        // f(y) = Σ a_i y^i on the unshifted domain; fold gives 2·(f_even + r·f_odd).
        var rng = new Random(4);
        var coeffs = TestData.RandomFelts(rng, 16);
        var evals = (Felt[])coeffs.Clone();
        var padded = new Felt[64];
        coeffs.CopyTo(padded, 0);
        Fft.Forward(padded);
        var r = TestData.RandomFelt(rng);
        var folded = FriFolding.FoldLayer(padded, r);
        Fft.Inverse(folded);
        for (int i = 0; i < 8; i++) Assert.Equal(Felt.Two * (coeffs[2 * i] + r * coeffs[2 * i + 1]), folded[i]);
        for (int i = 8; i < 32; i++) Assert.True(folded[i].IsZero);
        _ = evals;
    }

    [Fact]
    public void HonestProverRefusesHighDegree()
    {
        var p = new FriParameters(2, [0, 2, 1], 2, 8, 0);
        var layer0 = Layer0(p, (1 << p.LogDegreeBound) + 1, 5);
        Assert.Throws<InvalidOperationException>(() => Prove(p, layer0));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    public void TooHighDegreeIsRejected(int excess)
    {
        var p = new FriParameters(2, [0, 2, 1], 2, 12, 0);
        var layer0 = Layer0(p, (1 << p.LogDegreeBound) + excess, 6);
        var proof = Prove(p, layer0, cheat: true);
        Assert.Throws<InvalidProofException>(() => Verify(p, proof));
    }

    [Fact]
    public void EveryTamperedByteIsRejected()
    {
        var p = new FriParameters(2, [0, 2, 1], 1, 4, 3);
        var layer0 = Layer0(p, 1 << p.LogDegreeBound, 7);
        var proof = Prove(p, layer0);
        Verify(p, proof);
        for (int i = 0; i < proof.Length; i++)
        {
            var bad = (byte[])proof.Clone();
            bad[i] ^= (byte)(1 << (i % 8));
            Assert.Throws<InvalidProofException>(() => Verify(p, bad));
        }
        Assert.Throws<InvalidProofException>(() => Verify(p, proof[..^1]));
        Assert.Throws<InvalidProofException>(() => Verify(p, [.. proof, 0]));
    }

    [Fact]
    public void ParametersAreValidated()
    {
        Assert.Throws<ArgumentException>(() => new FriParameters(2, [1, 2], 2, 8, 0));
        Assert.Throws<ArgumentException>(() => new FriParameters(2, [0], 2, 8, 0));
        Assert.Throws<ArgumentException>(() => new FriParameters(2, [0, 5], 2, 8, 0));
        var p = new FriParameters(4, [0, 4, 4, 4, 2], 6, 19, 24);
        Assert.Equal(20, p.LogDegreeBound);
        Assert.Equal(24, p.LogFirstLayerSize);
        Assert.Equal(100, p.ConjecturedSecurityBits);
        Assert.Equal(new[] { 0, 4, 4, 4, 2 }, FriParameters.DefaultStepList(20, 6));
        Assert.Equal(new[] { 0, 4, 3 }, FriParameters.DefaultStepList(13, 6));
    }
}
