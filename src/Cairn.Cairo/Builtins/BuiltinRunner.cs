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

    /// <summary>
    /// Builtins of Cairo 1 runners only (§4.12, §4.13): not in any layout and not part of the Cairo 0
    /// <c>%builtins</c> order check; a runner creates them whenever the program lists them.
    /// </summary>
    public static IReadOnlyList<string> Cairo1Only { get; } = ["segment_arena", "gas_builtin"];

    private Relocatable? _base;
    private Relocatable? _stop;
    private InputWriteRecorder? _inputWrites;

    /// <summary>The name as in <c>%builtins</c> (no <c>_builtin</c> suffix).</summary>
    public abstract string Name { get; }

    /// <summary>Cells per instance.</summary>
    public abstract int CellsPerInstance { get; }

    /// <summary>Input cells per instance (the rest are outputs).</summary>
    public virtual int InputCellsPerInstance => CellsPerInstance;

    /// <summary>Instances per AIR component (keccak: 16), used by the proof-mode capacity check (§3.8).</summary>
    public virtual int InstancesPerComponent => 1;

    /// <summary>Diluted-pool units used per instance (bitwise 68, keccak 16384; §3.8).</summary>
    public virtual int DilutedUnitsPerInstance => 0;

    /// <summary>Memory units per instance beyond its cells (add_mod/mul_mod: 15; §3.8).</summary>
    public virtual int AdditionalMemoryUnitsPerInstance => 0;

    /// <summary>16-bit parts per value for the range-check pool (range_check 8, range_check96 6), else 0.</summary>
    public virtual int RangeCheckParts => 0;

    /// <summary>False for a proof-mode runner of a layout builtin the program does not use (§3.2).</summary>
    public bool Included { get; set; } = true;

    /// <summary>The stop pointer read by <see cref="FinalStack"/>; the base when not read.</summary>
    public Relocatable StopPointer => _stop ?? Base;

    /// <summary>The base of the builtin's segment (after <see cref="InitializeSegments"/>).</summary>
    public Relocatable Base => _base ?? throw new InvalidOperationException($"{Name} builtin segment is not initialised");

    /// <summary>False for a builtin without a memory segment (gas, §4.13).</summary>
    public virtual bool HasSegment => true;

    /// <summary>Creates the builtin's segment.</summary>
    public virtual void InitializeSegments(VmMemory memory) => _base = memory.AddSegment();

    /// <summary>Sets the base (for runners whose base is not the start of a fresh segment).</summary>
    protected void SetBase(Relocatable value) => _base = value;

    /// <summary>Sets the stop pointer read by <see cref="FinalStack"/>.</summary>
    protected void SetStopPointer(Relocatable value) => _stop = value;

    /// <summary>Attaches validation rules (called once the VM is set up).</summary>
    public virtual void AddValidationRules(VmMemory memory)
    {
    }

    /// <summary>
    /// Whether air_private_input.json lists this builtin's instances with keys in the order their input
    /// cells were first written (pedersen, bitwise, ec_op, keccak, poseidon; see <see cref="InputWriteOrder"/>).
    /// </summary>
    public virtual bool HasInputWriteOrder => false;

    /// <summary>
    /// The offsets of the input cells in the order they were first written, once
    /// <see cref="RecordInputWriteOrder"/> started recording them; null otherwise.
    /// </summary>
    public IReadOnlyList<int>? InputWriteOrder => _inputWrites?.Offsets;

    /// <summary>
    /// Starts recording the first-write order of the segment's input cells (<see cref="InputWriteOrder"/>) when
    /// <see cref="HasInputWriteOrder"/>. Only runs that write an air_private_input.json need it (cairo-run's runner),
    /// so contract calls do not pay for it.
    /// </summary>
    public void RecordInputWriteOrder(VmMemory memory)
    {
        if (!HasInputWriteOrder) return;
        _inputWrites = new InputWriteRecorder(CellsPerInstance, InputCellsPerInstance);
        memory.SetValidator(Base.Segment, _inputWrites);
    }

    /// <summary>The values passed to <c>main</c> for this builtin: its base.</summary>
    public virtual MaybeRelocatable InitialStackValue() => Base;

    /// <summary>Used cells of the segment.</summary>
    public virtual int GetUsedCells(VmMemory memory) => memory.GetUsedSize(Base.Segment);

    /// <summary><c>ceil(used_cells / cells_per_instance)</c>.</summary>
    public virtual int GetUsedInstances(VmMemory memory) => (GetUsedCells(memory) + CellsPerInstance - 1) / CellsPerInstance;

    /// <summary>
    /// Reads the stop pointer at <c>[pointer − 1]</c> and checks it equals
    /// <c>base + used_instances · cells_per_instance</c> (§3.9). Returns <c>pointer − 1</c>.
    /// </summary>
    public virtual Relocatable FinalStack(VmMemory memory, Relocatable pointer)
    {
        if (!Included)
        {
            _stop = Base;
            return pointer;
        }
        var at = pointer.Add(-1);
        if (!memory.TryGet(at, out var v) || !v.IsRelocatable)
        {
            throw new MemoryException($"Invalid stop pointer for {Name}: no stop pointer at {at}");
        }
        var stop = v.RelocatableUnchecked;
        var expected = this is OutputBuiltinRunner ? Base.Add(GetUsedCells(memory)) : Base.Add((long)GetUsedInstances(memory) * CellsPerInstance);
        if (stop != expected)
        {
            throw new MemoryException($"Invalid stop pointer for {Name}. Expected: {expected}, found: {stop}");
        }
        _stop = stop;
        return at;
    }

    /// <summary>
    /// Reads the <paramref name="inputs"/>.Length input cells of the instance starting at
    /// <paramref name="start"/>: false when one is missing; an error when one is not an integer.
    /// </summary>
    protected bool TryReadInputs(VmMemory memory, Relocatable start, Span<Primitives.Felt> inputs)
    {
        for (int i = 0; i < inputs.Length; i++)
        {
            var at = start.Add(i);
            if (!memory.TryGet(at, out var v)) return false;
            if (!v.IsFelt) throw new MemoryException($"{Name} builtin: Expected integer at address {at}, found {v}");
            inputs[i] = v.FeltUnchecked;
        }
        return true;
    }

    /// <summary>Creates the runner for a builtin name, or null when it is not implemented yet.</summary>
    public static BuiltinRunner? Create(string name) => name switch
    {
        "output" => new OutputBuiltinRunner(),
        "pedersen" => new PedersenBuiltinRunner(),
        "range_check" => new RangeCheckBuiltinRunner(),
        "ecdsa" => new EcdsaBuiltinRunner(),
        "bitwise" => new BitwiseBuiltinRunner(),
        "ec_op" => new EcOpBuiltinRunner(),
        "keccak" => new KeccakBuiltinRunner(),
        "poseidon" => new PoseidonBuiltinRunner(),
        "range_check96" => new RangeCheckBuiltinRunner(RangeCheckBuiltinRunner.Parts96),
        "add_mod" or "mul_mod" => new ModBuiltinRunner(name),
        "segment_arena" => new SegmentArenaBuiltinRunner(),
        "gas_builtin" or "gas" => new GasBuiltinRunner(),
        _ => null,
    };
}
