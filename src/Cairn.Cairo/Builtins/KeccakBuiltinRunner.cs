using System.Buffers.Binary;
using Cairn.Cairo.Memory;
using Cairn.Crypto.Hashing;
using Cairn.Primitives;

namespace Cairn.Cairo.Builtins;

/// <summary>
/// keccak: instances of 8 inputs (200 bits each, 25 bytes little-endian, concatenated into the
/// 1600-bit state) and 8 outputs: the Keccak-f[1600] permutation of that state, split the same way.
/// Spec: cairo-vm.md §4.9.
/// </summary>
public sealed class KeccakBuiltinRunner : BuiltinRunner, IAutoDeducer
{
    private const int Inputs = 8;
    private const int BytesPerWord = 25;

    private readonly Felt[] _cache = new Felt[Inputs];
    private ulong _cachedInstance = ulong.MaxValue;

    public override string Name => "keccak";

    public override int CellsPerInstance => 16;

    public override int InputCellsPerInstance => Inputs;

    public override int InstancesPerComponent => 16;

    public override int DilutedUnitsPerInstance => 16384;

    public override void AddValidationRules(VmMemory memory) => memory.SetDeducer(Base.Segment, this);

    public override bool HasInputWriteOrder => true;

    public bool TryDeduce(VmMemory memory, Relocatable address, out MaybeRelocatable value)
    {
        value = default;
        int index = (int)(address.Offset % 16);
        if (index < Inputs) return false;
        ulong instance = address.Offset / 16;
        if (instance != _cachedInstance)
        {
            var start = address.Add(-index);
            Span<Felt> input = stackalloc Felt[Inputs];
            if (!TryReadInputs(memory, start, input)) return false;
            Span<byte> state = stackalloc byte[Inputs * BytesPerWord];
            Span<byte> word = stackalloc byte[32];
            for (int i = 0; i < Inputs; i++)
            {
                input[i].WriteBytesLE(word);
                if (word[BytesPerWord..].IndexOfAnyExcept((byte)0) >= 0)
                {
                    throw new MemoryException($"keccak builtin: Expected integer at address {start.Add(i)} to be smaller than 2^200. Got: {input[i].ToDecimalString()}.");
                }
                word[..BytesPerWord].CopyTo(state[(i * BytesPerWord)..]);
            }
            Permute(state);
            for (int i = 0; i < Inputs; i++) _cache[i] = Felt.FromBytesLE(state.Slice(i * BytesPerWord, BytesPerWord));
            _cachedInstance = instance;
        }
        value = _cache[index - Inputs];
        return true;
    }

    /// <summary>Keccak-f[1600] on a 200-byte state (lanes little-endian).</summary>
    public static void Permute(Span<byte> state200)
    {
        Span<ulong> lanes = stackalloc ulong[25];
        for (int i = 0; i < 25; i++) lanes[i] = BinaryPrimitives.ReadUInt64LittleEndian(state200[(i * 8)..]);
        Keccak256.KeccakF1600(lanes);
        for (int i = 0; i < 25; i++) BinaryPrimitives.WriteUInt64LittleEndian(state200[(i * 8)..], lanes[i]);
    }
}
