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

        Assert.Equal(2, Cli.Run("prove", json, "--layout", "small", "-o", Tmp("small.proof")).Exit);
    }
}
