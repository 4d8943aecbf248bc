using Cairn.Testing;

namespace Cairn.Node.Tests;

/// <summary>--stdin: one result per line, bad lines reported in place, exit code the worst of all lines.</summary>
public class StdinTests
{
    private static ScureOracle Oracle => ScureOracle.Shared;

    [Fact]
    public void ABadLineInTheMiddleGetsAnErrorLineInItsPlace()
    {
        string[] lines = ["1 2", "3 4", "1 xyz", "5 6", Stark.Hex(Stark.P) + " 1", "7", "8 9"];
        var r = Cli.RunLines(lines, "hash", "pedersen");
        Assert.Equal(2, r.Exit);
        var got = r.OutLines;
        Assert.Equal(lines.Length, got.Length);
        var expected = Oracle.Call("pedersen", [["1", "2"], ["3", "4"], ["5", "6"], ["8", "9"]]);
        Assert.Equal(expected[0], got[0]);
        Assert.Equal(expected[1], got[1]);
        Assert.StartsWith("error: ", got[2]);
        Assert.Equal(expected[2], got[3]);
        Assert.StartsWith("error: ", got[4]);
        Assert.StartsWith("error: ", got[5]);
        Assert.Equal(expected[3], got[6]);
        // stderr names each bad line once, and no stack trace anywhere
        var err = r.ErrLines;
        Assert.Equal(3, err.Length);
        Assert.Contains("line 3", err[0]);
        Assert.Contains("line 5", err[1]);
        Assert.Contains("line 6", err[2]);
        Assert.All(err, l => Assert.StartsWith("error: ", l));
        Cli.AssertNoStackTrace(r.Out + r.Err);
    }

    [Theory]
    [InlineData("felt", "65", "'" + "toolongtoolongtoolongtoolongtoolong" + "'", "66")]
    [InlineData("hash poseidon-single", "1", "0x", "2")]
    [InlineData("hash poseidon", "1 2", "1 2 z", "3")]
    [InlineData("hash pedersen-array", "1 2", "0x1 -5", "3")]
    [InlineData("hash blake2s", "1 2", "'é'", "3")]
    [InlineData("hash poseidon-pair", "1 2", "1", "3 4")]
    [InlineData("hash keccak", "0xab", "0xzz", "cd")]
    [InlineData("hash selector", "transfer", "trànsfer", "constructor")]
    [InlineData("key public", "1", "0", "2")]
    [InlineData("sign", "1 2", "1 " + "0x800000000000000000000000000000000000000000000000000000000000000", "3 4")]
    public void EveryCommandReportsABadLineInPlace(string command, string good1, string bad, string good2)
    {
        var args = command.Split(' ');
        var r = Cli.RunLines([good1, bad, good2], args);
        Assert.Equal(2, r.Exit);
        var got = r.OutLines;
        Assert.Equal(3, got.Length);
        Assert.Equal(Assert.Single(Cli.Run([.. args, .. Split(args, good1)]).OutLines), got[0]);
        Assert.StartsWith("error: ", got[1]);
        Assert.Equal(Assert.Single(Cli.Run([.. args, .. Split(args, good2)]).OutLines), got[2]);
        Assert.Single(r.ErrLines);
        Assert.Contains("line 2", r.Err);
        Cli.AssertNoStackTrace(r.Out + r.Err);

        static string[] Split(string[] args, string line) => args[^1] == "selector" ? [line] : line.Split(' ');
    }

    [Fact]
    public void VerifyExitCodeIsTheWorstOfAllLines()
    {
        var sig = Cli.Run("sign", "7", "0x99").OutLines[0];
        var pub = Cli.Run("key", "public", "7").OutLines[0];
        string good = $"{pub} 0x99 {sig}";
        string wrong = $"{pub} 0x98 {sig}";
        string bad = $"{pub} 0x99 0x0 0x1";

        var allTrue = Cli.RunLines([good, good], "verify");
        Assert.Equal(0, allTrue.Exit);
        Assert.Equal(["true", "true"], allTrue.OutLines);

        var oneFalse = Cli.RunLines([good, wrong, good], "verify");
        Assert.Equal(1, oneFalse.Exit);
        Assert.Equal(["true", "false", "true"], oneFalse.OutLines);
        Assert.Equal("", oneFalse.Err);

        var withError = Cli.RunLines([good, bad, wrong], "verify");
        Assert.Equal(2, withError.Exit);
        Assert.Equal(3, withError.OutLines.Length);
        Assert.Equal("true", withError.OutLines[0]);
        Assert.StartsWith("error: ", withError.OutLines[1]);
        Assert.Equal("false", withError.OutLines[2]);
    }

    [Fact]
    public void EmptyInputGivesNoOutputAndExitZero()
    {
        var r = Cli.RunWithInput("", "hash", "pedersen", "--stdin");
        Assert.Equal(0, r.Exit);
        Assert.Equal("", r.Out);
        Assert.Equal("", r.Err);
    }

    [Fact]
    public void WhitespaceAndLineEndingsAreTolerated()
    {
        var r = Cli.RunWithInput("  1\t 2  \r\n3 4", "hash", "pedersen", "--stdin");
        Assert.Equal(0, r.Exit);
        Assert.Equal(Oracle.Call("pedersen", [["1", "2"], ["3", "4"]]), r.OutLines);
    }

    [Fact]
    public void SelectorTakesTheWholeLineAsTheName()
    {
        var r = Cli.RunWithInput("foo bar\n  transfer  \n", "hash", "selector", "--stdin");
        Assert.Equal(0, r.Exit);
        Assert.Equal(Oracle.Call("selector", [["foo bar"], ["transfer"]]), r.OutLines);
    }

    [Fact]
    public void FeltViaStdinDescribesEachLine()
    {
        var r = Cli.RunLines(["'SN_MAIN'", "0", "0X0041"], "felt");
        Assert.Equal(0, r.Exit);
        Assert.Equal(["0x534e5f4d41494e 23448594291968334 'SN_MAIN'", "0x0 0", "0x41 65 'A'"], r.OutLines);
    }

    /// <summary>
    /// BUG: blank lines are skipped, so for the commands that take any number of values (zero included:
    /// pedersen-array, poseidon, blake2s) a line holding the empty list gets no result and every later
    /// result moves up a line — scripts that pair input and output lines get wrong answers. The single-shot
    /// forms accept zero values. Fix in ValueCommand.RunLines:
    /// <c>if (trimmed.Length == 0 &amp;&amp; !wholeLine &amp;&amp; min &gt; 0) continue;</c>
    /// </summary>
    [Theory]
    [InlineData("pedersen-array", "pedersen_array")]
    [InlineData("poseidon", "poseidon_many")]
    [InlineData("blake2s", "blake2felt")]
    public void AnEmptyLineIsTheEmptyListForListHashes(string command, string op)
    {
        var r = Cli.RunWithInput("1 2\n\n3\n", "hash", command, "--stdin");
        Assert.Equal(0, r.Exit);
        Assert.Equal(Oracle.Call(op, [["1", "2"], [], ["3"]]), r.OutLines);
    }

    /// <summary>
    /// BUG: --stdin splits every line at whitespace, even inside a quoted short string, so a short string
    /// with a space (accepted as an argument: `cairn felt "'hello world'"`) cannot be given on standard
    /// input: "expected 1 value, got 2". Fix: split lines into tokens with a small tokenizer that keeps a
    /// '...' run (quotes included) together.
    /// </summary>
    [Fact]
    public void AShortStringWithASpaceWorksViaStdin()
    {
        var single = Cli.Run("felt", "'hello world'");
        Assert.Equal(0, single.Exit);
        var r = Cli.RunLines(["'hello world'"], "felt");
        Assert.True(r.Exit == 0, r.ToString());
        Assert.Equal(single.OutLines, r.OutLines);

        var pair = Cli.RunLines(["'a b' 'c d'"], "hash", "pedersen");
        Assert.True(pair.Exit == 0, pair.ToString());
        Assert.Equal([Oracle.CallOne("pedersen", Stark.Hex(Stark.FromShortString("a b")), Stark.Hex(Stark.FromShortString("c d")))], pair.OutLines);
    }
}
