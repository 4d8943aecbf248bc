using System.Diagnostics;
using Cairn.Testing;

namespace Cairn.Node.Tests;

/// <summary>The real `./cairn` script at the repository root, as a user runs it (it builds on first use).</summary>
public class ScriptTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private static CliResult RunScript(string? stdin, params string[] args)
    {
        var psi = new ProcessStartInfo(Path.Combine(ScureOracle.RepoRoot, "cairn"))
        {
            WorkingDirectory = ScureOracle.RepoRoot,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        if (stdin is not null) p.StandardInput.Write(stdin);
        p.StandardInput.Close();
        if (!p.WaitForExit(Timeout))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"./cairn {string.Join(' ', args)} did not finish within {Timeout}");
        }
        p.WaitForExit();
        return new CliResult(p.ExitCode, output.Result, error.Result);
    }

    /// <summary>Drops the script's own build notice (printed when it (re)builds first).</summary>
    private static string[] ErrWithoutBuildNotice(CliResult r) =>
        r.ErrLines.Where(l => !l.StartsWith("cairn: building", StringComparison.Ordinal)).ToArray();

    // One test, so that two first runs never build at the same time.
    [Fact]
    public void CairnScriptRunsCommandsAndPipes()
    {
        var pedersen = RunScript(null, "hash", "pedersen", "1", "2");
        Assert.True(pedersen.Exit == 0, pedersen.ToString());
        Assert.Equal([ScureOracle.Shared.CallOne("pedersen", "1", "2")], pedersen.OutLines);
        Assert.Empty(ErrWithoutBuildNotice(pedersen));

        var rnd = new Inputs(701);
        var rows = Enumerable.Range(0, 1000).Select(_ => new[] { Stark.Hex(rnd.Felt()), Stark.Hex(rnd.Felt()) }).ToArray();
        var lines = rows.Select(r => string.Join(' ', r)).ToList();
        lines.Insert(500, "oops 1");
        var piped = RunScript(string.Join("\n", lines) + "\n", "hash", "poseidon-pair", "--stdin");
        Assert.Equal(2, piped.Exit);
        var got = piped.OutLines;
        Assert.Equal(1001, got.Length);
        var expected = ScureOracle.Shared.Call("poseidon", rows);
        Assert.Equal(expected[..500], got[..500]);
        Assert.StartsWith("error: ", got[500]);
        Assert.Equal(expected[500..], got[501..]);
        Assert.Equal(["error: poseidon-pair: line 501: A: 'oops' is not a number (expected decimal or 0x-prefixed hex)"], ErrWithoutBuildNotice(piped));

        var bad = RunScript(null, "verify", Stark.GeneratorX, "1", "0", "1");
        Assert.Equal(2, bad.Exit);
        Assert.Equal("", bad.Out);
        Assert.Single(ErrWithoutBuildNotice(bad));
        Cli.AssertNoStackTrace(bad.Err);

        var help = RunScript(null, "--help");
        Assert.Equal(0, help.Exit);
        Assert.Contains("Usage:", help.Out);
        Assert.Contains("cairn [command] [options]", help.Out);
        var subHelp = RunScript(null, "hash", "keccak", "--help");
        Assert.Equal(0, subHelp.Exit);
        Assert.Contains("cairn hash keccak", subHelp.Out);
    }
}
