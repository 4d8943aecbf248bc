using System.Diagnostics;
using System.Numerics;
using Cairn.Cairo.Runners;
using Cairn.Stark.Cairo.Input;
using Cairn.Stark.Cairo.Plain;
using Cairn.Stark.Proving;

namespace Cairn.Stark.Cairo.Proving;

/// <summary>
/// Proves a proof-mode Cairo run in the plain layout: builds the main trace (§6.8), then runs the generic STARK prover
/// with <see cref="PlainCairoAir"/>. Reports each phase with its elapsed time through <see cref="Progress"/>.
/// </summary>
public sealed class CairoProver
{
    private readonly SecurityProfile _profile;

    public CairoProver(SecurityProfile profile) => _profile = profile;

    /// <summary>Called with a line per phase (e.g. for stderr).</summary>
    public Action<string>? Progress { get; init; }

    /// <summary>Evaluate every constraint on every row before committing (slow; tests and debugging).</summary>
    public bool ValidateTrace { get; init; }

    public CairoProof Prove(CairoRunner runner) => Prove(CairoExecution.FromRunner(runner));

    public CairoProof Prove(CairoExecution execution)
    {
        var clock = Stopwatch.StartNew();
        Report(clock, "building the plain-layout trace");
        var trace = PlainTraceBuilder.Build(execution);
        return Prove(trace, clock);
    }

    /// <summary>Proves a prepared trace (tests use this to prove deliberately broken traces).</summary>
    public CairoProof Prove(PlainTrace trace) => Prove(trace, Stopwatch.StartNew());

    /// <summary>
    /// Proves without any self-check (soundness tests: a dishonest prover's best effort for a broken trace or a false
    /// statement).
    /// </summary>
    internal CairoProof ProveUnchecked(PlainTrace trace) => Prove(trace, Stopwatch.StartNew(), check: false);

    private CairoProof Prove(PlainTrace trace, Stopwatch clock, bool check = true)
    {
        var air = new PlainCairoAir(trace.PublicInput) { CheckInteraction = check };
        int logT = BitOperations.Log2((uint)air.TraceLength);
        Report(clock, $"{trace.PublicInput.NSteps} steps, {air.TraceLength} rows, profile {_profile.Name} ({_profile.ConjecturedSecurityBits} bits)");
        var prover = new StarkProver(_profile.Parameters(logT))
        {
            ValidateTrace = ValidateTrace && check,
            Progress = phase => Report(clock, phase),
        };
        var proof = prover.Prove(air, trace.Columns);
        Report(clock, $"done: {proof.Bytes.Length} bytes");
        return new CairoProof(_profile, trace.PublicInput, proof.Bytes);
    }

    private void Report(Stopwatch clock, string phase) => Progress?.Invoke($"[{clock.Elapsed.TotalSeconds,7:F2}s] {phase}");
}
