using BenchmarkDotNet.Attributes;
using Cairn.Primitives;
using Cairn.Stark.Hashing;
using Cairn.Stark.Merkle;
using Cairn.Stark.Polynomials;

namespace Cairn.Benchmarks;

/// <summary>
/// The STARK engine's bulk kernels (spec stark-prover.md §2, §3): radix-2 NTT and its inverse, Stone-style LDE with
/// blowup 4, and a Merkle commitment over 2-column rows (masked Keccak). Fixed seed; sizes 2^16 … 2^20.
/// </summary>
[MemoryDiagnoser]
public class StarkBenchmarks
{
    private Felt[] _values = [];
    private Felt[] _work = [];
    private Felt[][] _columns = [];

    [Params(16, 18, 20)]
    public int LogSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        int n = 1 << LogSize;
        _values = new Felt[n];
        for (int i = 0; i < n; i++)
            _values[i] = Felt.FromLimbsReduced((ulong)rng.NextInt64(), (ulong)rng.NextInt64(), (ulong)rng.NextInt64(), (ulong)rng.NextInt64() >> 4);
        _work = new Felt[n];
        _columns = [(Felt[])_values.Clone(), (Felt[])_values.Clone()];
        Array.Reverse(_columns[1]);
        // Build the twiddle table outside the measurement.
        _values.AsSpan().CopyTo(_work);
        Fft.Forward(_work);
    }

    [Benchmark]
    public void Ntt()
    {
        _values.AsSpan().CopyTo(_work);
        Fft.Forward(_work);
    }

    [Benchmark]
    public void InverseNtt()
    {
        _values.AsSpan().CopyTo(_work);
        Fft.Inverse(_work);
    }

    [Benchmark]
    public Felt[] LowDegreeExtensionBlowup4() => LowDegreeExtension.Extend(_values, 2);

    [Benchmark]
    public byte[] MerkleCommitTwoColumns() => MerkleTree.FromColumns(_columns, KeccakCommitmentHasher.Masked160).Root.ToArray();
}
