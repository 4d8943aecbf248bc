using System.Numerics;

namespace Cairn.Node.Tests;

/// <summary>
/// Bad input gets a one-line `error: ...` on stderr, exit code 2, nothing on stdout, and never a stack trace.
/// </summary>
public class BadInputTests
{
    private static readonly string P = Stark.Dec(Stark.P);
    private static readonly string PHex = Stark.Hex(Stark.P);
    private static readonly string N = Stark.Hex(Stark.N);
    private static readonly string Two251 = Stark.Hex(Stark.Two251);
    private static readonly string Two256 = "0x1" + new string('0', 64);
    private static readonly string G = Stark.GeneratorX;
    private static readonly string NotOnCurve = Stark.Hex(Stark.NotOnCurveX);
    private const string R = "0x1234"; // any r and s in range: the checks come before the signature math
    private const string S = "0x5678";

    public static TheoryData<string[]> Cases()
    {
        var data = new TheoryData<string[]>();
        void Add(params string[] args) => data.Add(args);

        // felt: not a number, ≥ P, bad short strings, wrong count
        Add("felt", "abc");
        Add("felt", "1.5");
        Add("felt", "-1");
        Add("felt", "+1");
        Add("felt", "1e3");
        Add("felt", "0x");
        Add("felt", "0xg1");
        Add("felt", "0x-1");
        Add("felt", "");
        Add("felt", "'");
        Add("felt", "'abc");
        Add("felt", P);
        Add("felt", Stark.Dec(Stark.P + 1));
        Add("felt", PHex);
        Add("felt", "0x000" + PHex[2..]); // P with leading zeros (P has no hex letters, so no upper-case spelling)
        Add("felt", Two256);
        Add("felt", "9" + new string('9', 100));
        Add("felt", "'" + new string('a', 32) + "'");
        Add("felt", "'0123456789012345678901234567890123456789'");
        Add("felt", "'héllo'");
        Add("felt");
        Add("felt", "1", "2");

        // hash: each command with bad values and wrong counts
        Add("hash", "pedersen", "1");
        Add("hash", "pedersen");
        Add("hash", "pedersen", "1", "2", "3");
        Add("hash", "pedersen", "x", "2");
        Add("hash", "pedersen", "1", P);
        Add("hash", "pedersen", "1", "'" + new string('z', 40) + "'");
        Add("hash", "pedersen-array", "1", "2", "nope");
        Add("hash", "pedersen-array", PHex);
        Add("hash", "poseidon", "1", P);
        Add("hash", "poseidon", "0x1g");
        Add("hash", "poseidon-pair", "1");
        Add("hash", "poseidon-pair", "1", "2", "3");
        Add("hash", "poseidon-pair", PHex, "1");
        Add("hash", "poseidon-single");
        Add("hash", "poseidon-single", "1", "2");
        Add("hash", "poseidon-single", Two256);
        Add("hash", "selector");
        Add("hash", "selector", "a", "b");
        Add("hash", "selector", "trànsfer");
        Add("hash", "keccak");
        Add("hash", "keccak", "zz");
        Add("hash", "keccak", "0xgg");
        Add("hash", "keccak", "0x0x12");
        Add("hash", "keccak", "12 34");
        Add("hash", "keccak", "12", "34");
        Add("hash", "blake2s", "abc");
        Add("hash", "blake2s", "1", P);

        // key public: private key 0, ≥ N, not a number
        Add("key", "public", "0");
        Add("key", "public", "0x0");
        Add("key", "public", N);
        Add("key", "public", Stark.Hex(Stark.N + 1));
        Add("key", "public", Stark.Hex(Stark.P - 1));
        Add("key", "public", PHex);
        Add("key", "public", "abc");
        Add("key", "public");
        Add("key", "public", "1", "2");

        // sign: key range, hash ≥ 2^251, counts
        Add("sign", "0", "1");
        Add("sign", N, "1");
        Add("sign", "1", Two251);
        Add("sign", "1", Stark.Hex(Stark.P - 1));
        Add("sign", "1", P);
        Add("sign", "1", "x");
        Add("sign", "1");
        Add("sign", "1", "2", "3");

        // verify: r, s, hash out of range, public key not on the curve, counts, not numbers
        Add("verify", G, "1", "0", S);
        Add("verify", G, "1", Two251, S);
        Add("verify", G, "1", Stark.Hex(Stark.P - 1), S);
        Add("verify", G, "1", R, "0");
        Add("verify", G, "1", R, N);
        Add("verify", G, "1", R, Stark.Hex(Stark.P - 1));
        Add("verify", G, Two251, R, S);
        Add("verify", G, Stark.Hex(Stark.P - 1), R, S);
        Add("verify", NotOnCurve, "1", R, S);
        Add("verify", PHex, "1", R, S);
        Add("verify", G, "1", R);
        Add("verify", G, "1", R, S, "5");
        Add("verify");
        Add("verify", "pub", "1", R, S);
        Add("verify", G, "1", R, "--bogus");
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GivesAOneLineErrorAndExitCode2(string[] args)
    {
        var r = Cli.Run(args);
        Cli.AssertInputError(r);
    }

    [Fact]
    public void TheNotOnCurveKeyIsReallyNotOnTheCurve()
    {
        Assert.False(Stark.IsOnCurveX(Stark.NotOnCurveX));
        Assert.True(Stark.IsOnCurveX(BigInteger.Parse("0" + Stark.GeneratorX[2..], System.Globalization.NumberStyles.HexNumber)));
    }

    [Fact]
    public void ErrorsNameTheProblem()
    {
        Assert.Contains("not a number", Cli.Run("felt", "abc").Err);
        Assert.Contains("not below the field prime", Cli.Run("felt", PHex).Err);
        Assert.Contains("31", Cli.Run("felt", "'" + new string('a', 32) + "'").Err);
        Assert.Contains("expected 2 values, got 1", Cli.Run("hash", "pedersen", "1").Err);
        Assert.Contains("not hex", Cli.Run("hash", "keccak", "zz").Err);
        Assert.Contains("private key", Cli.Run("key", "public", "0").Err);
        Assert.Contains("2^251", Cli.Run("sign", "1", Two251).Err);
        Assert.Contains("r must be", Cli.Run("verify", G, "1", "0", S).Err);
        Assert.Contains("s must be", Cli.Run("verify", G, "1", R, N).Err);
        Assert.Contains("not the x of a point", Cli.Run("verify", NotOnCurve, "1", R, S).Err);
    }

    [Fact]
    public void ValuesJustInsideTheLimitsAreAccepted()
    {
        Assert.Equal(0, Cli.Run("felt", Stark.Hex(Stark.P - 1)).Exit);
        Assert.Equal(0, Cli.Run("felt", "'" + new string('a', 31) + "'").Exit);
        Assert.Equal(0, Cli.Run("key", "public", Stark.Hex(Stark.N - 1)).Exit);
        Assert.Equal(0, Cli.Run("sign", Stark.Hex(Stark.N - 1), Stark.Hex(Stark.Two251 - 1)).Exit);
        // r = 2^251 - 1, s = N - 1 are in range: a (false) answer, not an input error.
        var v = Cli.Run("verify", G, Stark.Hex(Stark.Two251 - 1), Stark.Hex(Stark.Two251 - 1), Stark.Hex(Stark.N - 1));
        Assert.Equal(1, v.Exit);
        Assert.Equal(["false"], v.OutLines);
    }

    /// <summary>
    /// Regression: System.CommandLine expands arguments that start with '@' as response files by default, so a
    /// value like '@x' printed "Response file not found 'x'." plus the whole help text on stdout and exited 1 —
    /// for `verify`, the code of a false signature. CliApp.Run now parses with ResponseFileTokenReplacer = null.
    /// </summary>
    [Theory]
    [InlineData("felt", "@x")]
    [InlineData("hash", "pedersen", "@1", "2")]
    [InlineData("verify", "@pub", "1", R, S)]
    public void AnAtSignValueIsAnInputErrorNotAResponseFile(params string[] args)
    {
        var r = Cli.Run(args);
        Cli.AssertInputError(r);
    }

    [Fact]
    public void AnAtSignSelectorNameIsHashedLikeAnyOther()
    {
        var r = Cli.Run("hash", "selector", "@transfer");
        Assert.True(r.Exit == 0, r.ToString());
        Assert.Equal([Cairn.Testing.ScureOracle.Shared.CallOne("selector", "@transfer")], r.OutLines);
    }

    [Fact]
    public void ArgumentsAndStdinTogetherIsAnError()
    {
        var r = Cli.RunWithInput("3 4\n", "hash", "pedersen", "1", "2", "--stdin");
        Cli.AssertInputError(r);
    }
}
