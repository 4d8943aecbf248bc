using Cairn.Cairo.Memory;

namespace Cairn.Cairo.Builtins;

/// <summary>
/// range_check (8 parts of 16 bits: values below 2^128) and range_check96 (6 parts: below 2^96):
/// every value written to the segment must be a felt below the bound. Spec: cairo-vm.md §4.5.
/// </summary>
public sealed class RangeCheckBuiltinRunner : BuiltinRunner, IMemoryValidator
{
    public const int Parts = 8;

    public const int Parts96 = 6;

    private readonly int _parts;

    public RangeCheckBuiltinRunner(int parts = Parts)
    {
        if (parts != Parts && parts != Parts96) throw new ArgumentOutOfRangeException(nameof(parts), "range_check has 8 parts, range_check96 has 6");
        _parts = parts;
    }

    public override string Name => _parts == Parts ? "range_check" : "range_check96";

    public override int CellsPerInstance => 1;

    public override int RangeCheckParts => _parts;

    public override void AddValidationRules(VmMemory memory) => memory.SetValidator(Base.Segment, this);

    public void Validate(VmMemory memory, Relocatable address, in MaybeRelocatable value)
    {
        if (!value.IsFelt)
        {
            throw new MemoryException($"Range-check builtin: Expected value at address {address} to be an integer, found {value}");
        }
        value.FeltUnchecked.ToLimbs(out _, out ulong l1, out ulong l2, out ulong l3);
        bool outOfRange = _parts == Parts ? (l2 | l3) != 0 : (l1 >> 32 | l2 | l3) != 0;
        if (outOfRange)
        {
            throw new MemoryException($"Value {value}, in range check builtin at address {address}, is out of range [0, 2^{16 * _parts})");
        }
    }

    /// <summary>
    /// Min and max over all 16-bit limbs of all values in the segment (§4.5); false when the segment
    /// is empty.
    /// </summary>
    public bool TryGetRangeCheckUsage(VmMemory memory, out int min, out int max)
    {
        min = int.MaxValue;
        max = int.MinValue;
        int used = GetUsedCells(memory);
        for (int i = 0; i < used; i++)
        {
            var v = memory.GetCell(Base.Segment, i);
            if (!v.IsFelt) continue;
            v.FeltUnchecked.ToLimbs(out ulong l0, out ulong l1, out _, out _);
            for (int part = 0; part < _parts; part++)
            {
                ulong word = part < 4 ? l0 : l1;
                int limb = (int)((word >> (16 * (part & 3))) & 0xFFFF);
                if (limb < min) min = limb;
                if (limb > max) max = limb;
            }
        }
        return used > 0 && min <= max;
    }
}
