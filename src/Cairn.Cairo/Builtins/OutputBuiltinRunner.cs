using Cairn.Cairo.Memory;

namespace Cairn.Cairo.Builtins;

/// <summary>The output builtin: free cells holding the program output (cairo-vm.md §4.3).</summary>
public sealed class OutputBuiltinRunner : BuiltinRunner
{
    public override string Name => "output";

    public override int CellsPerInstance => 1;

    /// <summary>The written output cells, in order. A gap (unset cell) is an error.</summary>
    public IReadOnlyList<MaybeRelocatable> GetOutput(VmMemory memory)
    {
        var output = new MaybeRelocatable[memory.GetUsedSize(Base.Segment)];
        for (int i = 0; i < output.Length; i++)
        {
            output[i] = memory.GetCell(Base.Segment, i);
            if (!output[i].HasValue) throw new MemoryException($"output builtin: missing output cell at {Base.Add(i)}");
        }
        return output;
    }
}
