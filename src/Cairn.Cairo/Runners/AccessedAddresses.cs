using Cairn.Cairo.Memory;

namespace Cairn.Cairo.Runners;

/// <summary>
/// The set of accessed addresses (cairo-vm.md §1.6) as one growable bitmap per segment, with the
/// number of distinct accessed offsets per segment.
/// </summary>
internal sealed class AccessedAddresses
{
    private bool[][] _seen = [];
    private int[] _count = [];

    public void Mark(Relocatable address)
    {
        int s = address.Segment;
        if (s < 0) return;
        if (s >= _seen.Length)
        {
            int n = Math.Max(s + 1, _seen.Length * 2);
            Array.Resize(ref _seen, n);
            Array.Resize(ref _count, n);
        }
        var bits = _seen[s] ??= new bool[64];
        if (address.Offset >= (ulong)bits.Length)
        {
            Array.Resize(ref bits, (int)Math.Max(address.Offset + 1, (ulong)bits.Length * 2));
            _seen[s] = bits;
        }
        if (!bits[address.Offset])
        {
            bits[address.Offset] = true;
            _count[s]++;
        }
    }

    /// <summary>Distinct accessed offsets below <paramref name="size"/> in a segment.</summary>
    public int CountBelow(int segment, int size)
    {
        if (segment >= _seen.Length || _seen[segment] is not { } bits) return 0;
        if (size >= bits.Length) return _count[segment];
        int n = 0;
        for (int i = 0; i < size; i++)
        {
            if (bits[i]) n++;
        }
        return n;
    }
}
