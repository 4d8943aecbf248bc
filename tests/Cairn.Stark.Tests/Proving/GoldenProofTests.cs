using System.Security.Cryptography;
using Cairn.Primitives;
using Cairn.Stark.Air;
using Cairn.Stark.Air.Examples;
using Cairn.Stark.Hashing;
using Cairn.Stark.Proving;

namespace Cairn.Stark.Tests.Proving;

/// <summary>
/// Proof bytes pinned to the output of the original (full-LDE) prover: the SHA-256 of each proof was recorded with
/// the unoptimised code, so any change of the proof format or of a single committed value fails here.
/// </summary>
public class GoldenProofTests
{
    private static void Check(string expected, StarkProof proof)
    {
        string actual = Convert.ToHexStringLower(SHA256.HashData(proof.Bytes));
        Assert.True(actual == expected, $"proof SHA-256 {actual}, expected {expected}");
    }

    private static StarkProof Prove(IAir air, Felt[][] trace, int logB, int queries, int pow, int logLast, ICommitmentHasher? hasher = null)
    {
        int logT = System.Numerics.BitOperations.Log2((uint)air.TraceLength);
        var parameters = StarkParameters.Create(logT, logB, queries, pow, logLast, hasher);
        var proof = new StarkProver(parameters).Prove(air, trace);
        Assert.True(new StarkVerifier(parameters).Verify(air, proof, out var error), error);
        return proof;
    }

    [Theory]
    [InlineData(64, 1, 8, 0, 2, "6ddb6d9ac1c021a812bc28ee4bda94a9b3413b09d2ff5767d162304ee3ff4b1f")]
    [InlineData(64, 2, 10, 0, 1, "26b3e2baa1eea5c63a85a3534e156cc0fbfe4efd4a39221f5352fa8a72f11329")]
    [InlineData(256, 3, 9, 2, 3, "4ea47d5bc6e92a93ad6bf705e7872e9fb0548526acb6e085ab523104c55bb164")]
    [InlineData(1 << 13, 2, 12, 0, 4, "d64603fca3a1dacae8cbb2f351af61158aeb7993de69a5b23d6c8376b4607a1e")]
    public void MixedDomainProofIsUnchanged(int t, int logB, int queries, int pow, int logLast, string expected)
    {
        var air = new MixedDomainAir(t);
        Check(expected, Prove(air, MixedDomainAir.BuildTrace(t), logB, queries, pow, logLast));
    }

    [Theory]
    [InlineData(32, 2, 8, 0, 2, false, "26ce9e4f080cb681d2adbcae1d33d8257c6755fdc432c8681a99b750323a9e35")]
    [InlineData(1 << 12, 2, 16, 0, 5, true, "47db0588fabe87514260f0b230751956f78182b4aa8522700466a9595077bfc6")]
    public void PermutationProofIsUnchanged(int t, int logB, int queries, int pow, int logLast, bool blake, string expected)
    {
        var air = new PermutationAir(t);
        var trace = PermutationAir.BuildTrace(t, new Random(7), TestData.RandomFelt);
        var proof = Prove(air, trace, logB, queries, pow, logLast, blake ? Blake2sCommitmentHasher.Instance : null);
        Check(expected, proof);
    }

    [Theory]
    [InlineData(1 << 15, 2, 20, 0, 6, "fb155bbeed5477fc58c8e6e0c6996686dff9e15db1100186f4a165393d33fad1")]
    [InlineData(16, 1, 4, 0, 1, "99fd0e9802905813f0ba071ec31483469b3a012ac7ee92937dc8e3f06fb5fb30")]
    public void FibonacciProofIsUnchanged(int t, int logB, int queries, int pow, int logLast, string expected)
    {
        var trace = FibonacciAir.BuildTrace(t, Felt.One, Felt.Two);
        var air = new FibonacciAir(t, Felt.One, Felt.Two, trace[1][t - 1]);
        Check(expected, Prove(air, trace, logB, queries, pow, logLast));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    public void PrunedMerkleLevelsDoNotChangeTheProof(int pruned)
    {
        const int t = 256;
        var air = new MixedDomainAir(t);
        var parameters = StarkParameters.Create(8, 3, 9, 2, 3);
        var proof = new StarkProver(parameters) { PrunedMerkleLevels = pruned }.Prove(air, MixedDomainAir.BuildTrace(t));
        Check("4ea47d5bc6e92a93ad6bf705e7872e9fb0548526acb6e085ab523104c55bb164", proof);
    }

    [Fact]
    public void ProgressReportsEveryPhaseWithItsMemory()
    {
        var lines = new List<string>();
        var air = new PermutationAir(32);
        var trace = PermutationAir.BuildTrace(32, new Random(7), TestData.RandomFelt);
        new StarkProver(StarkParameters.Create(5, 2, 8, 0, 2)) { Progress = lines.Add }.Prove(air, trace);
        foreach (var phase in new[] { "main trace", "interaction trace", "composition polynomial", "out-of-domain", "DEEP", "FRI", "decommitment", "proof complete" })
            Assert.Contains(lines, l => l.Contains(phase) && l.Contains("working set") && l.Contains("process CPU"));
    }
}
