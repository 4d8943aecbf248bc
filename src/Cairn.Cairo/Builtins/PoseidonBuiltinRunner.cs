using Cairn.Cairo.Memory;
using Cairn.Crypto.Hashing;
using Cairn.Primitives;

namespace Cairn.Cairo.Builtins;

/// <summary>
/// poseidon: instances (s0, s1, s2, s0', s1', s2') with the outputs the Hades permutation of the
/// inputs, auto-deduced together (cairo-vm.md §4.10).
/// </summary>
public sealed class PoseidonBuiltinRunner : BuiltinRunner, IAutoDeducer
{
    private ulong _cachedInstance = ulong.MaxValue;
    private Felt _c0, _c1, _c2;

    public override string Name => "poseidon";

    public override int CellsPerInstance => 6;

    public override int InputCellsPerInstance => 3;

    public override void AddValidationRules(VmMemory memory) => memory.SetDeducer(Base.Segment, this);

    public override bool HasInputWriteOrder => true;

    public bool TryDeduce(VmMemory memory, Relocatable address, out MaybeRelocatable value)
    {
        value = default;
        int index = (int)(address.Offset % 6);
        if (index < 3) return false;
        ulong instance = address.Offset / 6;
        if (instance != _cachedInstance)
        {
            Span<Felt> s = stackalloc Felt[3];
            if (!TryReadInputs(memory, address.Add(-index), s)) return false;
            Poseidon.Permute(ref s[0], ref s[1], ref s[2]);
            (_c0, _c1, _c2) = (s[0], s[1], s[2]);
            _cachedInstance = instance;
        }
        value = index switch { 3 => _c0, 4 => _c1, _ => _c2 };
        return true;
    }
}
