using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Cairn.Testing;

namespace Cairn.Node.Tests;

/// <summary>`cairn key new`, `key public`, `sign` and `verify` against the oracle.</summary>
public class KeyAndSignatureTests
{
    private static ScureOracle Oracle => ScureOracle.Shared;

    private static BigInteger ParseHex(string hex) =>
        BigInteger.Parse("0" + hex[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    [Fact]
    public void KeyNewPrintsAConsistentKeyPair()
    {
        var seen = new HashSet<string>();
        for (int i = 0; i < 3; i++)
        {
            var r = Cli.Run("key", "new");
            Assert.True(r.Exit == 0, r.ToString());
            Assert.Equal("", r.Err);
            var lines = r.OutLines;
            Assert.Equal(2, lines.Length);
            var priv = lines[0].Split(' ');
            var pub = lines[1].Split(' ');
            Assert.Equal(["private_key", "public_key"], new[] { priv[0], pub[0] });
            Assert.Equal(2, priv.Length);
            Assert.Equal(2, pub.Length);
            Cli.AssertCanonical(priv[1]);
            Cli.AssertCanonical(pub[1]);
            var k = ParseHex(priv[1]);
            Assert.True(k >= 1 && k < Stark.N, $"private key {priv[1]} is not in [1, N)");
            Assert.True(seen.Add(priv[1]), "key new printed the same key twice");

            var again = Cli.Run("key", "public", priv[1]);
            Assert.True(again.Exit == 0, again.ToString());
            Assert.Equal([pub[1]], again.OutLines);
            Assert.Equal(pub[1], Oracle.CallOne("public_key", priv[1]));
        }
    }

    [Fact]
    public void KeyPublicOfOneIsTheGenerator()
    {
        var r = Cli.Run("key", "public", "1");
        Assert.True(r.Exit == 0, r.ToString());
        Assert.Equal([Stark.GeneratorX], r.OutLines);
    }

    [Fact]
    public void KeyPublicViaStdinAgreesWithOracle()
    {
        var rnd = new Inputs(301);
        var keys = Enumerable.Range(0, 200).Select(_ => rnd.PrivateKey()).ToArray();
        var r = Cli.RunLines(keys.Select(rnd.Render), "key", "public");
        Assert.True(r.Exit == 0, r.ToString());
        var expected = Oracle.Call("public_key", keys.Select(k => new[] { Stark.Hex(k) }).ToArray());
        Assert.Equal(expected, r.OutLines);
    }

    [Fact]
    public void SignViaStdinAgreesWithOracle()
    {
        var rnd = new Inputs(302);
        var rows = Enumerable.Range(0, 200).Select(_ => (Key: rnd.PrivateKey(), Hash: rnd.Hash251())).ToArray();
        var r = Cli.RunLines(rows.Select(x => rnd.Render(x.Key) + " " + rnd.Render(x.Hash)), "sign");
        Assert.True(r.Exit == 0, r.ToString());
        var expected = Oracle.CallJson("sign", rows.Select(x => new[] { Stark.Hex(x.Key), Stark.Hex(x.Hash) }).ToArray());
        var got = r.OutLines;
        Assert.Equal(rows.Length, got.Length);
        for (int i = 0; i < rows.Length; i++)
        {
            var e = $"{expected[i].GetProperty("r").GetString()} {expected[i].GetProperty("s").GetString()}";
            Assert.True(e == got[i], $"line {i + 1}: sign {Stark.Hex(rows[i].Key)} {Stark.Hex(rows[i].Hash)}: got '{got[i]}', oracle '{e}'");
        }
    }

    [Fact]
    public void SignThenVerifySingleShot()
    {
        var s = Cli.Run("sign", "0x1234567", "0xabcdef");
        Assert.True(s.Exit == 0, s.ToString());
        var sig = Assert.Single(s.OutLines).Split(' ');
        Assert.Equal(2, sig.Length);
        Cli.AssertCanonical(sig[0]);
        Cli.AssertCanonical(sig[1]);
        var pub = Assert.Single(Cli.Run("key", "public", "0x1234567").OutLines);

        var ok = Cli.Run("verify", pub, "0xabcdef", sig[0], sig[1]);
        Assert.Equal(0, ok.Exit);
        Assert.Equal(["true"], ok.OutLines);
        Assert.Equal("", ok.Err);

        var bad = Cli.Run("verify", pub, "0xabcdee", sig[0], sig[1]);
        Assert.Equal(1, bad.Exit);
        Assert.Equal(["false"], bad.OutLines);
        Assert.Equal("", bad.Err);
    }

    /// <summary>Valid signatures and tampered ones (hash, r, s, key), all in range, against the oracle.</summary>
    [Fact]
    public void VerifyViaStdinAgreesWithOracle()
    {
        var rnd = new Inputs(303);
        const int n = 60;
        var keys = Enumerable.Range(0, n).Select(_ => rnd.PrivateKey()).ToArray();
        var hashes = Enumerable.Range(0, n).Select(_ => rnd.Hash251()).ToArray();
        var pubs = Oracle.Call("public_key", keys.Select(k => new[] { Stark.Hex(k) }).ToArray()).Select(ParseHex).ToArray();
        var sigs = Oracle.CallJson("sign", keys.Select((k, i) => new[] { Stark.Hex(k), Stark.Hex(hashes[i]) }).ToArray())
            .Select(j => (R: ParseHex(j.GetProperty("r").GetString()!), S: ParseHex(j.GetProperty("s").GetString()!))).ToArray();

        var rows = new List<BigInteger[]>();
        for (int i = 0; i < n; i++)
        {
            var (r, s) = sigs[i];
            rows.Add([pubs[i], hashes[i], r, s]); // valid
            rows.Add([pubs[i], (hashes[i] + 1) % Stark.Two251, r, s]); // other message
            rows.Add([pubs[i], hashes[i], r == Stark.Two251 - 1 ? 1 : r + 1, s]); // other r
            rows.Add([pubs[i], hashes[i], r, s == Stark.N - 1 ? 1 : s + 1]); // other s
            rows.Add([pubs[(i + 1) % n], hashes[i], r, s]); // other key
        }
        var result = Cli.RunLines(rows.Select(row => string.Join(' ', row.Select(rnd.Render))), "verify");
        Assert.Equal("", result.Err);
        var expected = Oracle.Call("verify", rows.Select(row => row.Select(Stark.Hex).ToArray()).ToArray());
        Assert.Equal(expected, result.OutLines);
        Assert.All(expected.Where((_, i) => i % 5 == 0), e => Assert.Equal("true", e));
        Assert.True(expected.Count(e => e == "false") > 3 * n, "the tampered signatures should mostly fail");
        // A false answer anywhere makes the exit code 1 (not 2: no line was bad input).
        Assert.Equal(1, result.Exit);

        var onlyValid = Cli.RunLines(rows.Where((_, i) => i % 5 == 0).Select(row => string.Join(' ', row.Select(Stark.Hex))), "verify");
        Assert.Equal(0, onlyValid.Exit);
        Assert.All(onlyValid.OutLines, l => Assert.Equal("true", l));
        Assert.Equal(n, onlyValid.OutLines.Length);
    }

    [Fact]
    public void VerifyAcceptsEitherYOfThePublicKey()
    {
        // The public key is only x: a signature made with N - k (the point with the other y) verifies too.
        var k = BigInteger.Parse("123456789");
        var negK = Stark.N - k;
        var hash = "0x1234";
        var pub = Assert.Single(Cli.Run("key", "public", Stark.Hex(k)).OutLines);
        Assert.Equal([pub], Cli.Run("key", "public", Stark.Hex(negK)).OutLines);
        var sig = Assert.Single(Cli.Run("sign", Stark.Hex(negK), hash).OutLines).Split(' ');
        var r = Cli.Run("verify", pub, hash, sig[0], sig[1]);
        Assert.Equal(Oracle.CallOne("verify", pub, hash, sig[0], sig[1]), Assert.Single(r.OutLines));
        Assert.Equal(0, r.Exit);
    }

    [Fact]
    public void OracleSignAnswerIsAnObject()
    {
        // Guards the JSON shape used above.
        var j = Oracle.CallJson("sign", [["0x1", "0x2"]])[0];
        Assert.Equal(JsonValueKind.Object, j.ValueKind);
    }
}
