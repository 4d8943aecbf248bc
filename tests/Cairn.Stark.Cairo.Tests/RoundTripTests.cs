using Cairn.Cairo.Output;
using Cairn.Stark.Cairo.Input;
using Cairn.Stark.Cairo.Plain;
using Cairn.Stark.Cairo.Proving;

namespace Cairn.Stark.Cairo.Tests;

public class RoundTripTests
{
    public static TheoryData<string> Programs() =>
    [
        "example:fibonacci", "example:factorial", "loop:3", "loop:40", "recursion:5", "holes",
    ];

    private static string Source(string name)
    {
        var parts = name.Split(':');
        return parts[0] switch
        {
            "example" => CairoPrograms.Example(parts[1]),
            "loop" => CairoPrograms.Loop(int.Parse(parts[1])),
            "recursion" => CairoPrograms.RecursiveFibonacci(int.Parse(parts[1]), Fib(int.Parse(parts[1]))),
            "holes" => CairoPrograms.Holes,
            _ => throw new ArgumentException(name),
        };
    }

    private static int Fib(int n) => n <= 2 ? 1 : Fib(n - 1) + Fib(n - 2);

    [Theory]
    [MemberData(nameof(Programs))]
    public void ProgramProvesAndVerifies(string name)
    {
        var execution = CairoPrograms.Execute(Source(name));
        var trace = PlainTraceBuilder.Build(execution);
        Assert.Empty(ConstraintChecker.Violated(trace));
        var proof = new CairoProver(SecurityProfile.Test).Prove(trace);
        Assert.True(CairoVerifier.Verify(proof, 0, out var error), error);
        Assert.True(CairoVerifier.Verify(CairoProof.FromBytes(proof.ToBytes()), 0, out error), error);
        Assert.Equal(trace.PublicInput.NSteps * 16, trace.Length);
    }

    [Fact]
    public void EngineSelfCheckAcceptsHonestTraces()
    {
        var execution = CairoPrograms.Execute(CairoPrograms.RecursiveFibonacci(6, 8));
        var proof = new CairoProver(SecurityProfile.Test) { ValidateTrace = true }.Prove(execution);
        Assert.True(CairoVerifier.Verify(proof, 0, out var error), error);
    }

    [Fact]
    public void ProofsAreDeterministic()
    {
        var a = new CairoProver(SecurityProfile.Test).Prove(CairoPrograms.Execute(CairoPrograms.Loop(20)));
        var b = new CairoProver(SecurityProfile.Test).Prove(CairoPrograms.Execute(CairoPrograms.Loop(20)));
        Assert.Equal(a.ToBytes(), b.ToBytes());
        var other = new CairoProver(SecurityProfile.Test with { Queries = 13 }).Prove(CairoPrograms.Execute(CairoPrograms.Loop(20)));
        Assert.NotEqual(a.StarkProof, other.StarkProof);
    }

    [Fact]
    public void FilesGiveTheSameProofAsTheRunInProcess()
    {
        var runner = CairoPrograms.Run(CairoPrograms.Example("factorial"));
        var dir = Directory.CreateTempSubdirectory("cairn-prove-");
        try
        {
            string trace = Path.Combine(dir.FullName, "trace.bin"), memory = Path.Combine(dir.FullName, "memory.bin");
            string pub = Path.Combine(dir.FullName, "air_public_input.json");
            using (var s = File.Create(trace)) runner.WriteTrace(s);
            using (var s = File.Create(memory)) runner.WriteMemory(s);
            using (var s = File.Create(pub)) runner.WriteAirPublicInput(s);
            var fromFiles = new CairoProver(SecurityProfile.Test).Prove(CairoExecution.FromFiles(trace, memory, pub));
            var inProcess = new CairoProver(SecurityProfile.Test).Prove(runner);
            Assert.Equal(inProcess.ToBytes(), fromFiles.ToBytes());
            Assert.True(CairoVerifier.Verify(fromFiles, 0, out var error), error);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void ShortRunsWithLongProgramsAreExtendedUntilThePublicMemoryFits()
    {
        // 60 words of dead code after main's ret: the public memory (program + stack) exceeds 2·n_steps.
        var dead = string.Concat(Enumerable.Range(0, 30).Select(i => $"    [ap] = {i}, ap++\n"));
        var source = "__start__:\n    ap += 0\n    call main\n__end__:\n    jmp rel 0\nmain:\n    ret\n" + dead;
        var execution = CairoPrograms.Execute(source);
        var trace = PlainTraceBuilder.Build(execution);
        Assert.True(trace.PublicInput.NSteps > execution.Steps);
        Assert.True(trace.PublicInput.PublicMemory.Count <= 2 * trace.PublicInput.NSteps);
        var proof = new CairoProver(SecurityProfile.Test).Prove(trace);
        Assert.True(CairoVerifier.Verify(proof, 0, out var error), error);
    }

    [Fact]
    public void SummaryHasTheProgramHash()
    {
        var runner = CairoPrograms.Run(CairoPrograms.Example("fibonacci"));
        var input = new CairoPublicInput(runner.GetAirPublicInput());
        var data = input.ProgramData();
        Assert.Equal(runner.Program.Data.Count, data.Length);
        for (int i = 0; i < data.Length; i++) Assert.Equal(runner.Program.Data[i], data[i]);
        var h = data[^1];
        for (int i = data.Length - 2; i >= 0; i--) h = Cairn.Crypto.Hashing.Pedersen.Hash(data[i], h);
        Assert.Equal(Cairn.Crypto.Hashing.Pedersen.Hash(Cairn.Primitives.Felt.FromUInt64((ulong)data.Length), h), input.ProgramHash());
        Assert.Empty(input.Output());
    }

    [Fact]
    public void PublicInputJsonRoundTrips()
    {
        var air = CairoPrograms.Run(CairoPrograms.Example("fibonacci")).GetAirPublicInput();
        var parsed = PublicInputJson.Parse(air.ToJson());
        Assert.Equal(air.ToJson(), parsed.ToJson());
        Assert.IsType<AirPublicInput>(parsed);
    }
}
