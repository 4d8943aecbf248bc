using Cairn.Stark.Channel;

namespace Cairn.Stark.Tests.Channel;

public class ProofOfWorkTests
{
    [Fact]
    public void FoundNonceIsTheSmallestValidOne()
    {
        var digest = new byte[32];
        new Random(4).NextBytes(digest);
        const int bits = 10;
        ulong nonce = ProofOfWork.FindNonce(digest, bits);
        Assert.True(ProofOfWork.Verify(digest, bits, nonce));
        var init = new byte[32];
        ProofOfWork.ComputeInit(digest, bits, init);
        for (ulong n = 0; n < nonce; n++) Assert.False(ProofOfWork.IsValid(init, bits, n));
        Assert.Equal(nonce, ProofOfWork.FindNonce(digest, bits));
    }

    [Fact]
    public void WrongNonceDigestOrBitsAreRejected()
    {
        var digest = new byte[32];
        new Random(5).NextBytes(digest);
        const int bits = 12;
        ulong nonce = ProofOfWork.FindNonce(digest, bits);
        int rejected = 0;
        for (ulong d = 1; d <= 64; d++)
            if (!ProofOfWork.Verify(digest, bits, nonce + d)) rejected++;
        Assert.True(rejected >= 60); // a random nonce passes with probability 2^-12
        var other = (byte[])digest.Clone();
        other[0] ^= 1;
        Assert.NotEqual(nonce, ProofOfWork.FindNonce(other, bits));
        // The seed binds the number of bits: the 12-bit nonce is not the smallest one for 16 bits.
        Assert.NotEqual(nonce, ProofOfWork.FindNonce(digest, bits + 4));
        Assert.True(ProofOfWork.Verify(digest, 0, 12345));
    }

    [Fact]
    public void ChannelRoundTripsTheNonceAndRejectsAForgedOne()
    {
        var prover = new ProverChannel([7, 7]);
        prover.SendCommitment(new byte[32]);
        ulong nonce = prover.ApplyProofOfWork(8);
        ulong q = prover.DrawInteger(1024);
        var proof = prover.Proof.ToArray();
        Assert.Equal(40, proof.Length);

        var verifier = new VerifierChannel([7, 7], proof);
        verifier.ReceiveCommitment();
        verifier.VerifyProofOfWork(8);
        Assert.Equal(q, verifier.DrawInteger(1024));
        Assert.True(verifier.AtEnd);

        var forged = (byte[])proof.Clone();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(forged.AsSpan(32), nonce + 1);
        var v2 = new VerifierChannel([7, 7], forged);
        v2.ReceiveCommitment();
        if (!ProofOfWork.Verify(v2.Transcript.State, 8, nonce + 1))
            Assert.Throws<InvalidProofException>(() => v2.VerifyProofOfWork(8));
        // A proof without grinding fails when work is required.
        var v3 = new VerifierChannel([7, 7], proof.AsSpan(0, 32));
        v3.ReceiveCommitment();
        Assert.Throws<InvalidProofException>(() => v3.VerifyProofOfWork(8));
    }
}
