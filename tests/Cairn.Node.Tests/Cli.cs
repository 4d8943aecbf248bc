using System.Text.RegularExpressions;
using Cairn.Node.Cli;

namespace Cairn.Node.Tests;

/// <summary>The outcome of one in-process `cairn` invocation.</summary>
public sealed record CliResult(int Exit, string Out, string Err)
{
    /// <summary>Standard output split into lines (the final newline does not make an empty line).</summary>
    public string[] OutLines => Lines(Out);

    public string[] ErrLines => Lines(Err);

    private static string[] Lines(string text)
    {
        var t = text.ReplaceLineEndings("\n");
        if (t.EndsWith('\n')) t = t[..^1];
        return t.Length == 0 ? [] : t.Split('\n');
    }

    public override string ToString() => $"exit {Exit}\n--- stdout ---\n{Out}\n--- stderr ---\n{Err}";
}

/// <summary>Runs the command line in-process through <see cref="CliApp.Run"/> with string streams.</summary>
public static partial class Cli
{
    public static CliResult Run(params string[] args) => RunWithInput("", args);

    public static CliResult RunWithInput(string stdin, params string[] args)
    {
        using var input = new StringReader(stdin);
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        int exit = CliApp.Run(args, input, output, error);
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    /// <summary>Runs <paramref name="args"/> with --stdin over the given lines.</summary>
    public static CliResult RunLines(IEnumerable<string> lines, params string[] args) =>
        RunWithInput(string.Join("\n", lines) + "\n", [.. args, "--stdin"]);

    [GeneratedRegex("^0x(0|[1-9a-f][0-9a-f]*)$")]
    public static partial Regex CanonicalFelt();

    public static void AssertCanonical(string text) =>
        Assert.True(CanonicalFelt().IsMatch(text), $"'{text}' is not canonical lowercase 0x hex without leading zeros");

    /// <summary>No stack trace or exception name leaked into the text.</summary>
    public static void AssertNoStackTrace(string text)
    {
        Assert.DoesNotContain("   at ", text);
        Assert.DoesNotContain("Exception", text);
        Assert.DoesNotContain("Unhandled", text);
    }

    /// <summary>The single-shot error contract: exit 2, nothing on stdout, one `error: ...` line on stderr.</summary>
    public static void AssertInputError(CliResult r)
    {
        Assert.True(r.Exit == ValueCommand.ExitInputError, $"expected exit code 2\n{r}");
        Assert.True(r.Out.Length == 0, $"expected nothing on stdout\n{r}");
        var lines = r.ErrLines;
        Assert.True(lines.Length == 1, $"expected exactly one line on stderr\n{r}");
        Assert.StartsWith("error: ", lines[0]);
        Assert.True(lines[0].Length > "error: ".Length + 5, $"the error message is not informative\n{r}");
        AssertNoStackTrace(r.Out + r.Err);
    }
}
