using System.Text.Json;
using Cairn.Primitives;
using Cairn.Testing;
using Cairn.Trie;

namespace Cairn.Node.Tests;

public class TrieCommandTests
{
    private static (string Input, string Root) PathfinderVector()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(ScureOracle.VectorsDir, "primitives.json")));
        var c = doc.RootElement.GetProperty("trie_roots_251")[0];
        var lines = c.GetProperty("final_leaves").EnumerateArray()
            .Select(l => $"{l.GetProperty("key").GetString()} {l.GetProperty("value").GetString()}").ToList();
        lines.Add("0x5 0x0"); // the deleted leaf of the regression test: writing 0 is no leaf
        return (string.Join("\n", lines) + "\n", c.GetProperty("root").GetString()!);
    }

    [Fact]
    public void Root_matches_pathfinders_delete_leaf_regression()
    {
        var (input, root) = PathfinderVector();
        var r = Cli.RunWithInput(input, "trie", "root");
        Assert.Equal(0, r.Exit);
        Assert.Equal([root], r.OutLines);
    }

    [Fact]
    public void Proofs_of_present_and_absent_keys_verify_against_the_root()
    {
        var (input, root) = PathfinderVector();
        foreach (var key in new[] { "0x1a2fd9b06eab5bca4d3885ee4c42736e835a57399ff8b7f6083a92fd2a20095", "0x5", "0x7ffff" })
        {
            var r = Cli.RunWithInput(input, "trie", "proof", key);
            Assert.Equal(0, r.Exit);
            using var doc = JsonDocument.Parse(r.Out);
            Assert.Equal(root, doc.RootElement.GetProperty("root").GetString());
            var nodes = doc.RootElement.GetProperty("nodes").EnumerateArray().Select(n =>
            {
                var hash = Felt.Parse(n.GetProperty("node_hash").GetString());
                var node = n.GetProperty("node");
                return node.TryGetProperty("left", out var left)
                    ? ProofNode.Binary(hash, Felt.Parse(left.GetString()), Felt.Parse(node.GetProperty("right").GetString()))
                    : ProofNode.Edge(hash, Felt.Parse(node.GetProperty("child").GetString()), Felt.Parse(node.GetProperty("path").GetString()), node.GetProperty("length").GetInt32());
            }).ToList();
            Assert.True(TrieProof.TryVerify<PedersenTrieHash>(Felt.Parse(root), Felt.Parse(key), 251, nodes, out var value));
            Assert.Equal(doc.RootElement.GetProperty("value").GetString(), value.ToString());
        }
    }

    [Fact]
    public void Poseidon_and_other_heights_are_selectable()
    {
        var pedersen = Cli.RunWithInput("1 2\n3 4\n", "trie", "root", "--height", "64");
        var poseidon = Cli.RunWithInput("1 2\n3 4\n", "trie", "root", "--height", "64", "--hash", "poseidon");
        Assert.Equal(0, pedersen.Exit);
        Assert.Equal(0, poseidon.Exit);
        Assert.NotEqual(pedersen.Out, poseidon.Out);
        Assert.Equal(["0x0"], Cli.RunWithInput("", "trie", "root").OutLines); // the empty trie
    }

    [Theory]
    [InlineData("1 2\nnot-a-number 3\n", "root")]
    [InlineData("1 2 3\n", "root")]
    [InlineData("0x800000000000000000000000000000000000000000000000000000000000000 1\n", "root")]
    [InlineData("256 1\n", "root", "--height", "8")]
    [InlineData("1 2\n", "root", "--hash", "sha256")]
    public void Bad_input_is_a_one_line_error(string input, params string[] rest)
    {
        var r = Cli.RunWithInput(input, ["trie", .. rest]);
        Assert.NotEqual(0, r.Exit);
        Assert.Equal("", r.Out);
        Assert.DoesNotContain("   at ", r.Err);
    }
}

public class UsageErrorTests
{
    [Theory]
    [InlineData("hash", "pedersn", "1", "2")]
    [InlineData("hash")]
    [InlineData("trie", "root", "--hash", "sha256")]
    [InlineData("key", "public", "--nope", "1")]
    public void Usage_errors_exit_2_with_errors_on_stderr_only(params string[] args)
    {
        var r = Cli.Run(args);
        Assert.Equal(2, r.Exit);
        Assert.Equal("", r.Out);
        Assert.StartsWith("error: ", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
    }
}
