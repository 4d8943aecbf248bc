using Cairn.Cairo.Memory;
using Cairn.Primitives;

namespace Cairn.Cairo.Builtins;

/// <summary>
/// bitwise: instances (x, y, x&amp;y, x^y, x|y) with x, y below 2^251; outputs auto-deduced
/// (cairo-vm.md §4.7).
/// </summary>
public sealed class BitwiseBuiltinRunner : BuiltinRunner, IAutoDeducer
{
    public override string Name => "bitwise";

    public override int CellsPerInstance => 5;

    public override int InputCellsPerInstance => 2;

    public override int DilutedUnitsPerInstance => 68;

    public override void AddValidationRules(VmMemory memory) => memory.SetDeducer(Base.Segment, this);

    public override bool HasInputWriteOrder => true;

    public bool TryDeduce(VmMemory memory, Relocatable address, out MaybeRelocatable value)
    {
        value = default;
        int index = (int)(address.Offset % 5);
        if (index < 2) return false;
        var start = address.Add(-index);
        Span<Felt> inputs = stackalloc Felt[2];
        if (!TryReadInputs(memory, start, inputs)) return false;
        inputs[0].ToLimbs(out ulong x0, out ulong x1, out ulong x2, out ulong x3);
        inputs[1].ToLimbs(out ulong y0, out ulong y1, out ulong y2, out ulong y3);
        // 2^251 = bit 59 of the top limb.
        if (x3 >> 59 != 0) throw new MemoryException($"bitwise builtin: Expected integer at address {start} to be smaller than 2^251. Got: {inputs[0].ToDecimalString()}.");
        if (y3 >> 59 != 0) throw new MemoryException($"bitwise builtin: Expected integer at address {start.Add(1)} to be smaller than 2^251. Got: {inputs[1].ToDecimalString()}.");
        value = index switch
        {
            2 => Felt.FromLimbs(x0 & y0, x1 & y1, x2 & y2, x3 & y3),
            3 => Felt.FromLimbs(x0 ^ y0, x1 ^ y1, x2 ^ y2, x3 ^ y3),
            _ => Felt.FromLimbs(x0 | y0, x1 | y1, x2 | y2, x3 | y3),
        };
        return true;
    }
}
