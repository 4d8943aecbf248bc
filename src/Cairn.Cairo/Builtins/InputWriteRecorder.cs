using Cairn.Cairo.Memory;

namespace Cairn.Cairo.Builtins;

/// <summary>
/// Records the offsets of a builtin segment's input cells in the order they are first written. The
/// memory calls a segment's validator only for a write into an empty cell, so each offset appears
/// once. cairo-lang builds each air_private_input instance by walking the memory in insertion order
/// (<c>res.setdefault(idx, {"index": idx})[name] = hex(val)</c>), so an instance's keys follow this
/// order; <see cref="Output.AirPrivateInput"/> writes them the same way.
/// </summary>
internal sealed class InputWriteRecorder(int cellsPerInstance, int inputCellsPerInstance) : IMemoryValidator
{
    private readonly List<int> _offsets = [];

    public IReadOnlyList<int> Offsets => _offsets;

    public void Validate(VmMemory memory, Relocatable address, in MaybeRelocatable value)
    {
        if ((int)(address.Offset % (ulong)cellsPerInstance) < inputCellsPerInstance) _offsets.Add((int)address.Offset);
    }
}
