using Cairn.Cairo.Memory;

namespace Cairn.Cairo.Builtins;

/// <summary>
/// range_check: every value written to its segment must be a felt below 2^128 (8 parts of 16
/// bits). Spec: cairo-vm.md §4.5.
/// </summary>
public sealed class RangeCheckBuiltinRunner : BuiltinRunner, IMemoryValidator
{
    public const int Parts = 8;

    public override string Name => "range_check";

    public override int CellsPerInstance => 1;

    public override void AddValidationRules(VmMemory memory) => memory.SetValidator(Base.Segment, this);

    public void Validate(Relocatable address, in MaybeRelocatable value)
    {
        if (!value.IsFelt)
        {
            throw new MemoryException($"Range-check builtin: Expected value at address {address} to be an integer, found {value}");
        }
        value.FeltUnchecked.ToLimbs(out _, out _, out ulong l2, out ulong l3);
        if ((l2 | l3) != 0)
        {
            throw new MemoryException($"Value {value}, in range check builtin at address {address}, is out of range [0, 2^128)");
        }
    }
}
