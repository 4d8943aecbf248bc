using BenchmarkDotNet.Attributes;
using Cairn.Crypto.Hashing;
using Cairn.Primitives;

namespace Cairn.Benchmarks;

/// <summary>Byte hashes of Cairn.Crypto.Hashing: Keccak-256, sn_keccak selectors, BLAKE2s-256, Blake2Felt252.</summary>
[MemoryDiagnoser]
public class HashBenchmarks
{
    private readonly byte[] _output = new byte[32];
    private byte[] _bytes32 = [];
    private byte[] _bytes64 = [];
    private byte[] _bytes136 = [];
    private byte[] _bytes1024 = [];
    private Felt[] _felts2 = [];
    private Felt[] _felts8 = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _bytes32 = RandomBytes(random, 32);
        _bytes64 = RandomBytes(random, 64);
        _bytes136 = RandomBytes(random, 136);
        _bytes1024 = RandomBytes(random, 1024);

        // Half below 2^63 (2-word encoding), half full-size felts (8-word encoding).
        _felts2 = [Felt.FromUInt64(0x1234_5678_9abc), RandomFelt(random)];
        _felts8 = new Felt[8];
        for (int i = 0; i < _felts8.Length; i++)
        {
            _felts8[i] = i % 2 == 0 ? Felt.FromUInt64((ulong)random.NextInt64(0, long.MaxValue)) : RandomFelt(random);
        }
    }

    [Benchmark]
    public void Keccak256_32B() => Keccak256.Hash(_bytes32, _output);

    /// <summary>Exactly one rate block: two permutations (the padding takes a block of its own).</summary>
    [Benchmark]
    public void Keccak256_136B() => Keccak256.Hash(_bytes136, _output);

    [Benchmark]
    public void Keccak256_1KiB() => Keccak256.Hash(_bytes1024, _output);

    [Benchmark]
    public Felt StarknetKeccak_Selector() => StarknetKeccak.Selector("__execute__");

    [Benchmark]
    public void Blake2s_64B() => Blake2s.Hash(_bytes64, _output);

    [Benchmark]
    public void Blake2s_1KiB() => Blake2s.Hash(_bytes1024, _output);

    [Benchmark]
    public Felt Blake2Felt_2() => Blake2Felt.Hash(_felts2);

    [Benchmark]
    public Felt Blake2Felt_8() => Blake2Felt.Hash(_felts8);

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static Felt RandomFelt(Random random)
    {
        var bytes = RandomBytes(random, 32);
        bytes[0] &= 0x07;
        return Felt.FromBytesBEReduced(bytes);
    }
}
