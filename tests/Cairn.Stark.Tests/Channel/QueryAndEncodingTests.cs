using Cairn.Primitives;
using Cairn.Stark.Channel;
using Cairn.Stark.Fri;

namespace Cairn.Stark.Tests.Channel;

public class QueryAndEncodingTests
{
    [Fact]
    public void QueriesAreSortedUniqueAndInRange()
    {
        var p = new FriParameters(1, [0, 2], 1, 60, 0);
        var queries = FriProver.DrawQueries(new Transcript([5]), p);
        Assert.InRange(queries.Length, 1, 60);
        for (int i = 1; i < queries.Length; i++) Assert.True(queries[i - 1] < queries[i]);
        Assert.All(queries, q => Assert.InRange(q, 0, (1 << p.LogFirstLayerSize) - 1));
        // 60 draws from 16 positions collide: duplicates are removed, not redrawn.
        Assert.True(queries.Length <= 16);
        Assert.Equal(queries, FriProver.DrawQueries(new Transcript([5]), p));
    }

    [Fact]
    public void NonCanonicalFeltsAreRejectedByTheVerifierChannel()
    {
        // Mont(x) + p encodes the same residue; a verifier must refuse it (malleability, pitfall 15).
        var x = Felt.FromUInt64(12345);
        var bytes = new byte[32];
        FeltEncoding.WriteMontgomery(x, bytes);
        var big = new System.Numerics.BigInteger(bytes, isUnsigned: true, isBigEndian: true) + Felt.Modulus;
        var shifted = big.ToByteArray(isUnsigned: true, isBigEndian: true);
        Assert.Equal(32, shifted.Length);
        Assert.False(FeltEncoding.TryReadMontgomery(shifted, out _));
        var channel = new VerifierChannel([1], shifted);
        var error = Assert.Throws<InvalidProofException>(() => channel.ReceiveFelt());
        Assert.Contains("non-canonical", error.Message);
        var ok = new VerifierChannel([1], bytes);
        Assert.Equal(x, ok.ReceiveFelt());
        Assert.True(ok.AtEnd);
    }

    [Fact]
    public void ProverAndVerifierChannelsStayInStep()
    {
        var prover = new ProverChannel([1, 2, 3]);
        prover.SendCommitment(new byte[32]);
        var a = prover.DrawFelt();
        prover.SendFelt(a);
        prover.SendFelts([a, a + Felt.One]);
        var b = prover.DrawFelt();
        prover.WriteDecommitmentFelts([b]);
        var proof = prover.Proof.ToArray();
        Assert.Equal(32 + 32 + 64 + 32, proof.Length);

        var verifier = new VerifierChannel([1, 2, 3], proof);
        verifier.ReceiveCommitment();
        Assert.Equal(a, verifier.DrawFelt());
        Assert.Equal(a, verifier.ReceiveFelt());
        Assert.Equal(new[] { a, a + Felt.One }, verifier.ReceiveFelts(2));
        Assert.Equal(b, verifier.DrawFelt());
        Assert.Equal(new[] { b }, verifier.ReadDecommitmentFelts(1));
        Assert.True(verifier.AtEnd);
        Assert.Throws<InvalidProofException>(() => verifier.ReadDecommitment(1));
    }
}
