using System.Runtime.CompilerServices;
using Cairn.Primitives;

namespace Cairn.Cairo.Memory;

/// <summary>
/// An address inside a memory segment: <c>rel(segment, offset)</c>. Real segments have index ≥ 0
/// (temporary segments, index &lt; 0, see <see cref="VmMemory.AddTemporarySegment"/>). Spec: cairo-vm.md §1.2, §1.4.
/// </summary>
public readonly struct Relocatable : IEquatable<Relocatable>, IComparable<Relocatable>
{
    public Relocatable(int segment, ulong offset)
    {
        Segment = segment;
        Offset = offset;
    }

    public int Segment { get; }

    public ulong Offset { get; }

    /// <summary>Adds a signed instruction offset; the result must stay a non-negative offset.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Relocatable Add(long delta)
    {
        // Offsets stay far below 2^63 (segments are capped at 2^30 cells), so a result with the top
        // bit set can only come from going below zero.
        long o = (long)Offset + delta;
        if (o < 0 || (long)Offset < 0) ThrowOffsetOutOfRange(delta);
        return new Relocatable(Segment, (ulong)o);
    }

    /// <summary>
    /// <c>rel + felt</c>: the offset becomes <c>(offset + v) mod P</c>, which must be a valid offset
    /// (felts near P act as negative numbers).
    /// </summary>
    public Relocatable AddFelt(Felt value)
    {
        if (value.TryToUInt64(out ulong v))
        {
            ulong o = Offset + v;
            if (o < Offset) ThrowFeltOutOfRange(value);
            return new Relocatable(Segment, o);
        }
        if ((-value).TryToUInt64(out ulong neg) && neg <= Offset)
        {
            return new Relocatable(Segment, Offset - neg);
        }
        ThrowFeltOutOfRange(value);
        return default;
    }

    /// <summary><c>rel − felt</c>; the offset must stay non-negative.</summary>
    public Relocatable SubFelt(Felt value) => AddFelt(-value);

    public bool Equals(Relocatable other) => Segment == other.Segment && Offset == other.Offset;

    public override bool Equals(object? obj) => obj is Relocatable r && Equals(r);

    public override int GetHashCode() => HashCode.Combine(Segment, Offset);

    public int CompareTo(Relocatable other) =>
        Segment != other.Segment ? Segment.CompareTo(other.Segment) : Offset.CompareTo(other.Offset);

    public static bool operator ==(Relocatable a, Relocatable b) => a.Equals(b);

    public static bool operator !=(Relocatable a, Relocatable b) => !a.Equals(b);

    public static Relocatable operator +(Relocatable a, long delta) => a.Add(delta);

    public static Relocatable operator -(Relocatable a, long delta) => a.Add(-delta);

    /// <summary>As the reference VMs print it: <c>segment:offset</c>.</summary>
    public override string ToString() => $"{Segment}:{Offset}";

    private void ThrowOffsetOutOfRange(long delta) =>
        throw new MemoryException($"offset out of range: {this} + {delta} is not a valid address");

    private void ThrowFeltOutOfRange(Felt value) =>
        throw new MemoryException($"offset out of range: {this} + {value.ToDecimalString()} is not a valid address");
}
