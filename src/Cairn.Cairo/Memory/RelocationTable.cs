using Cairn.Primitives;

namespace Cairn.Cairo.Memory;

/// <summary>
/// The segment bases after a run: <c>base[0] = 1</c>, <c>base[i+1] = base[i] + size(i)</c>;
/// <c>relocate(rel(s, o)) = base[s] + o</c>, felts unchanged. Spec: cairo-vm.md §1.7.
/// </summary>
public sealed class RelocationTable
{
    /// <summary>FIRST_MEMORY_ADDR: address 0 is never used.</summary>
    public const ulong FirstAddress = 1;

    private readonly ulong[] _bases;
    private readonly ulong[] _sizes;

    private RelocationTable(ulong[] bases, ulong[] sizes)
    {
        _bases = bases;
        _sizes = sizes;
    }

    public IReadOnlyList<ulong> Bases => _bases;

    public IReadOnlyList<ulong> Sizes => _sizes;

    /// <summary>One past the last relocated address.</summary>
    public ulong End => _bases.Length == 0 ? FirstAddress : _bases[^1] + _sizes[^1];

    public static RelocationTable FromSizes(ReadOnlySpan<ulong> sizes)
    {
        var bases = new ulong[sizes.Length];
        ulong next = FirstAddress;
        for (int i = 0; i < sizes.Length; i++)
        {
            bases[i] = next;
            next = checked(next + sizes[i]);
        }
        return new RelocationTable(bases, sizes.ToArray());
    }

    public ulong Relocate(Relocatable address)
    {
        if ((uint)address.Segment >= (uint)_bases.Length)
        {
            throw new MemoryException(address.Segment < 0
                ? $"cannot relocate {address}: it is in temporary segment {address.Segment}, which no relocation rule moved into a real segment"
                : $"cannot relocate {address}: segment {address.Segment} has no base");
        }
        return checked(_bases[address.Segment] + address.Offset);
    }

    public Felt Relocate(MaybeRelocatable value) => value.Kind switch
    {
        ValueKind.Felt => value.FeltUnchecked,
        ValueKind.Relocatable => Felt.FromUInt64(Relocate(value.RelocatableUnchecked)),
        _ => throw new MemoryException("cannot relocate an empty value"),
    };
}
