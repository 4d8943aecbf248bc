using BenchmarkDotNet.Attributes;
using Cairn.Primitives;

namespace Cairn.Benchmarks;

/// <summary>
/// Stark field element arithmetic and conversions. Target: multiplication ≤ 35 ns with no allocation.
/// The *Chain benchmarks run 100 dependent operations per invocation, so they report latency per operation
/// with the call overhead amortised.
/// </summary>
[MemoryDiagnoser]
public class FeltBenchmarks
{
    private const int ChainLength = 100;

    private Felt _a;
    private Felt _b;
    private Felt _square;
    private string _hex = "";
    private readonly Felt[] _batchSource = new Felt[256];
    private readonly Felt[] _batch = new Felt[256];
    private readonly Felt[] _scratch = new Felt[256];
    private readonly char[] _chars = new char[66];

    [GlobalSetup]
    public void Setup()
    {
        _a = Felt.Parse("0x3d937c035c878245caf64531a5756109c53068da139362728feb561405371cb");
        _b = Felt.Parse("0x208a0a10250e382e1e4bbe2880906c2791bf6275695e02fbbc6aeff9cd8b31a");
        _square = (_a * _b).Square();
        _hex = (_a * _b).ToString();
        var x = _a;
        for (int i = 0; i < _batchSource.Length; i++)
        {
            x = x * _b + Felt.One;
            _batchSource[i] = x;
        }
    }

    [Benchmark]
    public Felt Mul() => _a * _b;

    [Benchmark(OperationsPerInvoke = ChainLength)]
    public Felt MulChain()
    {
        Felt x = _a, y = _b;
        for (int i = 0; i < ChainLength; i++) x *= y;
        return x;
    }

    [Benchmark]
    public Felt Square() => _a.Square();

    [Benchmark(OperationsPerInvoke = ChainLength)]
    public Felt SquareChain()
    {
        Felt x = _a;
        for (int i = 0; i < ChainLength; i++) x = x.Square();
        return x;
    }

    [Benchmark]
    public Felt Add() => _a + _b;

    [Benchmark]
    public Felt Sub() => _a - _b;

    [Benchmark]
    public Felt Inverse() => _a.Inverse();

    [Benchmark]
    public Felt BatchInverse256()
    {
        _batchSource.CopyTo(_batch, 0);
        Felt.BatchInverse(_batch, _scratch);
        return _batch[^1];
    }

    [Benchmark]
    public Felt TrySqrt()
    {
        _square.TrySqrt(out var root);
        return root;
    }

    [Benchmark]
    public Felt ParseHex() => Felt.Parse(_hex);

    [Benchmark]
    public string ToStringHex() => _a.ToString();

    [Benchmark]
    public int TryFormatHex()
    {
        _a.TryFormatHex(_chars, out int n);
        return n;
    }
}
