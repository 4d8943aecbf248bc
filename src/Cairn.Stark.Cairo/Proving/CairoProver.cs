using System.Diagnostics;
using System.Numerics;
using Cairn.Cairo.Runners;
using Cairn.Stark.Cairo.Input;
using Cairn.Stark.Cairo.Plain;
using Cairn.Stark.Proving;

namespace Cairn.Stark.Cairo.Proving;

/// <summary>
/// Proves a proof-mode Cairo run in the layout it was run with (<see cref="CairoLayout"/>: plain or small): builds the
/// main trace (§6.8), then runs the generic STARK prover with the layout's AIR (<see cref="PlainCairoAir"/>,
/// <see cref="Small.SmallCairoAir"/>). Reports each phase with its elapsed time through <see cref="Progress"/>.
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
        var layout = CairoLayout.Get(execution.PublicInput.Layout);
        Report(clock, $"building the {layout.Name}-layout trace");
        var trace = layout.BuildTrace(execution);
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
        CpuAir air;
        try
        {
            air = CairoLayout.Get(trace.PublicInput.Layout).CreateAir(trace.PublicInput, check);
        }
        catch (ArgumentException e)
        {
            throw new CairoProverException(e.Message);
        }
        int logT = BitOperations.Log2((uint)air.TraceLength);
        Report(clock, $"layout {trace.PublicInput.Layout}, {trace.PublicInput.NSteps} steps, {air.TraceLength} rows, profile {_profile.Name} ({_profile.ConjecturedSecurityBits} bits)");
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
