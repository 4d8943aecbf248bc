namespace Cairn.Node.Tests;

public class HelpTests
{
    public static TheoryData<string[]> Commands => new()
    {
        Array.Empty<string>(),
        new[] { "felt" },
        new[] { "hash" },
        new[] { "hash", "pedersen" },
        new[] { "hash", "pedersen-array" },
        new[] { "hash", "poseidon" },
        new[] { "hash", "poseidon-pair" },
        new[] { "hash", "poseidon-single" },
        new[] { "hash", "selector" },
        new[] { "hash", "keccak" },
        new[] { "hash", "blake2s" },
        new[] { "key" },
        new[] { "key", "new" },
        new[] { "key", "public" },
        new[] { "sign" },
        new[] { "verify" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void HelpExitsZeroAndPrintsUsage(string[] command)
    {
        foreach (var flag in new[] { "--help", "-h", "-?" })
        {
            var r = Cli.Run([.. command, flag]);
            Assert.True(r.Exit == 0, $"{string.Join(' ', command)} {flag}: {r}");
            Assert.Contains("Usage:", r.Out);
            // In-process the root command is named after the host process; the script test checks "cairn".
            var usage = r.OutLines.SkipWhile(l => l != "Usage:").Skip(1).FirstOrDefault() ?? "";
            Assert.Contains(string.Join(' ', ["", .. command, ""]), usage + " ");
            Assert.Contains("Description:", r.Out);
            Assert.Equal("", r.Err);
        }
    }

    [Fact]
    public void RootHelpListsEveryCommand()
    {
        var r = Cli.Run("--help");
        foreach (var c in new[] { "felt", "hash", "key", "sign", "verify" }) Assert.Contains(c, r.Out);
        var h = Cli.Run("hash", "--help");
        foreach (var c in new[] { "pedersen", "pedersen-array", "poseidon", "poseidon-pair", "poseidon-single", "selector", "keccak", "blake2s" })
            Assert.Contains(c, h.Out);
        var k = Cli.Run("key", "--help");
        Assert.Contains("new", k.Out);
        Assert.Contains("public", k.Out);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void ValueCommandsDocumentStdin(string[] command)
    {
        var r = Cli.Run([.. command, "--help"]);
        bool takesValues = command is ["felt"] or ["sign"] or ["verify"] or ["key", "public"] or ["hash", _];
        if (takesValues) Assert.Contains("--stdin", r.Out);
    }
}
