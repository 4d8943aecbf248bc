using Cairn.Cairo.Hints.Cairo0;
using Cairn.Cairo.Layouts;

namespace Cairn.Cairo.Runners;

/// <summary>Options of a run.</summary>
public sealed record CairoRunOptions
{
    /// <summary>Default step budget: generous, but a runaway program still ends with a clear error.</summary>
    public const long DefaultMaxSteps = 1_000_000_000;

    /// <summary>Steps allowed before the run fails with "step limit exceeded" (also bounds proof-mode padding).</summary>
    public long MaxSteps { get; init; } = DefaultMaxSteps;

    /// <summary>Memory limit in bytes, cells and trace (<see cref="Memory.VmMemory.MaxBytes"/>); the run fails with "memory limit exceeded" beyond it.</summary>
    public long MaxMemoryBytes { get; init; } = Memory.VmMemory.DefaultMaxBytes;

    /// <summary>Record the (pc, ap, fp) trace (needed for trace.bin; always on in proof mode).</summary>
    public bool RecordTrace { get; init; }

    /// <summary>
    /// The layout. Null: in execution mode every builtin is allowed (no layout check); in proof
    /// mode <c>plain</c>, as <c>cairo-run</c>'s default.
    /// </summary>
    public Layout? Layout { get; init; }

    /// <summary>Proof mode: <c>__start__</c> to <c>__end__</c>, trace padding, public input (§3.5, §3.8).</summary>
    public bool ProofMode { get; init; }

    /// <summary>Allow program builtins missing from the layout (default: the proof-mode flag, §3.2).</summary>
    public bool? AllowMissingBuiltins { get; init; }

    /// <summary>
    /// Run the security checks after the run (<c>verify_secure_runner</c>, §3.11; includes the
    /// add_mod/mul_mod validation). Null: on outside proof mode, as <c>cairo-run --secure_run</c>.
    /// </summary>
    public bool? SecureRun { get; init; }

    /// <summary>Proof mode without padding the trace to a power of two.</summary>
    public bool DisableTracePadding { get; init; }

    /// <summary>
    /// cairo-run's <c>--min_steps</c>: after the program ends (in proof mode after the extra
    /// <c>jmp rel 0</c> step), keep stepping until at least this many steps ran; proof-mode padding
    /// follows as usual (so the trace has <c>next_power_of_2(max(steps, MinSteps))</c> entries or more).
    /// </summary>
    public long? MinSteps { get; init; }

    /// <summary>
    /// cairo-run's <c>--steps</c>: the program must end within this many steps (in proof mode
    /// including the extra step), then the run continues to exactly this many steps and the trace is
    /// not padded.
    /// </summary>
    public long? Steps { get; init; }

    /// <summary>The Cairo 0 hints known to the run (null: <see cref="Cairo0HintRegistry.Default"/>).</summary>
    public Cairo0HintRegistry? HintRegistry { get; init; }

    /// <summary>The function run in execution mode (cairo-run's <c>--entrypoint</c>), resolved in the main scope.</summary>
    public string Entrypoint { get; init; } = "main";
}
