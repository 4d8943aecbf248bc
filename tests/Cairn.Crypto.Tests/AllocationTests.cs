using Cairn.Crypto.Curve;
using Cairn.Crypto.Hashing;
using Cairn.Crypto.Signatures;
using Cairn.Primitives;

namespace Cairn.Crypto.Tests;

/// <summary>The hot paths allocate nothing once warm (the "none of these paths allocates").</summary>
public class AllocationTests
{
    private static long Allocated(Action action)
    {
        for (int i = 0; i < 3; i++) action(); // warm: tables, tiering, lazy statics
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++) action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void Hashes_do_not_allocate()
    {
        Felt a = Felt.Parse("0x3d937c035c878245caf64531a5756109c53068da139362728feb561405371cb"), b = 12345;
        Felt sink = default;
        Felt[] many = [a, b, a, b, a];
        Assert.Equal(0, Allocated(() => sink += Pedersen.Hash(a, b)));
        Assert.Equal(0, Allocated(() => sink += Pedersen.HashArray(many)));
        Assert.Equal(0, Allocated(() => sink += Poseidon.Hash(a, b)));
        Assert.Equal(0, Allocated(() => sink += Poseidon.HashSingle(a)));
        Assert.Equal(0, Allocated(() => sink += Poseidon.HashMany(many)));
        Assert.Equal(0, Allocated(() => sink += a * b + a.Square() - b.Inverse()));
        Assert.NotEqual(Felt.Zero, sink);
    }

    [OptimizedFact]
    public void Signatures_do_not_allocate()
    {
        Felt key = 0xabcdef, hash = 0x1234567;
        var pub = Ecdsa.GetPublicKey(key);
        var sig = Ecdsa.Sign(key, hash);
        bool ok = true;
        Assert.Equal(0, Allocated(() => ok &= Ecdsa.Verify(pub, hash, sig.R, sig.S)));
        Assert.Equal(0, Allocated(() => sig = Ecdsa.Sign(key, hash)));
        Assert.Equal(0, Allocated(() => pub = Ecdsa.GetPublicKey(key)));
        Assert.Equal(0, Allocated(() => ok &= StarkCurve.Multiply(StarkCurve.Generator, hash).IsInfinity == false));
        Assert.True(ok);
    }
}
