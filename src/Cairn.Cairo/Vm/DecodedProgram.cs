using Cairn.Cairo.Hints;
using Cairn.Cairo.Instructions;
using Cairn.Primitives;

namespace Cairn.Cairo.Vm;

/// <summary>
/// A program decoded once and shared by every run of it (a contract class executed many times):
/// the instruction at every word that decodes as one, and the compiled hints by pc. Immutable after
/// construction, so concurrent runs may share it.
/// </summary>
public sealed class DecodedProgram
{
    public DecodedProgram(IReadOnlyList<Felt> words, IReadOnlyDictionary<int, IHint[]>? hints = null, int extraWords = 0)
    {
        Length = words.Count + extraWords;
        Instructions = new Instruction[Length];
        Decoded = new bool[Length];
        for (int i = 0; i < words.Count; i++)
        {
            Decoded[i] = InstructionDecoder.TryDecode(words[i], out Instructions[i], out _);
        }
        Hints = new IHint[]?[Length];
        if (hints is not null)
        {
            foreach (var (pc, list) in hints)
            {
                if ((uint)pc >= (uint)Length) throw new ArgumentOutOfRangeException(nameof(hints), $"hint pc {pc} is outside the program");
                Hints[pc] = list.Length == 0 ? null : list;
            }
        }
    }

    /// <summary>Words covered (the program plus any extra words the runner appends).</summary>
    public int Length { get; }

    internal Instruction[] Instructions { get; }

    internal bool[] Decoded { get; }

    internal IHint[]?[] Hints { get; }
}
