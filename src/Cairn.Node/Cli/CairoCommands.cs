using System.CommandLine;
using System.Numerics;
using Cairn.Cairo.Assembler;
using Cairn.Cairo.Builtins;
using Cairn.Cairo.Layouts;
using Cairn.Cairo.Memory;
using Cairn.Cairo.Programs;
using Cairn.Cairo.Runners;
using Cairn.Cairo.Vm;
using Cairn.Primitives;

namespace Cairn.Node.Cli;

/// <summary>
/// `cairn asm SOURCE -o PROGRAM.json` (Cairo assembly → Cairo 0 program JSON) and
/// `cairn run PROGRAM.json …` (cairo-run: execution mode by default, --proof-mode, trace/memory/public
/// input files, --print-output). Bad input (files, syntax, options) exits 2; a program that fails while
/// running exits 1 with the VM's error, which names the pc.
/// </summary>
public static class CairoCommands
{
    public const int ExitRunFailed = 1;

    public static IEnumerable<Command> Build() => [Asm(), Run()];

    private static Command Asm()
    {
        var source = new Argument<string>("SOURCE") { Description = "Cairo assembly source (one instruction per line)" };
        var output = new Option<string>("--output", "-o") { Description = "Where to write the program JSON", Required = true };
        var cmd = new Command("asm", "Assemble Cairo assembly into a Cairo 0 compiled-program JSON (loadable by 'cairn run')") { source, output };
        cmd.SetAction(parse => CliGuard.Run(parse, "asm", () =>
        {
            string path = parse.GetValue(source)!;
            string text = ReadFile(path, "source");
            AssembledProgram program;
            try
            {
                program = CasmAssembler.Assemble(text);
            }
            catch (AssemblerException e)
            {
                throw new CliInputException($"{path}: {e.Message}");
            }
            WriteFile(parse.GetValue(output)!, s => { using var w = new StreamWriter(s); w.Write(program.ToJson()); });
            return 0;
        }));
        return cmd;
    }

    private static Command Run()
    {
        var program = new Argument<string>("PROGRAM") { Description = "Compiled program JSON (cairo-compile or 'cairn asm' output)" };
        var layout = new Option<string>("--layout") { Description = $"Layout: {string.Join(", ", Layout.Names)}", DefaultValueFactory = _ => "plain" };
        var proof = new Option<bool>("--proof-mode") { Description = "Run from __start__ to __end__, pad the trace and finalise the segments" };
        var trace = new Option<string?>("--trace-file") { Description = "Write the relocated trace (trace.bin)" };
        var memory = new Option<string?>("--memory-file") { Description = "Write the relocated memory (memory.bin)" };
        var air = new Option<string?>("--air-public-input") { Description = "Write air_public_input.json (requires --proof-mode)" };
        var airPrivate = new Option<string?>("--air-private-input") { Description = "Write air_private_input.json (requires --proof-mode, --trace-file and --memory-file)" };
        var print = new Option<bool>("--print-output") { Description = "Print 'Program output:' and the output builtin's cells, one per line (nothing without an output builtin)" };
        var maxSteps = new Option<long?>("--max-steps") { Description = "Fail when the program has not ended after this many steps" };
        var maxMemory = new Option<string?>("--max-memory") { Description = $"Fail when the run's memory cells and trace would take more bytes than this; a number of bytes with an optional K, M or G (default {VmMemory.DefaultMaxBytes >> 30}G)" };
        var minSteps = new Option<long?>("--min-steps") { Description = "Run at least this many steps before padding (cairo-run --min_steps)" };
        var exactSteps = new Option<long?>("--steps") { Description = "Run exactly this many steps, without padding; the program must end within them (cairo-run --steps)" };
        var entrypoint = new Option<string>("--entrypoint") { Description = "Function to run in execution mode (default main)", DefaultValueFactory = _ => "main" };
        var cmd = new Command("run", "Run a Cairo 0 program as cairo-run does (execution mode unless --proof-mode)")
        {
            program, layout, proof, trace, memory, air, airPrivate, print, maxSteps, maxMemory, minSteps, exactSteps, entrypoint,
        };
        cmd.SetAction(parse => CliGuard.Run(parse, "run", () =>
        {
            var output = parse.InvocationConfiguration.Output;
            bool proofMode = parse.GetValue(proof);
            string? airPath = parse.GetValue(air);
            string? tracePath = parse.GetValue(trace);
            string? memoryPath = parse.GetValue(memory);
            if (airPath is not null && !proofMode) throw new CliInputException("--air-public-input requires --proof-mode");
            string entry = parse.GetValue(entrypoint)!;
            if (proofMode && entry != "main") throw new CliInputException("--entrypoint cannot be used with --proof-mode (proof mode starts at __start__)");
            string? airPrivatePath = parse.GetValue(airPrivate);
            if (airPrivatePath is not null)
            {
                if (!proofMode) throw new CliInputException("--air-private-input requires --proof-mode");
                if (tracePath is null) throw new CliInputException("--air-private-input requires --trace-file");
                if (memoryPath is null) throw new CliInputException("--air-private-input requires --memory-file");
            }
            long steps = parse.GetValue(maxSteps) ?? CairoRunOptions.DefaultMaxSteps;
            if (steps < 1) throw new CliInputException("--max-steps must be positive");
            long memoryLimit = parse.GetValue(maxMemory) is { } limitText ? ParseBytes(limitText, "--max-memory") : VmMemory.DefaultMaxBytes;
            long? min = parse.GetValue(minSteps), exact = parse.GetValue(exactSteps);
            if (min is not null && exact is not null) throw new CliInputException("--steps and --min-steps cannot be both specified");
            if (min < 1) throw new CliInputException("--min-steps must be positive");
            if (exact < 1) throw new CliInputException("--steps must be positive");
            string layoutName = parse.GetValue(layout)!;
            if (!Layout.Names.Contains(layoutName)) throw new CliInputException($"unknown layout '{layoutName}' (one of {string.Join(", ", Layout.Names)})");

            string path = parse.GetValue(program)!;
            CairoProgram loaded;
            try
            {
                loaded = CairoProgram.Parse(ReadFile(path, "program"));
            }
            catch (ProgramLoadException e)
            {
                throw new CliInputException($"{path}: {e.Message}");
            }
            if (proofMode && (loaded.StartPc is null || loaded.EndPc is null))
            {
                throw new CliInputException($"{path}: proof mode needs the labels __start__ and __end__ (cairo-compile --proof_mode)");
            }

            // Proof mode starts at __start__ and never looks at main (cairo-lang's initialize_main_entrypoint).
            if (!proofMode && loaded.GetLabelPc(loaded.MainScope + "." + entry) is null) throw new CliInputException($"{path}: no function '{loaded.MainScope}.{entry}'");
            var options = new CairoRunOptions
            {
                Entrypoint = entry,
                Layout = Layout.Get(layoutName),
                ProofMode = proofMode,
                MaxSteps = steps,
                MaxMemoryBytes = memoryLimit,
                MinSteps = min,
                Steps = exact,
                RecordTrace = tracePath is not null || proofMode,
            };
            CairoRunner runner;
            try
            {
                runner = new CairoRunner(loaded, options);
                runner.RunMain();
            }
            catch (Exception e) when (e is VmException or MemoryException)
            {
                parse.InvocationConfiguration.Error.WriteLine($"error: run: {e.Message}");
                return ExitRunFailed;
            }

            // cairo-run prints nothing when the run has no output builtin runner, and "<missing>" for gaps.
            if (parse.GetValue(print) && runner.Builtins.OfType<OutputBuiltinRunner>().FirstOrDefault() is { } outputRunner)
            {
                output.WriteLine("Program output:");
                int segment = outputRunner.Base.Segment;
                int used = runner.Memory.GetUsedSize(segment);
                for (int i = 0; i < used; i++)
                {
                    var cell = runner.Memory.GetCell(segment, i);
                    output.WriteLine(cell.HasValue ? $"  {FormatOutput(cell)}" : "  <missing>");
                }
                output.WriteLine();
            }
            if (tracePath is not null) WriteFile(tracePath, runner.WriteTrace);
            if (memoryPath is not null) WriteFile(memoryPath, runner.WriteMemory);
            if (airPath is not null) WriteFile(airPath, runner.WriteAirPublicInput);
            if (airPrivatePath is not null)
            {
                // The private input names the trace and memory files by absolute path (cairo-run does the same).
                string traceAbs = Path.GetFullPath(tracePath!), memoryAbs = Path.GetFullPath(memoryPath!);
                WriteFile(airPrivatePath, s => runner.WriteAirPrivateInput(s, traceAbs, memoryAbs));
            }
            return 0;
        }));
        return cmd;
    }

    /// <summary>cairo-lang's field_element_repr: signed decimal when |v| &lt; 2^100 (shifted into (−P/2, P/2)), else hex.</summary>
    internal static string FormatOutput(MaybeRelocatable value)
    {
        if (!value.IsFelt) return value.ToString();
        var v = (BigInteger)value.Felt;
        var half = Felt.Modulus / 2;
        var shifted = (v + half) % Felt.Modulus - half;
        return BigInteger.Abs(shifted) < BigInteger.One << 100 ? shifted.ToString() : "0x" + v.ToString("x").TrimStart('0');
    }

    /// <summary>A positive byte count: digits with an optional K, M or G (powers of 1024).</summary>
    internal static long ParseBytes(string text, string option)
    {
        string t = text.Trim();
        int shift = 0;
        if (t.Length > 0)
        {
            shift = char.ToUpperInvariant(t[^1]) switch { 'K' => 10, 'M' => 20, 'G' => 30, _ => 0 };
            if (shift != 0) t = t[..^1];
        }
        if (!long.TryParse(t, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long n) || n < 1 || n > long.MaxValue >> shift)
        {
            throw new CliInputException($"{option} must be a positive number of bytes, optionally followed by K, M or G (found '{text}')");
        }
        return n << shift;
    }

    private static string ReadFile(string path, string what)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliInputException($"cannot read {what} file '{path}': {e.Message}");
        }
    }

    private static void WriteFile(string path, Action<Stream> write)
    {
        try
        {
            using var stream = File.Create(path);
            write(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliInputException($"cannot write '{path}': {e.Message}");
        }
    }
}
