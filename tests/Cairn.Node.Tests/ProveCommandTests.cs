using Cairn.Testing;

namespace Cairn.Node.Tests;

/// <summary>`cairn prove` and `cairn verify PROOF` on an example program, in-process (the fast test profile).</summary>
public sealed class ProveCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cairn-prove-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Tmp(string name) => Path.Combine(_dir, name);

    [Fact]
    public void A_proof_of_fibonacci_verifies_and_a_tampered_one_does_not()
    {
        string json = Tmp("fib.json");
        Assert.Equal(0, Cli.Run("asm", Path.Combine(ScureOracle.RepoRoot, "examples", "fibonacci.casm"), "-o", json).Exit);
        string proof = Tmp("fib.proof");
        var prove = Cli.Run("prove", json, "--profile", "test", "-o", proof);
        Assert.True(prove.Exit == 0, prove.ToString());
        Assert.True(File.Exists(proof));

        var verify = Cli.Run("verify", proof, "--min-security-bits", "20");
        Assert.True(verify.Exit == 0, verify.ToString());
        Assert.Contains("steps", verify.Out);
        Assert.Contains("plain", verify.Out);

        // Below the default minimum security (100 bits) the test profile is refused.
        Assert.NotEqual(0, Cli.Run("verify", proof).Exit);

        var bytes = File.ReadAllBytes(proof);
        bytes[bytes.Length / 2] ^= 0x40;
        string bad = Tmp("bad.proof");
        File.WriteAllBytes(bad, bytes);
        Assert.Equal(1, Cli.Run("verify", bad, "--min-security-bits", "20").Exit);

        Assert.Equal(2, Cli.Run("prove", json, "--layout", "starknet", "-o", Tmp("starknet.proof")).Exit);
    }

    [Fact]
    public void A_small_layout_proof_with_output_and_range_checks_verifies_and_prints_the_output()
    {
        string json = Tmp("rc.json");
        Assert.Equal(0, Cli.Run("asm", Path.Combine(ScureOracle.RepoRoot, "examples", "signed_window.casm"), "-o", json).Exit);
        string proof = Tmp("rc.proof");
        var prove = Cli.Run("prove", json, "--layout", "small", "--profile", "test", "-o", proof);
        Assert.True(prove.Exit == 0, prove.ToString());
        Assert.Contains("layout small", prove.Out);
        Assert.Contains("building the small-layout trace", prove.Err);

        var verify = Cli.Run("verify", proof, "--min-security-bits", "20");
        Assert.True(verify.Exit == 0, verify.ToString());
        Assert.Contains("valid", verify.OutLines);
        Assert.Contains("layout small", verify.OutLines);
        Assert.Contains("steps 512", verify.OutLines);
        Assert.Contains("output 0x800000000000010fffffffffffffffffffffffffffffffffffffffffffffffe 0x5 0x64", verify.OutLines);
        Assert.Contains(verify.OutLines, l => l.StartsWith("program_hash 0x", StringComparison.Ordinal));

        // The same run from its files: the public input's layout selects the AIR; a contradicting --layout is refused.
        string trace = Tmp("trace.bin"), memory = Tmp("memory.bin"), pub = Tmp("air_public_input.json");
        var run = Cli.Run("run", json, "--layout", "small", "--proof-mode", "--trace-file", trace, "--memory-file", memory, "--air-public-input", pub);
        Assert.True(run.Exit == 0, run.ToString());
        string fromFiles = Tmp("files.proof");
        var prove2 = Cli.Run("prove", "--trace-file", trace, "--memory-file", memory, "--air-public-input", pub, "--profile", "test", "-o", fromFiles);
        Assert.True(prove2.Exit == 0, prove2.ToString());
        Assert.Equal(File.ReadAllBytes(proof), File.ReadAllBytes(fromFiles));
        Assert.Equal(2, Cli.Run("prove", "--trace-file", trace, "--memory-file", memory, "--air-public-input", pub, "--layout", "plain", "-o", Tmp("x.proof")).Exit);

        // A program that uses pedersen cannot be proven in Cairn's small layout.
        string ped = Tmp("ped.json");
        Assert.Equal(0, Cli.Run("asm", Path.Combine(ScureOracle.RepoRoot, "examples", "pedersen.casm"), "-o", ped).Exit);
        var refused = Cli.Run("prove", ped, "--layout", "small", "--profile", "test", "-o", Tmp("ped.proof"));
        Assert.NotEqual(0, refused.Exit);
        Assert.Contains("pedersen", refused.Err);
    }
}
