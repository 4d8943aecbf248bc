using System.Numerics;
using System.Text;
using Cairn.Crypto.Hashing;
using Cairn.Primitives;
using Cairn.Testing;

namespace Cairn.Crypto.Tests.Hashing;

/// <summary>Keccak, starknet_keccak, selectors and Blake2Felt252 against @noble/hashes, @scure/starknet and starknet.js.</summary>
public class OracleHashTests
{
    private static List<byte[]> RandomByteStrings(int seed, int count)
    {
        var rnd = new Random(seed);
        var list = new List<byte[]> { Array.Empty<byte>(), new byte[135], new byte[136], new byte[137], new byte[64], new byte[65] };
        for (int i = 0; i < count; i++)
        {
            var b = new byte[rnd.Next(i % 10 == 0 ? 600 : 80)];
            rnd.NextBytes(b);
            list.Add(b);
        }
        return list;
    }

    private static string Hex(byte[] b) => "0x" + Convert.ToHexStringLower(b);

    [Fact]
    public void Keccak256_and_starknet_keccak_match_the_oracle()
    {
        var inputs = RandomByteStrings(501, 1500);
        var args = inputs.Select(b => new[] { Hex(b) }).ToArray();
        var keccak = ScureOracle.Shared.Call("keccak", args);
        var snKeccak = ScureOracle.Shared.Call("sn_keccak", args);
        for (int i = 0; i < inputs.Count; i++)
        {
            Assert.Equal(keccak[i], Hex(Keccak256.Hash(inputs[i])));
            Assert.Equal(snKeccak[i], StarknetKeccak.Hash(inputs[i]).ToString());
        }
    }

    [Fact]
    public void Selectors_match_starknet_js()
    {
        var rnd = new Random(502);
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
        var names = new List<string> { "transfer", "balanceOf", "__execute__", "a", "" };
        for (int i = 0; i < 1000; i++)
        {
            var sb = new StringBuilder();
            int len = rnd.Next(1, 40);
            for (int j = 0; j < len; j++) sb.Append(alphabet[rnd.Next(alphabet.Length)]);
            names.Add(sb.ToString());
        }
        var expected = ScureOracle.Shared.Call("selector", names.Select(n => new[] { n }).ToArray());
        for (int i = 0; i < names.Count; i++) Assert.Equal(expected[i], StarknetKeccak.Selector(names[i]).ToString());
    }

    [Fact]
    public void Blake2Felt_matches_starknet_js()
    {
        var rnd = new RandomFelts(503);
        var p = RandomFelts.P;
        Felt[] edges =
        [
            Felt.Zero, Felt.One, Felt.FromBigInteger((BigInteger.One << 63) - 1), Felt.FromBigInteger(BigInteger.One << 63),
            Felt.FromBigInteger((BigInteger.One << 64) - 1), Felt.FromBigInteger(BigInteger.One << 64), Felt.FromBigInteger(p - 1),
        ];
        var lists = new List<Felt[]> { Array.Empty<Felt>(), edges };
        foreach (var e in edges) lists.Add([e]);
        for (int i = 0; i < 1000; i++)
        {
            var list = new Felt[rnd.NextInt(12)];
            for (int j = 0; j < list.Length; j++)
            {
                int kind = rnd.NextInt(4);
                list[j] = kind == 0 ? edges[rnd.NextInt(edges.Length)] : kind == 1 ? Felt.FromUInt64((ulong)rnd.NextInt(int.MaxValue) << rnd.NextInt(33)) : rnd.Next();
            }
            lists.Add(list);
        }
        var expected = ScureOracle.Shared.Call("blake2felt", lists.Select(l => l.Select(f => f.ToString()).ToArray()).ToArray());
        for (int i = 0; i < lists.Count; i++) Assert.Equal(expected[i], Blake2Felt.Hash(lists[i]).ToString());
    }
}
