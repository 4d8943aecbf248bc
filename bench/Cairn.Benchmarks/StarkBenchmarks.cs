using BenchmarkDotNet.Attributes;
using Cairn.Primitives;
using Cairn.Stark.Fri;
using Cairn.Stark.Hashing;
using Cairn.Stark.Merkle;
using Cairn.Stark.Polynomials;
using Cairn.Stark.Proving;

namespace Cairn.Benchmarks;

/// <summary>
/// The STARK engine's bulk kernels (spec stark-prover.md §2, §3): radix-2 NTT and its inverse, Stone-style LDE with
/// blowup 4, and a Merkle commitment over 2-column rows (masked Keccak); the prover's coefficient-only kernels
/// (coset-by-coset commitment with a pruned tree, pruned FFT for 41 query subtrees, a 4-step FRI fold). Fixed seed;
/// sizes 2^16 … 2^20.
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
    public byte[] CosetByCosetCommitTwoColumnsBlowup4()
    {
        var lde = new LdeColumns([_values, _columns[1]], new EvaluationDomain(LogSize, 2), new ColumnBufferPool(1 << LogSize));
        return lde.Commit(KeccakCommitmentHasher.Masked160, 4).Root.ToArray();
    }

    [Benchmark]
    public void PrunedFft41Subtrees()
    {
        _values.AsSpan().CopyTo(_work);
        var outputs = new int[41 * 16];
        var rng = new Random(1);
        var starts = new int[41];
        for (int q = 0; q < 41; q++) starts[q] = rng.Next(_work.Length >> 4) << 4;
        Array.Sort(starts);
        for (int q = 0; q < 41; q++)
            for (int i = 0; i < 16; i++) outputs[q * 16 + i] = starts[q] + i;
        Array.Sort(outputs);
        Fft.ForwardPruned(_work, outputs);
    }

    [Benchmark]
    public Felt[] FriFoldFourSteps() => FriFolding.FoldLayer(_values, Felt.Two, 4);

    [Benchmark]
    public byte[] MerkleCommitTwoColumns() => MerkleTree.FromColumns(_columns, KeccakCommitmentHasher.Masked160).Root.ToArray();
}
