using Cairn.Cairo.Memory;
using Cairn.Primitives;

namespace Cairn.Cairo.Builtins;

/// <summary>
/// The Cairo 1 gas builtin (cairo-vm.md §4.13): no memory segment. The entry code receives the
/// gas counter, an integer, where a builtin pointer would be, and returns the remaining gas in the
/// same position; <see cref="FinalStack"/> reads it into <see cref="RemainingGas"/>.
/// </summary>
public sealed class GasBuiltinRunner : BuiltinRunner
{
    public override string Name => "gas_builtin";

    /// <summary>No cells: the builtin has no segment.</summary>
    public override int CellsPerInstance => 1;

    public override bool HasSegment => false;

    /// <summary>The gas handed to the program (default 0).</summary>
    public Felt InitialGas { get; set; }

    /// <summary>The gas returned by the program, after <see cref="FinalStack"/>.</summary>
    public Felt? RemainingGas { get; private set; }

    public override void InitializeSegments(VmMemory memory)
    {
    }

    public override MaybeRelocatable InitialStackValue() => InitialGas;

    public override int GetUsedCells(VmMemory memory) => 0;

    public override int GetUsedInstances(VmMemory memory) => 0;

    /// <summary>Reads the remaining gas at <c>[pointer − 1]</c> (an integer, at most the initial gas).</summary>
    public override Relocatable FinalStack(VmMemory memory, Relocatable pointer)
    {
        var at = pointer.Add(-1);
        if (!memory.TryGet(at, out var v) || !v.IsFelt)
        {
            throw new MemoryException($"gas_builtin: expected the remaining gas (an integer) at {at}");
        }
        if (v.FeltUnchecked.ToBigInteger() > InitialGas.ToBigInteger())
        {
            throw new MemoryException($"gas_builtin: remaining gas {v.FeltUnchecked.ToDecimalString()} exceeds the initial gas {InitialGas.ToDecimalString()}");
        }
        RemainingGas = v.FeltUnchecked;
        return at;
    }
}
