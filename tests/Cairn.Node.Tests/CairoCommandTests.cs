using Cairn.Testing;

namespace Cairn.Node.Tests;

/// <summary>`cairn asm` and `cairn run` on the programs in examples/, in-process.</summary>
public sealed class CairoCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cairn-cairo-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Example(string name) => Path.Combine(ScureOracle.RepoRoot, "examples", name + ".casm");

    private string Tmp(string name) => Path.Combine(_dir, name);

    private string Assemble(string example)
    {
        string json = Tmp(example + ".json");
        var r = Cli.Run("asm", Example(example), "-o", json);
        Assert.True(r.Exit == 0, r.ToString());
        Assert.Equal("", r.Out);
        Assert.True(File.Exists(json));
        return json;
    }

    [Theory]
    [InlineData("fibonacci")]
    [InlineData("factorial")]
    public void ExamplesRunInExecutionAndProofMode(string example)
    {
        string json = Assemble(example);
        var run = Cli.Run("run", json);
        Assert.True(run.Exit == 0, run.ToString());
        Assert.Equal("", run.Out);

        var print = Cli.Run("run", json, "--print-output");
        Assert.True(print.Exit == 0, print.ToString());
        Assert.Equal("", print.Out); // no output builtin: cairo-run prints nothing

        var proof = Cli.Run("run", json, "--proof-mode", "--air-public-input", Tmp("air.json"), "--trace-file", Tmp("trace.bin"), "--memory-file", Tmp("memory.bin"));
        Assert.True(proof.Exit == 0, proof.ToString());
        Assert.Equal(0, new FileInfo(Tmp("trace.bin")).Length % 24);
        Assert.True(new FileInfo(Tmp("trace.bin")).Length >= 24 * 4);
        Assert.Contains("\"layout\": \"plain\"", File.ReadAllText(Tmp("air.json")));
    }

    [Fact]
    public void AirPrivateInputNeedsProofModeAndTheTraceAndMemoryFiles()
    {
        string json = Assemble("output");
        var noProof = Cli.Run("run", json, "--layout", "small", "--air-private-input", Tmp("priv.json"), "--trace-file", Tmp("t.bin"), "--memory-file", Tmp("m.bin"));
        Assert.Equal(2, noProof.Exit);
        Assert.Contains("--air-private-input requires --proof-mode", noProof.Err);
        var noTrace = Cli.Run("run", json, "--layout", "small", "--proof-mode", "--air-private-input", Tmp("priv.json"), "--memory-file", Tmp("m.bin"));
        Assert.Equal(2, noTrace.Exit);
        Assert.Contains("--air-private-input requires --trace-file", noTrace.Err);
        var noMemory = Cli.Run("run", json, "--layout", "small", "--proof-mode", "--air-private-input", Tmp("priv.json"), "--trace-file", Tmp("t.bin"));
        Assert.Equal(2, noMemory.Exit);
        Assert.Contains("--air-private-input requires --memory-file", noMemory.Err);
        Assert.False(File.Exists(Tmp("priv.json")));

        var ok = Cli.Run("run", json, "--layout", "small", "--proof-mode", "--air-private-input", Tmp("priv.json"), "--trace-file", Tmp("t.bin"), "--memory-file", Tmp("m.bin"));
        Assert.True(ok.Exit == 0, ok.ToString());
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Tmp("priv.json")));
        var root = doc.RootElement;
        Assert.Equal(Path.GetFullPath(Tmp("t.bin")), root.GetProperty("trace_path").GetString());
        Assert.Equal(Path.GetFullPath(Tmp("m.bin")), root.GetProperty("memory_path").GetString());
        // Every layout builtin but output (which has no private input), unused ones empty.
        Assert.Equal(["trace_path", "memory_path", "pedersen", "range_check", "ecdsa"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, root.GetProperty("pedersen").GetArrayLength());
        Assert.Equal(0, root.GetProperty("range_check").GetArrayLength());
    }

    [Fact]
    public void OutputExamplePrintsItsOutput()
    {
        string json = Assemble("output");
        var r = Cli.Run("run", json, "--layout", "small", "--print-output");
        Assert.True(r.Exit == 0, r.ToString());
        Assert.Equal("Program output:\n  42\n  84\n  -1\n\n", r.Out);

        var proof = Cli.Run("run", json, "--layout", "small", "--proof-mode", "--print-output", "--air-public-input", Tmp("air.json"));
        Assert.True(proof.Exit == 0, proof.ToString());
        Assert.Equal("Program output:\n  42\n  84\n  -1\n\n", proof.Out);
        Assert.Contains("\"output\"", File.ReadAllText(Tmp("air.json")));

        // cairo-run's default layout is plain, which has no output builtin.
        var plain = Cli.Run("run", json);
        Assert.Equal(1, plain.Exit);
        Assert.Contains("not present in layout \"plain\"", plain.Err);
    }

    [Fact]
    public void TraceAndMemoryFilesAreWrittenAndDeterministic()
    {
        string json = Assemble("factorial");
        byte[][] Files(string suffix)
        {
            var r = Cli.Run("run", json, "--trace-file", Tmp("t" + suffix), "--memory-file", Tmp("m" + suffix));
            Assert.True(r.Exit == 0, r.ToString());
            return [File.ReadAllBytes(Tmp("t" + suffix)), File.ReadAllBytes(Tmp("m" + suffix))];
        }
        var a = Files("1");
        var b = Files("2");
        Assert.NotEmpty(a[0]);
        Assert.NotEmpty(a[1]);
        Assert.Equal(0, a[0].Length % 24);
        Assert.Equal(0, a[1].Length % 40);
        Assert.Equal(a[0], b[0]);
        Assert.Equal(a[1], b[1]);

        // The first trace entry starts at main: pc = 1 + main (relocated program base is 1).
        ulong pc0 = BitConverter.ToUInt64(a[0], 16);
        Assert.Equal(7UL, pc0);
    }

    [Fact]
    public void PrintOutputShowsGapsAndLargeValuesAsCairoRunDoes()
    {
        File.WriteAllText(Tmp("gap.casm"), """
            %builtins output
            main:
                [ap] = 0x400000000000000000000000000, ap++   // 2^106: printed as hex
                [ap + -1] = [[fp + -3]]
                [ap] = -7, ap++
                [ap + -1] = [[fp + -3] + 2]                 // output[1] is never written
                [ap] = [fp + -3] + 3, ap++
                ret
            """);
        var asm = Cli.Run("asm", Tmp("gap.casm"), "-o", Tmp("gap.json"));
        Assert.True(asm.Exit == 0, asm.ToString());
        var r = Cli.Run("run", Tmp("gap.json"), "--layout", "small", "--print-output");
        Assert.True(r.Exit == 0, r.ToString());
        Assert.Equal("Program output:\n  0x400000000000000000000000000\n  <missing>\n  -7\n\n", r.Out);
    }

    [Fact]
    public void StepLimitFailureNamesThePc()
    {
        string json = Assemble("factorial");
        var r = Cli.Run("run", json, "--max-steps", "10");
        Assert.Equal(1, r.Exit);
        Assert.StartsWith("error: run: Error at pc=0:", r.Err);
        Assert.Contains("step limit exceeded", r.Err);
    }

    [Fact]
    public void MemoryLimitFailureNamesThePc()
    {
        File.WriteAllText(Tmp("grow.casm"), "main:\n    [ap] = 1, ap++\n    jmp main\n");
        var asm = Cli.Run("asm", Tmp("grow.casm"), "-o", Tmp("grow.json"));
        Assert.True(asm.Exit == 0, asm.ToString());
        var r = Cli.Run("run", Tmp("grow.json"), "--max-memory", "1M");
        Assert.Equal(1, r.Exit);
        Assert.StartsWith("error: run: Error at pc=0:0", r.Err);
        Assert.Contains("memory limit exceeded", r.Err);
        Assert.Contains("above the limit of 1048576 bytes", r.Err);
        foreach (var text in new[] { "0", "-5", "1T", "G", "12x", "9999999999G" })
        {
            var bad = Cli.Run("run", Tmp("grow.json"), "--max-memory", text);
            Assert.True(bad.Exit == 2, $"{text}: {bad}");
            Assert.Contains("--max-memory must be a positive number of bytes", bad.Err);
        }
        Assert.Equal(3L << 20, Cairn.Node.Cli.CairoCommands.ParseBytes("3m", "--max-memory"));
        Assert.Equal(5L << 30, Cairn.Node.Cli.CairoCommands.ParseBytes("5G", "--max-memory"));
        Assert.Equal(4096, Cairn.Node.Cli.CairoCommands.ParseBytes("4096", "--max-memory"));
    }

    [Fact]
    public void InputErrorsExitTwo()
    {
        File.WriteAllText(Tmp("bad.casm"), "main:\n    [ap] = 1, ap++\n    jmp nowhere\n");
        var asm = Cli.Run("asm", Tmp("bad.casm"), "-o", Tmp("bad.json"));
        Assert.Equal(2, asm.Exit);
        Assert.Equal([$"error: asm: {Tmp("bad.casm")}: line 3: unknown label 'nowhere'"], asm.ErrLines);
        Assert.False(File.Exists(Tmp("bad.json")));

        var missing = Cli.Run("asm", Tmp("none.casm"), "-o", Tmp("x.json"));
        Assert.Equal(2, missing.Exit);
        Assert.StartsWith("error: asm: cannot read source file", missing.Err);

        string json = Assemble("fibonacci");
        var air = Cli.Run("run", json, "--air-public-input", Tmp("air.json"));
        Assert.Equal(2, air.Exit);
        Assert.Contains("--air-public-input requires --proof-mode", air.Err);

        var layout = Cli.Run("run", json, "--layout", "nope");
        Assert.Equal(2, layout.Exit);
        Assert.Contains("unknown layout 'nope'", layout.Err);

        File.WriteAllText(Tmp("junk.json"), "{");
        var junk = Cli.Run("run", Tmp("junk.json"));
        Assert.Equal(2, junk.Exit);
        Assert.Contains("malformed program JSON", junk.Err);
        Assert.DoesNotContain("   at ", junk.Err);
    }

    [Fact]
    public void EntrypointSelectsTheFunctionToRun()
    {
        string source = Tmp("two.casm");
        File.WriteAllText(source, """
            %builtins output
            main:
                [ap] = [fp + -3], ap++
                ret
            alt:
                [ap] = 7, ap++
                [ap + -1] = [[fp + -3]]
                [ap] = [fp + -3] + 1, ap++
                ret
            """);
        string json = Tmp("two.json");
        Assert.Equal(0, Cli.Run("asm", source, "-o", json).Exit);

        var main = Cli.Run("run", json, "--print-output", "--layout", "small");
        Assert.True(main.Exit == 0, main.ToString());
        Assert.Equal(["Program output:", ""], main.OutLines);

        var alt = Cli.Run("run", json, "--print-output", "--layout", "small", "--entrypoint", "alt");
        Assert.True(alt.Exit == 0, alt.ToString());
        Assert.Equal(["Program output:", "  7", ""], alt.OutLines);

        var unknown = Cli.Run("run", json, "--entrypoint", "nope");
        Assert.Equal(2, unknown.Exit);
        Assert.Contains("no function '__main__.nope'", unknown.Err);

        var proof = Cli.Run("run", json, "--proof-mode", "--entrypoint", "alt");
        Assert.Equal(2, proof.Exit);
        Assert.Contains("--entrypoint cannot be used with --proof-mode", proof.Err);
    }
}
