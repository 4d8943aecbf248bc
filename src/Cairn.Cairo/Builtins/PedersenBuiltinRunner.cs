using Cairn.Cairo.Memory;
using Cairn.Crypto.Hashing;
using Cairn.Primitives;

namespace Cairn.Cairo.Builtins;

/// <summary>pedersen: instances (x, y, H(x, y)); the hash cell is auto-deduced (cairo-vm.md §4.4).</summary>
public sealed class PedersenBuiltinRunner : BuiltinRunner, IAutoDeducer
{
    public override string Name => "pedersen";

    public override int CellsPerInstance => 3;

    public override int InputCellsPerInstance => 2;

    public override void AddValidationRules(VmMemory memory) => memory.SetDeducer(Base.Segment, this);

    public override bool HasInputWriteOrder => true;

    public bool TryDeduce(VmMemory memory, Relocatable address, out MaybeRelocatable value)
    {
        value = default;
        if (address.Offset % 3 != 2) return false;
        Span<Felt> inputs = stackalloc Felt[2];
        if (!TryReadInputs(memory, address.Add(-2), inputs)) return false;
        value = Pedersen.Hash(inputs[0], inputs[1]);
        return true;
    }
}
