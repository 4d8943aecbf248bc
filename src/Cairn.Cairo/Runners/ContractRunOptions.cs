namespace Cairn.Cairo.Runners;

/// <summary>Options of a contract entry-point run.</summary>
public sealed record ContractRunOptions
{
    /// <summary>Builtin gas costs written after the bytecode, in the order pedersen, bitwise, ec_op, poseidon, add_mod, mul_mod, blake (§9.2; 0.14.1 values).</summary>
    public static IReadOnlyList<long> DefaultBuiltinCosts { get; } = [4050, 583, 4085, 491, 230, 604, 0];

    /// <summary>Step budget; the run fails with "step limit exceeded" beyond it.</summary>
    public long MaxSteps { get; init; } = 10_000_000;

    /// <summary>Memory limit in bytes, cells and trace (<see cref="Memory.VmMemory.MaxBytes"/>); the run fails with "memory limit exceeded" beyond it.</summary>
    public long MaxMemoryBytes { get; init; } = Memory.VmMemory.DefaultMaxBytes;

    /// <summary>Record the (pc, ap, fp) trace.</summary>
    public bool RecordTrace { get; init; }

    public IReadOnlyList<long> BuiltinCosts { get; init; } = DefaultBuiltinCosts;

    /// <summary>Where <c>DebugPrint</c> hints write (null discards).</summary>
    public TextWriter? DebugOutput { get; init; }
}
