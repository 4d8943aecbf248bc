using System.Numerics;
using Cairn.Testing;
using static Cairn.Primitives.Tests.FeltGen;

namespace Cairn.Primitives.Tests;

/// <summary>
/// Exercises the Node.js oracle client (tests/Cairn.Testing) with Felt-level checks only; the hash and
/// signature comparisons live in the crypto tests.
/// </summary>
public class OraclePlumbingTests
{
    [Fact]
    public void Oracle_selector_of_transfer_is_the_spec_value()
    {
        var selector = ScureOracle.Shared.CallOne("selector", "transfer");
        Assert.Equal("0x83afd3f4caedc6eebf44246fe54e38c95e3179a5ec9ea81740eca5b482d12e", selector);
        Assert.Equal(selector, Felt.Parse(selector).ToString());
    }

    [Fact]
    public void Thousands_of_pipelined_requests_come_back_in_order()
    {
        // sn_keccak(x) must equal keccak(x) with the top 6 bits cleared: two ops, 2 × 3000 requests.
        var rng = new Random(7);
        var inputs = new string[3000][];
        for (int i = 0; i < inputs.Length; i++)
        {
            var bytes = new byte[rng.Next(0, 100)];
            rng.NextBytes(bytes);
            inputs[i] = ["0x" + Convert.ToHexStringLower(bytes)];
        }
        var keccak = ScureOracle.Shared.Call("keccak", inputs);
        var snKeccak = ScureOracle.Shared.Call("sn_keccak", inputs);
        Assert.Equal(inputs.Length, keccak.Length);
        Assert.Equal(inputs.Length, snKeccak.Length);
        var mask = (BigInteger.One << 250) - 1;
        for (int i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(66, keccak[i].Length);
            var full = Felt.FromBytesBEReduced(Convert.FromHexString(keccak[i][2..]));
            var digest = BigInteger.Parse("0" + keccak[i][2..], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(digest % P, Big(full));
            var expected = ToFelt(digest & mask);
            Assert.Equal(expected.ToString(), snKeccak[i]);
        }
    }

    [Fact]
    public void Concurrent_callers_get_their_own_answers()
    {
        Parallel.For(0, 8, k =>
        {
            var names = Enumerable.Range(0, 200).Select(i => new[] { $"fn_{k}_{i}" }).ToArray();
            var a = ScureOracle.Shared.Call("selector", names);
            var b = ScureOracle.Shared.Call("selector", names);
            Assert.Equal(a, b);
            Assert.Equal(a.Length, a.Distinct().Count());
            foreach (var s in a) Assert.True(Felt.Parse(s) < Felt.FromBigInteger(BigInteger.One << 250));
        });
    }

    [Fact]
    public void Error_answers_throw_with_the_oracle_message_and_the_oracle_keeps_working()
    {
        var e = Assert.Throws<OracleException>(() => ScureOracle.Shared.CallOne("pedersen", "0xg1", "0x2"));
        Assert.Contains("0xg1", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<OracleException>(() => ScureOracle.Shared.CallOne("no_such_op"));
        Assert.Contains("unknown op", e.Message, StringComparison.Ordinal);
        var pText = CanonicalHex(P);
        e = Assert.Throws<OracleException>(() => ScureOracle.Shared.CallOne("poseidon_single", pText));
        Assert.Contains("not below P", e.Message, StringComparison.Ordinal);
        Assert.Equal("0x83afd3f4caedc6eebf44246fe54e38c95e3179a5ec9ea81740eca5b482d12e", ScureOracle.Shared.CallOne("selector", "transfer"));
    }

    [Fact]
    public void Object_results_come_back_as_json()
    {
        var sig = ScureOracle.Shared.CallJson("sign", [["0x1", "0x2"]])[0];
        var r = Felt.Parse(sig.GetProperty("r").GetString()!);
        var s = Felt.Parse(sig.GetProperty("s").GetString()!);
        Assert.False(r.IsZero);
        Assert.False(s.IsZero);
        var pub = ScureOracle.Shared.CallOne("public_key", "0x1");
        Assert.Equal("true", ScureOracle.Shared.CallOne("verify", pub, "0x2", r.ToString(), s.ToString()));
        Assert.Equal("false", ScureOracle.Shared.CallOne("verify", pub, "0x3", r.ToString(), s.ToString()));
    }

    [Fact]
    public void Repo_root_and_vectors_are_found()
    {
        Assert.True(File.Exists(Path.Combine(ScureOracle.RepoRoot, "Cairn.slnx")));
        Assert.True(File.Exists(Path.Combine(ScureOracle.VectorsDir, "primitives.json")));
        Assert.Empty(ScureOracle.Shared.Call("selector", []));
    }
}
