using System.Text.Json;
using Cairn.Testing;

namespace Cairn.Node.Tests;

/// <summary>
/// `cairn run` against files cairo-run wrote for the same program (tests/Cairn.Cairo.Tests/Oracle,
/// see its README): the same flags give the same trace.bin bytes, the same memory as an address →
/// value map, and the same air_public_input.json / air_private_input.json text.
/// </summary>
public sealed class CairoRunOracleTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cairn-oracle-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Fixture(string name, string source = "sandstorm") => Path.Combine(ScureOracle.RepoRoot, "tests", "Cairn.Cairo.Tests", "Oracle", source, name);

    private string Tmp(string name) => Path.Combine(_dir, name);

    private static byte[] HexDump(string name) =>
        Convert.FromHexString(JsonDocument.Parse(File.ReadAllText(Fixture(name))).RootElement.GetProperty("hex").GetString()!);

    private static SortedDictionary<ulong, string> MemoryMap(byte[] memory)
    {
        var map = new SortedDictionary<ulong, string>();
        for (int i = 0; i < memory.Length; i += 40) map.Add(BitConverter.ToUInt64(memory, i), Convert.ToHexString(memory, i + 8, 32));
        return map;
    }

    [Fact]
    public void RunWritesCairoRunsFilesForSandstormsArraySumInTheRecursiveLayout()
    {
        // cairo-run --program array-sum.json --air_private_input … --air_public_input … --trace_file …
        //   --memory_file … --min_steps 128 --layout recursive --proof_mode
        var r = Cli.Run("run", Fixture("array-sum.json"), "--air-private-input", Tmp("priv.json"), "--air-public-input", Tmp("pub.json"),
            "--trace-file", Tmp("trace.bin"), "--memory-file", Tmp("memory.bin"), "--min-steps", "128", "--layout", "recursive", "--proof-mode");
        Assert.True(r.Exit == 0, r.ToString());
        Assert.Equal(File.ReadAllText(Fixture("air-public-input.recursive.json")), File.ReadAllText(Tmp("pub.json")));

        string expected = File.ReadAllText(Fixture("air-private-input.recursive.json"));
        var paths = JsonDocument.Parse(expected).RootElement;
        string ours = File.ReadAllText(Tmp("priv.json"))
            .Replace(JsonEncodedText.Encode(Tmp("trace.bin")).ToString(), paths.GetProperty("trace_path").GetString())
            .Replace(JsonEncodedText.Encode(Tmp("memory.bin")).ToString(), paths.GetProperty("memory_path").GetString());
        Assert.Equal(expected, ours);
        Assert.Equal(16384 * 24, new FileInfo(Tmp("trace.bin")).Length);
    }

    [Fact]
    public void RunWritesCairoRunsTraceAndMemoryForSandstormsArraySumInThePlainLayout()
    {
        // cairo-run --program array-sum.json --trace_file … --memory_file … --min_steps 128 --proof_mode
        var r = Cli.Run("run", Fixture("array-sum.json"), "--trace-file", Tmp("trace.bin"), "--memory-file", Tmp("memory.bin"), "--min-steps", "128", "--proof-mode");
        Assert.True(r.Exit == 0, r.ToString());
        Assert.Equal(HexDump("trace.json"), File.ReadAllBytes(Tmp("trace.bin")));
        Assert.Equal(MemoryMap(HexDump("memory.json")), MemoryMap(File.ReadAllBytes(Tmp("memory.bin"))));
    }

    [Fact]
    public void RunWritesCairoRunsPublicInputForStoneProversCpuAirTestProgram()
    {
        // The program has __start__ and __end__ but no main: proof mode does not need one.
        var r = Cli.Run("run", Fixture("program.derived.json", "stone-prover"), "--proof-mode", "--min-steps", "32", "--air-public-input", Tmp("pub.json"));
        Assert.True(r.Exit == 0, r.ToString());
        Assert.Equal(File.ReadAllText(Fixture("cpu_air_test_instructions_public_input.json", "stone-prover")), File.ReadAllText(Tmp("pub.json")));
    }

    [Fact]
    public void StepsAndMinStepsCannotBeBothGiven()
    {
        var r = Cli.Run("run", Fixture("array-sum.json"), "--proof-mode", "--steps", "128", "--min-steps", "128");
        Cli.AssertInputError(r);
        Assert.Contains("--steps and --min-steps cannot be both specified", r.Err);
    }

    [Fact]
    public void StepsRunsExactlyThatManyStepsWithoutPadding()
    {
        var r = Cli.Run("run", Fixture("array-sum.json"), "--proof-mode", "--steps", "100", "--trace-file", Tmp("trace.bin"));
        Assert.True(r.Exit == 0, r.ToString());
        Assert.Equal(100 * 24, new FileInfo(Tmp("trace.bin")).Length);
        Assert.Equal(HexDump("trace.json").AsSpan(0, 100 * 24).ToArray(), File.ReadAllBytes(Tmp("trace.bin")));

        var tooFew = Cli.Run("run", Fixture("array-sum.json"), "--proof-mode", "--steps", "40");
        Assert.Equal(1, tooFew.Exit);
        Assert.Contains("End of program was not reached", tooFew.Err);
    }
}
