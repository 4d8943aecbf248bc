namespace Cairn.Execution.Fees;

/// <summary>A rational cost per unit (<c>[numerator, denominator]</c> in the versioned constants).</summary>
public readonly record struct ResourceCost(ulong Numerator, ulong Denominator)
{
    /// <summary>⌈amount · cost⌉.</summary>
    public ulong CeilTimes(ulong amount) => (ulong)(((UInt128)amount * Numerator + Denominator - 1) / Denominator);

    /// <summary>⌊amount · cost⌋ (blockifier's <c>to_integer</c> on archival costs).</summary>
    public ulong FloorTimes(ulong amount) => (ulong)((UInt128)amount * Numerator / Denominator);
}
