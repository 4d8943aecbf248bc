using BenchmarkDotNet.Attributes;
using Cairn.Crypto.Curve;
using Cairn.Crypto.Hashing;
using Cairn.Crypto.Signatures;
using Cairn.Primitives;

namespace Cairn.Benchmarks;

/// <summary>Pedersen, Poseidon and Stark-curve ECDSA, one operation per invocation.</summary>
[MemoryDiagnoser]
public class CryptoBenchmarks
{
    private readonly Felt _a = Felt.Parse("0x3d937c035c878245caf64531a5756109c53068da139362728feb561405371cb");
    private readonly Felt _b = Felt.Parse("0x208a0a10250e382e1e4bbe2880906c2791bf6275695e02fbbc6aeff9cd8b31a");
    private readonly Felt[] _ten = new Felt[10];
    private readonly Felt _key = Felt.Parse("0x1234567890987654321");
    private readonly Felt _hash = Felt.Parse("0x2102820b232636d200cb21f1d330f20d096cae09d1bf3edb1cc333ddee11318");
    private Felt[] _manyA = [];
    private Felt[] _manyB = [];
    private Felt[] _manyResult = [];
    private Felt _publicKey;
    private EcdsaSignature _signature;

    [GlobalSetup]
    public void Setup()
    {
        for (int i = 0; i < _ten.Length; i++) _ten[i] = _a * (ulong)(i + 1);
        Pedersen.Warm();
        var random = new Random(7);
        _manyA = new Felt[4096];
        _manyB = new Felt[4096];
        _manyResult = new Felt[4096];
        for (int i = 0; i < _manyA.Length; i++)
        {
            _manyA[i] = RandomFelt(random);
            _manyB[i] = RandomFelt(random);
        }
        _publicKey = Ecdsa.GetPublicKey(_key);
        _signature = Ecdsa.Sign(_key, _hash);
    }

    [Benchmark]
    public Felt PedersenHash() => Pedersen.Hash(_a, _b);

    /// <summary>Per hash: 256 different pairs hashed one by one (tables partly out of cache, as in a trie).</summary>
    [Benchmark(OperationsPerInvoke = 256)]
    public Felt PedersenSingle256()
    {
        Felt acc = default;
        for (int i = 0; i < 256; i++) acc += Pedersen.Hash(_manyA[i], _manyB[i]);
        return acc;
    }

    /// <summary>Per hash: <see cref="Pedersen.HashMany"/> of 8 pairs (around the one-by-one threshold).</summary>
    [Benchmark(OperationsPerInvoke = 8)]
    public void PedersenBatch8() => Pedersen.HashMany(_manyA.AsSpan(0, 8), _manyB.AsSpan(0, 8), _manyResult);

    /// <summary>Per hash: <see cref="Pedersen.HashMany"/> of 16 pairs.</summary>
    [Benchmark(OperationsPerInvoke = 16)]
    public void PedersenBatch16() => Pedersen.HashMany(_manyA.AsSpan(0, 16), _manyB.AsSpan(0, 16), _manyResult);

    /// <summary>Per hash: <see cref="Pedersen.HashMany"/> of 256 pairs.</summary>
    [Benchmark(OperationsPerInvoke = 256)]
    public void PedersenBatch256() => Pedersen.HashMany(_manyA.AsSpan(0, 256), _manyB.AsSpan(0, 256), _manyResult);

    /// <summary>Per hash: <see cref="Pedersen.HashMany"/> of 4096 pairs (one core).</summary>
    [Benchmark(OperationsPerInvoke = 4096)]
    public void PedersenBatch4096() => Pedersen.HashMany(_manyA, _manyB, _manyResult);

    [Benchmark]
    public Felt PedersenArray10() => Pedersen.HashArray(_ten);

    [Benchmark]
    public Felt PoseidonPair() => Poseidon.Hash(_a, _b);

    [Benchmark]
    public Felt PoseidonSingle() => Poseidon.HashSingle(_a);

    [Benchmark]
    public Felt PoseidonMany10() => Poseidon.HashMany(_ten);

    [Benchmark]
    public Felt PublicKey() => Ecdsa.GetPublicKey(_key);

    [Benchmark]
    public EcdsaSignature Sign() => Ecdsa.Sign(_key, _hash);

    [Benchmark]
    public bool Verify() => Ecdsa.Verify(_publicKey, _hash, _signature.R, _signature.S);

    [Benchmark]
    public ProjectivePoint VariableBaseMultiply() => StarkCurve.Multiply(StarkCurve.Generator, _hash);

    private static Felt RandomFelt(Random random)
    {
        var bytes = new byte[32];
        random.NextBytes(bytes);
        bytes[0] &= 0x07;
        return Felt.FromBytesBEReduced(bytes);
    }
}
