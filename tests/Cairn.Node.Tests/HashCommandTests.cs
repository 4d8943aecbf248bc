using System.Numerics;
using Cairn.Testing;

namespace Cairn.Node.Tests;

/// <summary>`cairn hash ...` against the @scure/starknet / starknet.js oracle, mostly through --stdin.</summary>
public class HashCommandTests
{
    private static ScureOracle Oracle => ScureOracle.Shared;

    /// <summary>
    /// Runs the command over the rows with --stdin (each row written in random formats) and compares every
    /// output line with the oracle's answer for the same values in canonical hex.
    /// </summary>
    private static void CompareWithOracle(string[] command, string op, IReadOnlyList<BigInteger[]> rows, Inputs rnd)
    {
        var lines = rows.Select(row => string.Join(' ', row.Select(rnd.Render))).ToArray();
        var r = Cli.RunLines(lines, command);
        Assert.True(r.Exit == 0, r.ToString()[..Math.Min(2000, r.ToString().Length)]);
        Assert.Equal("", r.Err);
        var expected = Oracle.Call(op, rows.Select(row => row.Select(Stark.Hex).ToArray()).ToArray());
        var got = r.OutLines;
        Assert.Equal(rows.Count, got.Length);
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.True(expected[i] == got[i], $"line {i + 1}: {string.Join(' ', command)} {lines[i]}: got {got[i]}, oracle {expected[i]}");
            Cli.AssertCanonical(got[i]);
        }
    }

    private static BigInteger[][] Rows(Inputs rnd, int count, int min, int max) =>
        Enumerable.Range(0, count).Select(_ => rnd.Felts(min, max)).ToArray();

    [Fact]
    public void PedersenTwoThousandLinesInOneProcess()
    {
        var rnd = new Inputs(201);
        CompareWithOracle(["hash", "pedersen"], "pedersen", Rows(rnd, 2000, 2, 2), rnd);
    }

    [Fact]
    public void PedersenEdgeValues()
    {
        var rows = new List<BigInteger[]>();
        foreach (var a in Inputs.Edges)
        {
            foreach (var b in Inputs.Edges) rows.Add([a, b]);
        }
        CompareWithOracle(["hash", "pedersen"], "pedersen", rows, new Inputs(202));
    }

    [Fact]
    public void PedersenArray() => CompareWithOracle(["hash", "pedersen-array"], "pedersen_array", Rows(new Inputs(203), 200, 1, 8), new Inputs(213));

    [Fact]
    public void Poseidon() => CompareWithOracle(["hash", "poseidon"], "poseidon_many", Rows(new Inputs(204), 300, 1, 9), new Inputs(214));

    [Fact]
    public void PoseidonPair() => CompareWithOracle(["hash", "poseidon-pair"], "poseidon", Rows(new Inputs(205), 300, 2, 2), new Inputs(215));

    [Fact]
    public void PoseidonSingle() => CompareWithOracle(["hash", "poseidon-single"], "poseidon_single", Rows(new Inputs(206), 300, 1, 1), new Inputs(216));

    [Fact]
    public void Blake2s() => CompareWithOracle(["hash", "blake2s"], "blake2felt", Rows(new Inputs(207), 300, 1, 10), new Inputs(217));

    [Theory]
    [InlineData("pedersen-array", "pedersen_array")]
    [InlineData("poseidon", "poseidon_many")]
    [InlineData("blake2s", "blake2felt")]
    public void ListHashesOfNoValues(string command, string op)
    {
        var r = Cli.Run("hash", command);
        Assert.True(r.Exit == 0, r.ToString());
        Assert.Equal([Oracle.CallOne(op)], r.OutLines);
    }

    [Fact]
    public void SingleShotFormsAgreeWithOracle()
    {
        var rnd = new Inputs(208);
        for (int i = 0; i < 10; i++)
        {
            var (a, at) = rnd.FeltInput();
            var (b, bt) = rnd.FeltInput();
            var (c, ct) = rnd.FeltInput();
            string[] abc = [Stark.Hex(a), Stark.Hex(b), Stark.Hex(c)];
            Check(Oracle.CallOne("pedersen", abc[0], abc[1]), "hash", "pedersen", at, bt);
            Check(Oracle.CallOne("pedersen_array", abc), "hash", "pedersen-array", at, bt, ct);
            Check(Oracle.CallOne("poseidon_many", abc), "hash", "poseidon", at, bt, ct);
            Check(Oracle.CallOne("poseidon", abc[0], abc[1]), "hash", "poseidon-pair", at, bt);
            Check(Oracle.CallOne("poseidon_single", abc[0]), "hash", "poseidon-single", at);
            Check(Oracle.CallOne("blake2felt", abc), "hash", "blake2s", at, bt, ct);
        }

        static void Check(string expected, params string[] args)
        {
            var r = Cli.Run(args);
            Assert.True(r.Exit == 0, r.ToString());
            Assert.Equal("", r.Err);
            Assert.Equal([expected], r.OutLines);
        }
    }

    [Fact]
    public void PedersenKnownVector()
    {
        // Published Starknet test vector (starkware-libs/crypto-cpp): pedersen(0x3d93..., 0x208a...).
        var r = Cli.Run("hash", "pedersen",
            "0x3d937c035c878245caf64531a5756109c53068da139362728feb561405371cb",
            "0x208a0a10250e382e1e4bbe2880906c2791bf6275695e02fbbc6aeff9cd8b31a");
        Assert.True(r.Exit == 0, r.ToString());
        Assert.Equal(["0x30e480bed5fe53fa909cc0f8c4d99b8f9f2c016be4c41e13a4848797979c662"], r.OutLines);
    }

    // ---- selector -------------------------------------------------------------------------------

    public static TheoryData<string, string> SpecSelectors => new()
    {
        { "__execute__", "0x15d40a3d6ca2ac30f4031e42be28da9b056fef9bb7357ac5e85627ee876e5ad" },
        { "__validate__", "0x162da33a4585851fe8d3af3c2a9c60b557814e221e0d4f30ff0b2189d9c7775" },
        { "__validate_declare__", "0x289da278a8dc833409cabfdad1581e8e7d40e42dcaed693fa4008dcdb4963b3" },
        { "__validate_deploy__", "0x36fcbf06cd96843058359e1a75928beacfac10727dab22a3972f0af8aa92895" },
        { "constructor", "0x28ffe4ff0f226a9107253e17a904099aa4f63a02a5621de0576e5aa71bc5194" },
        { "transfer", "0x83afd3f4caedc6eebf44246fe54e38c95e3179a5ec9ea81740eca5b482d12e" },
        { "Transfer", "0x99cd8bde557814842a3121e8ddfd433a539b8c9f14bf31ebf108d12e6196e9" },
        { "", "0x1d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470" },
        { "__default__", "0x0" },
        { "__l1_default__", "0x0" },
    };

    [Theory]
    [MemberData(nameof(SpecSelectors))]
    public void SelectorsOfTheSpec(string name, string expected)
    {
        var r = Cli.Run("hash", "selector", name);
        Assert.True(r.Exit == 0, r.ToString());
        Assert.Equal([expected], r.OutLines);
        Assert.Equal("", r.Err);
    }

    [Fact]
    public void SpecSelectorsViaStdin()
    {
        var data = SpecSelectors.Select(row => ((string)row[0], (string)row[1])).ToArray();
        var r = Cli.RunLines(data.Select(d => d.Item1), "hash", "selector");
        Assert.True(r.Exit == 0, r.ToString());
        Assert.Equal(data.Select(d => d.Item2).ToArray(), r.OutLines);
    }

    [Fact]
    public void RandomSelectorsViaStdin()
    {
        var rnd = new Inputs(209);
        const string chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_ :()<>,!";
        var names = Enumerable.Range(0, 300).Select(_ =>
        {
            var c = new char[1 + rnd.NextInt(60)];
            for (int i = 0; i < c.Length; i++) c[i] = chars[rnd.NextInt(chars.Length)];
            return new string(c).Trim() is { Length: > 0 } s ? s : "x";
        }).ToArray();
        var r = Cli.RunLines(names, "hash", "selector");
        Assert.True(r.Exit == 0, r.ToString());
        var expected = Oracle.Call("selector", names.Select(n => new[] { n }).ToArray());
        Assert.Equal(expected, r.OutLines);
    }

    // ---- keccak ---------------------------------------------------------------------------------

    [Theory]
    [InlineData("")]
    [InlineData("0x")]
    [InlineData("0X")]
    public void KeccakOfNothing(string input)
    {
        var r = Cli.Run("hash", "keccak", input);
        Assert.True(r.Exit == 0, r.ToString());
        Assert.Equal(["0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"], r.OutLines);
    }

    [Theory]
    [InlineData("0xabc", "0abc")]
    [InlineData("abc", "0abc")]
    [InlineData("0x1", "01")]
    [InlineData("F", "0f")]
    public void KeccakOfOddLengthHexGetsALeadingZero(string input, string bytes)
    {
        var r = Cli.Run("hash", "keccak", input);
        Assert.True(r.Exit == 0, r.ToString());
        Assert.Equal([Oracle.CallOne("keccak", bytes)], r.OutLines);
    }

    [Fact]
    public void KeccakRandomBytesViaStdin()
    {
        var rnd = new Inputs(210);
        var data = Enumerable.Range(0, 300).Select(i => rnd.Bytes(i < 50 ? 8 : 300)).Where(b => b.Length > 0).ToArray();
        var lines = data.Select(rnd.RenderBytes).ToArray();
        var r = Cli.RunLines(lines, "hash", "keccak");
        Assert.True(r.Exit == 0, r.ToString());
        var expected = Oracle.Call("keccak", data.Select(b => new[] { Convert.ToHexStringLower(b) }).ToArray());
        Assert.Equal(expected, r.OutLines);
        // A 32-byte digest: always 0x + 64 digits, lowercase.
        Assert.All(r.OutLines, l => Assert.Matches("^0x[0-9a-f]{64}$", l));
    }
}
