using Cairn.Cairo.Memory;

namespace Cairn.Cairo.Builtins;

/// <summary>
/// A builtin that owns one memory segment (cairo-vm.md §4.1). The program receives the segment
/// base as an implicit argument and returns the stop pointer, checked by <see cref="FinalStack"/>.
/// </summary>
public abstract class BuiltinRunner
{
    /// <summary>Canonical builtin order; a program's <c>%builtins</c> must be a subsequence of it (§3.2).</summary>
    public static IReadOnlyList<string> CanonicalOrder { get; } =
    [
        "output", "pedersen", "range_check", "ecdsa", "bitwise", "ec_op", "keccak", "poseidon",
        "range_check96", "add_mod", "mul_mod",
    ];

    private Relocatable? _base;

    /// <summary>The name as in <c>%builtins</c> (no <c>_builtin</c> suffix).</summary>
    public abstract string Name { get; }

    /// <summary>Cells per instance.</summary>
    public abstract int CellsPerInstance { get; }

    /// <summary>The base of the builtin's segment (after <see cref="InitializeSegments"/>).</summary>
    public Relocatable Base => _base ?? throw new InvalidOperationException($"{Name} builtin segment is not initialised");

    /// <summary>Creates the builtin's segment.</summary>
    public virtual void InitializeSegments(VmMemory memory) => _base = memory.AddSegment();

    /// <summary>Attaches validation rules (called once the VM is set up).</summary>
    public virtual void AddValidationRules(VmMemory memory)
    {
    }

    /// <summary>The values passed to <c>main</c> for this builtin: its base.</summary>
    public virtual MaybeRelocatable InitialStackValue() => Base;

    /// <summary>Used cells of the segment.</summary>
    public int GetUsedCells(VmMemory memory) => memory.GetUsedSize(Base.Segment);

    /// <summary><c>ceil(used_cells / cells_per_instance)</c>.</summary>
    public int GetUsedInstances(VmMemory memory) => (GetUsedCells(memory) + CellsPerInstance - 1) / CellsPerInstance;

    /// <summary>
    /// Reads the stop pointer at <c>[pointer − 1]</c> and checks it equals
    /// <c>base + used_instances · cells_per_instance</c> (§3.9). Returns <c>pointer − 1</c>.
    /// </summary>
    public Relocatable FinalStack(VmMemory memory, Relocatable pointer)
    {
        var at = pointer.Add(-1);
        if (!memory.TryGet(at, out var v) || !v.IsRelocatable)
        {
            throw new MemoryException($"Invalid stop pointer for {Name}: no stop pointer at {at}");
        }
        var stop = v.RelocatableUnchecked;
        var expected = Base.Add((long)GetUsedInstances(memory) * CellsPerInstance);
        if (stop != expected)
        {
            throw new MemoryException($"Invalid stop pointer for {Name}. Expected: {expected}, found: {stop}");
        }
        return at;
    }

    /// <summary>Creates the runner for a builtin name, or null when it is not implemented yet.</summary>
    public static BuiltinRunner? Create(string name) => name switch
    {
        "output" => new OutputBuiltinRunner(),
        "range_check" => new RangeCheckBuiltinRunner(),
        _ => null,
    };
}
