using Cairn.Cairo.Hints;
using Cairn.Cairo.Instructions;
using Cairn.Cairo.Memory;
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
        Immediates = new MaybeRelocatable[Length];
        ImmediateOffsets = new long[Length];
        for (int i = 0; i < words.Count; i++)
        {
            Decoded[i] = InstructionDecoder.TryDecode(words[i], out Instructions[i], out _);
            if (Decoded[i] && Instructions[i].Op1Src == Op1Source.Imm && i + 1 < words.Count)
            {
                Immediates[i] = words[i + 1];
                ImmediateOffsets[i] = VirtualMachine.SmallOffset(words[i + 1]);
            }
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

    /// <summary>The immediate after each instruction that has one (unset otherwise).</summary>
    internal MaybeRelocatable[] Immediates { get; }

    /// <summary>Those immediates as small signed offsets (<see cref="long.MinValue"/>: not one).</summary>
    internal long[] ImmediateOffsets { get; }
}
