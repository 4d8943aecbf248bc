using System.CommandLine;
using System.CommandLine.Invocation;
using Cairn.Cairo.Layouts;
using Cairn.Cairo.Memory;
using Cairn.Cairo.Programs;
using Cairn.Cairo.Runners;
using Cairn.Cairo.Vm;
using Cairn.Stark.Cairo;
using Cairn.Stark.Cairo.Input;
using Cairn.Stark.Cairo.Proving;

namespace Cairn.Node.Cli;

/// <summary>
/// `cairn prove PROGRAM.json [--layout plain|small] [--profile NAME] -o PROOF` (proof-mode run, then a STARK proof),
/// `cairn prove --trace-file … --memory-file … --air-public-input … [--air-private-input …] -o PROOF` (from the runner's
/// files; the public input's layout selects the AIR) and `cairn verify PROOF` (one argument naming a file; the 4-argument ECDSA form is unchanged). Proving reports
/// its phases on stderr. verify exits 0 only for a valid proof (1 invalid, 2 unreadable) and prints the statement:
/// layout, steps, program hash, output, security.
/// </summary>
public static class ProveCommands
{
    public const int ExitInvalidProof = 1;

    public static Command Prove()
    {
        var program = new Argument<string?>("PROGRAM") { Description = "Compiled program JSON to run in proof mode (omit with --trace-file …)", Arity = ArgumentArity.ZeroOrOne };
        var layout = new Option<string?>("--layout")
        {
            Description = $"Layout: {string.Join(", ", CairoLayout.All.Select(l => l.Name))} (default plain; small proves the output and range_check builtins). With the run's files, the public input's layout",
        };
        var profile = new Option<string>("--profile")
        {
            Description = $"Security profile: {string.Join(", ", SecurityProfile.All.Select(p => $"{p.Name} ({p.ConjecturedSecurityBits} bits)"))}",
            DefaultValueFactory = _ => "dev",
        };
        var output = new Option<string>("--output", "-o") { Description = "Where to write the proof", Required = true };
        var trace = new Option<string?>("--trace-file") { Description = "trace.bin of a proof-mode run" };
        var memory = new Option<string?>("--memory-file") { Description = "memory.bin of the run" };
        var publicInput = new Option<string?>("--air-public-input") { Description = "air_public_input.json of the run" };
        var privateInput = new Option<string?>("--air-private-input") { Description = "air_private_input.json (names the trace and memory files when they are not given)" };
        var maxSteps = new Option<long?>("--max-steps") { Description = "Fail when the program has not ended after this many steps" };
        var cmd = new Command("prove", "Prove a Cairo program's proof-mode run with a STARK (plain or small layout); progress on stderr")
        {
            program, layout, profile, output, trace, memory, publicInput, privateInput, maxSteps,
        };
        cmd.SetAction(parse => CliGuard.Run(parse, "prove", () =>
        {
            var error = parse.InvocationConfiguration.Error;
            var chosen = SecurityProfile.Find(parse.GetValue(profile)!)
                ?? throw new CliInputException($"unknown profile '{parse.GetValue(profile)}' (one of {string.Join(", ", SecurityProfile.All.Select(p => p.Name))})");
            string? layoutOption = parse.GetValue(layout);
            string layoutName = layoutOption ?? "plain";
            if (CairoLayout.Find(layoutName) is null)
                throw new CliInputException($"layout '{layoutName}' cannot be proven (provable: {string.Join(", ", CairoLayout.All.Select(l => l.Name))})");
            string? programPath = parse.GetValue(program);
            string? tracePath = parse.GetValue(trace), memoryPath = parse.GetValue(memory), publicPath = parse.GetValue(publicInput);
            string? privatePath = parse.GetValue(privateInput);
            var prover = new CairoProver(chosen) { Progress = line => error.WriteLine($"prove: {line}") };
            CairoExecution execution;
            if (programPath is not null)
            {
                if (tracePath is not null || memoryPath is not null || publicPath is not null || privatePath is not null)
                    throw new CliInputException("give either PROGRAM or the run's files (--trace-file, --memory-file, --air-public-input), not both");
                var runner = RunProgram(programPath, layoutName, parse.GetValue(maxSteps) ?? CairoRunOptions.DefaultMaxSteps, out string? failure);
                if (runner is null)
                {
                    error.WriteLine($"error: prove: {failure}");
                    return CairoCommands.ExitRunFailed;
                }
                error.WriteLine($"prove: ran {runner.OriginalSteps} steps ({runner.Vm.Trace.Count} with padding)");
                execution = CairoExecution.FromRunner(runner);
            }
            else
            {
                if (privatePath is not null && (tracePath is null || memoryPath is null)) ReadPrivateInput(privatePath, ref tracePath, ref memoryPath);
                if (tracePath is null || memoryPath is null || publicPath is null)
                    throw new CliInputException("give PROGRAM, or --trace-file, --memory-file and --air-public-input (or --air-private-input naming the first two)");
                try
                {
                    execution = CairoExecution.FromFiles(tracePath, memoryPath, publicPath);
                }
                catch (CairoProverException e)
                {
                    throw new CliInputException(e.Message);
                }
                if (layoutOption is not null && layoutOption != execution.PublicInput.Layout)
                    throw new CliInputException($"--layout {layoutOption} disagrees with the public input's layout '{execution.PublicInput.Layout}'");
                if (CairoLayout.Find(execution.PublicInput.Layout) is null)
                    throw new CliInputException($"the run used layout '{execution.PublicInput.Layout}', which cannot be proven (provable: {string.Join(", ", CairoLayout.All.Select(l => l.Name))})");
            }
            CairoProof proof;
            try
            {
                proof = prover.Prove(execution);
            }
            catch (CairoProverException e)
            {
                error.WriteLine($"error: prove: {e.Message}");
                return CairoCommands.ExitRunFailed;
            }
            var bytes = proof.ToBytes();
            string outPath = parse.GetValue(output)!;
            try
            {
                File.WriteAllBytes(outPath, bytes);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new CliInputException($"cannot write '{outPath}': {e.Message}");
            }
            parse.InvocationConfiguration.Output.WriteLine(
                $"{outPath}: {bytes.Length} bytes, layout {proof.PublicInput.Layout}, {proof.PublicInput.NSteps} steps, profile {chosen.Name} ({chosen.ConjecturedSecurityBits} bits)");
            return 0;
        }));
        return cmd;
    }

    /// <summary>
    /// Wraps the ECDSA <c>verify PUBLIC HASH R S</c> command: with exactly one value that names an existing file it
    /// verifies a proof instead; every other use runs the original command unchanged.
    /// </summary>
    public static Command WithProofVerification(Command verify)
    {
        var original = verify.Action as SynchronousCommandLineAction
            ?? throw new InvalidOperationException("the verify command has no synchronous action");
        var values = verify.Arguments.OfType<Argument<string[]>>().Single();
        var minBits = new Option<int>("--min-security-bits")
        {
            Description = $"With PROOF: the least conjectured security accepted (default {CairoVerifier.DefaultMinimumSecurityBits})",
            DefaultValueFactory = _ => CairoVerifier.DefaultMinimumSecurityBits,
        };
        verify.Options.Add(minBits);
        verify.Description += "; or 'verify PROOF': verify a STARK proof of a Cairo run (exit code 0 only when valid)";
        verify.SetAction(parse =>
        {
            var given = parse.GetValue(values) ?? [];
            if (given.Length == 1 && File.Exists(given[0])) return VerifyProof(parse, given[0], parse.GetValue(minBits));
            return original.Invoke(parse);
        });
        return verify;
    }

    private static int VerifyProof(ParseResult parse, string path, int minimumBits)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: verify: cannot read '{path}': {e.Message}");
            return ValueCommand.ExitInputError;
        }
        CairoProof proof;
        try
        {
            proof = CairoProof.FromBytes(bytes);
        }
        catch (FormatException e)
        {
            output.WriteLine("invalid");
            error.WriteLine($"error: verify: {e.Message}");
            return ExitInvalidProof;
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        bool ok = CairoVerifier.Verify(proof, minimumBits, out var reason);
        clock.Stop();
        if (!ok)
        {
            output.WriteLine("invalid");
            error.WriteLine($"error: verify: {reason}");
            return ExitInvalidProof;
        }
        var input = proof.PublicInput;
        var outputs = input.Output();
        output.WriteLine("valid");
        output.WriteLine($"layout {input.Layout}");
        output.WriteLine($"steps {input.NSteps}");
        output.WriteLine($"program_hash {input.ProgramHash()}");
        output.WriteLine($"output {(outputs.Length == 0 ? "(none)" : string.Join(' ', outputs.Select(o => o.ToString())))}");
        output.WriteLine($"security {proof.Profile.ConjecturedSecurityBits} bits (profile {proof.Profile.Name}: blowup {1 << proof.Profile.LogBlowup}, {proof.Profile.Queries} queries, {proof.Profile.ProofOfWorkBits}-bit PoW)");
        error.WriteLine($"verify: {clock.Elapsed.TotalMilliseconds:F1} ms, proof {bytes.Length} bytes");
        return 0;
    }

    private static CairoRunner? RunProgram(string path, string layout, long maxSteps, out string? failure)
    {
        failure = null;
        CairoProgram loaded;
        try
        {
            loaded = CairoProgram.Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"cannot read program file '{path}': {e.Message}");
        }
        catch (ProgramLoadException e)
        {
            throw new CliInputException($"{path}: {e.Message}");
        }
        if (loaded.StartPc is null || loaded.EndPc is null)
            throw new CliInputException($"{path}: proving needs the proof-mode labels __start__ and __end__");
        try
        {
            var runner = new CairoRunner(loaded, new CairoRunOptions { ProofMode = true, Layout = Layout.Get(layout), MaxSteps = maxSteps });
            runner.RunMain();
            return runner;
        }
        catch (Exception e) when (e is VmException or MemoryException)
        {
            failure = e.Message;
            return null;
        }
    }

    private static void ReadPrivateInput(string path, ref string? tracePath, ref string? memoryPath)
    {
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
            tracePath ??= doc.RootElement.GetProperty("trace_path").GetString();
            memoryPath ??= doc.RootElement.GetProperty("memory_path").GetString();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new CliInputException($"cannot read the private input '{path}': {e.Message}");
        }
    }
}
