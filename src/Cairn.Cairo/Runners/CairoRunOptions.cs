namespace Cairn.Cairo.Runners;

/// <summary>Options of a run.</summary>
public sealed record CairoRunOptions
{
    /// <summary>Default step budget: generous, but a runaway program still ends with a clear error.</summary>
    public const long DefaultMaxSteps = 1_000_000_000;

    /// <summary>Steps allowed before the run fails with "step limit exceeded".</summary>
    public long MaxSteps { get; init; } = DefaultMaxSteps;

    /// <summary>Record the (pc, ap, fp) trace (needed for trace.bin).</summary>
    public bool RecordTrace { get; init; }
}
