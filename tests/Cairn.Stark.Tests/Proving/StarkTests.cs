using Cairn.Primitives;
using Cairn.Stark.Air;
using Cairn.Stark.Air.Examples;
using Cairn.Stark.Proving;

namespace Cairn.Stark.Tests.Proving;

public class StarkTests
{
    private static (FibonacciAir Air, Felt[][] Trace) Fibonacci(int t)
    {
        var trace = FibonacciAir.BuildTrace(t, Felt.One, Felt.One);
        return (new FibonacciAir(t, Felt.One, Felt.One, trace[1][t - 1]), trace);
    }

    [Theory]
    [InlineData(4, 1, 4, 0)]
    [InlineData(16, 2, 8, 4)]
    [InlineData(64, 2, 10, 0)]
    [InlineData(32, 3, 6, 2)]
    public void FibonacciProofVerifies(int t, int logB, int queries, int pow)
    {
        var (air, trace) = Fibonacci(t);
        int logT = System.Numerics.BitOperations.Log2((uint)t);
        var parameters = StarkParameters.Create(logT, logB, queries, pow, logLastLayerDegreeBound: 1);
        var proof = new StarkProver(parameters).Prove(air, trace);
        Assert.True(new StarkVerifier(parameters).Verify(air, proof, out var error), error);
        Assert.Equal(proof.Bytes, new StarkProver(parameters).Prove(air, trace).Bytes);
        Assert.True(new StarkVerifier(parameters).Verify(air, StarkProof.FromBytes(proof.ToBytes())));
    }

    [Fact]
    public void WrongPublicInputIsRejected()
    {
        var (air, trace) = Fibonacci(16);
        var parameters = StarkParameters.Create(4, 2, 8, 0, 2);
        var proof = new StarkProver(parameters).Prove(air, trace);
        Assert.False(new StarkVerifier(parameters).Verify(new FibonacciAir(16, Felt.One, Felt.One, air.Result + Felt.One), proof));
        Assert.False(new StarkVerifier(parameters).Verify(new FibonacciAir(16, Felt.Two, Felt.One, air.Result), proof));
        Assert.False(new StarkVerifier(parameters).Verify(new FibonacciAir(16, Felt.One, Felt.Zero, air.Result), proof));
    }

    [Fact]
    public void WrongParametersAreRejected()
    {
        var (air, trace) = Fibonacci(16);
        var parameters = StarkParameters.Create(4, 2, 8, 0, 2);
        var proof = new StarkProver(parameters).Prove(air, trace);
        Assert.False(new StarkVerifier(StarkParameters.Create(4, 2, 9, 0, 2)).Verify(air, proof));
        Assert.False(new StarkVerifier(StarkParameters.Create(4, 2, 8, 3, 2)).Verify(air, proof));
        Assert.False(new StarkVerifier(StarkParameters.Create(4, 2, 8, 0, 1)).Verify(air, proof));
        Assert.False(new StarkVerifier(StarkParameters.Create(4, 3, 8, 0, 2)).Verify(air, proof));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(1, 1)]
    [InlineData(14, 0)]
    [InlineData(15, 1)]
    public void InvalidTraceCannotBeProven(int row, int column)
    {
        var (air, trace) = Fibonacci(16);
        trace[column][row] += Felt.One;
        var parameters = StarkParameters.Create(4, 2, 8, 0, 2);
        Assert.Throws<InvalidOperationException>(() => new StarkProver(parameters).Prove(air, trace));
        // Without the self-check the prover emits a proof, and the verifier's OODS check rejects it.
        var proof = new StarkProver(parameters) { ValidateTrace = false }.Prove(air, trace);
        Assert.False(new StarkVerifier(parameters).Verify(air, proof, out var error));
        Assert.Contains("OODS", error);
    }

    [Fact]
    public void EveryTamperedByteIsRejected()
    {
        var (air, trace) = Fibonacci(8);
        var parameters = StarkParameters.Create(3, 1, 3, 2, 1);
        var proof = new StarkProver(parameters).Prove(air, trace);
        var verifier = new StarkVerifier(parameters);
        Assert.True(verifier.Verify(air, proof));
        var bytes = proof.Bytes;
        for (int i = 0; i < bytes.Length; i++)
        {
            var bad = (byte[])bytes.Clone();
            bad[i] ^= (byte)(1 << (i % 8));
            Assert.False(verifier.Verify(air, new StarkProof(bad)), $"byte {i} of {bytes.Length}");
        }
        Assert.False(verifier.Verify(air, new StarkProof(bytes[..^1])));
        Assert.False(verifier.Verify(air, new StarkProof([.. bytes, 0])));
    }

    [Fact]
    public void InteractionAndPeriodicColumnsWork()
    {
        const int t = 32;
        var air = new PermutationAir(t);
        var trace = PermutationAir.BuildTrace(t, new Random(1), TestData.RandomFelt);
        var parameters = StarkParameters.Create(5, 2, 8, 0, 2);
        var proof = new StarkProver(parameters) { Annotate = true }.Prove(air, trace);
        Assert.True(new StarkVerifier(parameters).Verify(air, proof, out var error), error);
        Assert.NotNull(proof.Annotations);
        Assert.Contains(proof.Annotations!, a => a.Contains("interaction challenge"));

        // Not a permutation: the grand product does not end at 1.
        var broken = PermutationAir.BuildTrace(t, new Random(1), TestData.RandomFelt);
        broken[1][0] += Felt.One;
        Assert.Throws<InvalidOperationException>(() => new StarkProver(parameters).Prove(air, broken));
        Assert.False(new StarkVerifier(parameters).Verify(air, new StarkProver(parameters) { ValidateTrace = false }.Prove(air, broken)));
        // Odd row of a not zero: violates the periodic constraint.
        var odd = PermutationAir.BuildTrace(t, new Random(1), TestData.RandomFelt);
        odd[0][3] = Felt.One;
        odd[1][1] = Felt.One;
        Assert.Throws<InvalidOperationException>(() => new StarkProver(parameters).Prove(air, odd));
        Assert.False(new StarkVerifier(parameters).Verify(air, new StarkProver(parameters) { ValidateTrace = false }.Prove(air, odd)));
    }

    [Fact]
    public void ConstraintDomainsBehave()
    {
        var every = ConstraintDomain.EveryRow(15);
        Assert.True(every.Contains(3));
        Assert.False(every.Contains(15));
        var single = ConstraintDomain.SingleRow(5, 16);
        Assert.True(single.Contains(5));
        Assert.False(single.Contains(4));
        var g = Cairn.Stark.Polynomials.RootsOfUnity.Primitive(4);
        for (int r = 0; r < 16; r++)
        {
            Assert.Equal(single.Contains(r), single.Denominator(g.Pow((ulong)r), 16, g).IsZero);
            Assert.True(every.Denominator(g.Pow((ulong)r), 16, g).IsZero);
        }
        var periodic = new PeriodicColumn([Felt.One, Felt.Two, Felt.Zero, Felt.One]);
        for (int r = 0; r < 16; r++) Assert.Equal(periodic.Values[r % 4], periodic.Evaluate(g.Pow((ulong)r), 16));
        Assert.Throws<ArgumentException>(() => new ConstraintDomain(4, 1, 2));
    }

    [Fact]
    public void TranscriptOrderFollowsTheSpec()
    {
        // §4.2: main root, interaction challenges, interaction root, β, composition root, ζ, OODS values, γ, FRI.
        const int t = 16;
        var air = new PermutationAir(t);
        var trace = PermutationAir.BuildTrace(t, new Random(2), TestData.RandomFelt);
        var parameters = StarkParameters.Create(4, 2, 4, 2, 1);
        var log = new StarkProver(parameters) { Annotate = true }.Prove(air, trace).Annotations!;
        string[] expected =
        [
            "main trace commitment", "interaction challenge", "interaction trace commitment", "composition challenge",
            "composition commitment", "OODS point", "OODS mask value 0", "OODS composition value 1", "DEEP challenge",
            "FRI layer 1 commitment", "FRI layer 1 folding challenge", "FRI last layer", "proof of work", "main rows",
            "interaction rows", "composition rows", "FRI layer 1 coset values",
        ];
        int at = -1;
        foreach (var e in expected)
        {
            int next = log.ToList().FindIndex(at + 1, a => a.Contains(e));
            Assert.True(next > at, $"'{e}' out of order");
            at = next;
        }
    }

    [Fact]
    public void MediumTraceProvesQuickly()
    {
        var (air, trace) = Fibonacci(1 << 10);
        var parameters = StarkParameters.Create(10, 2, 12, 8, 4);
        var proof = new StarkProver(parameters).Prove(air, trace);
        Assert.True(new StarkVerifier(parameters).Verify(air, proof, out var error), error);
        Assert.InRange(proof.Bytes.Length, 1000, 200_000);
    }
}
