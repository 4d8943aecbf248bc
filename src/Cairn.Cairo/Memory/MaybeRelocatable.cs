using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Cairn.Primitives;

namespace Cairn.Cairo.Memory;

/// <summary>
/// A memory value: a felt or a relocatable address. <c>default</c> is <see cref="ValueKind.None"/>
/// (no value; used for unset cells). Arithmetic follows cairo-vm.md §1.2.
/// </summary>
/// <remarks>
/// A cell is 32 bytes. A felt is held as its four Montgomery limbs, whose top limb is below 2^60
/// (every limb value is below P), so the top two bits of the last word are the tag: <c>10</c> a felt,
/// <c>11</c> an address (offset in the first word, segment in the second, the rest zero), <c>00</c>
/// no value (all zero, so new pages are unset). Equality is then one 32-byte comparison.
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = 32)]
public readonly struct MaybeRelocatable : IEquatable<MaybeRelocatable>
{
    private const ulong FeltTag = 1UL << 63;
    private const ulong RelocatableTag = 3UL << 62;
    private const ulong TagMask = 3UL << 62;

    [FieldOffset(0)]
    private readonly Felt _tagged;
    [FieldOffset(0)]
    private readonly ulong _offset;
    [FieldOffset(8)]
    private readonly int _segment;
    [FieldOffset(24)]
    private readonly ulong _top;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public MaybeRelocatable(Felt value)
    {
        var v = Unsafe.BitCast<Felt, Vector256<ulong>>(value) | Vector256.Create(0, 0, 0, FeltTag);
        this = Unsafe.BitCast<Vector256<ulong>, MaybeRelocatable>(v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public MaybeRelocatable(Relocatable address)
    {
        this = Unsafe.BitCast<Vector256<ulong>, MaybeRelocatable>(
            Vector256.Create(address.Offset, (ulong)(uint)address.Segment, 0, RelocatableTag));
    }

    public ValueKind Kind => (_top & TagMask) switch
    {
        FeltTag => ValueKind.Felt,
        RelocatableTag => ValueKind.Relocatable,
        _ => ValueKind.None,
    };

    public bool HasValue => (long)_top < 0;

    public bool IsFelt => (_top & TagMask) == FeltTag;

    public bool IsRelocatable => (_top & TagMask) == RelocatableTag;

    /// <summary>The felt; throws when the value is not a felt.</summary>
    public Felt Felt
    {
        get
        {
            if (!IsFelt) ThrowNotFelt();
            return FeltUnchecked;
        }
    }

    /// <summary>The address; throws when the value is not a relocatable.</summary>
    public Relocatable Relocatable
    {
        get
        {
            if (!IsRelocatable) ThrowNotRelocatable();
            return new Relocatable(_segment, _offset);
        }
    }

    internal Felt FeltUnchecked
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Unsafe.BitCast<Vector256<ulong>, Felt>(
            Unsafe.BitCast<Felt, Vector256<ulong>>(_tagged) & Vector256.Create(ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ~TagMask));
    }

    internal Relocatable RelocatableUnchecked => new(_segment, _offset);

    public static implicit operator MaybeRelocatable(Felt value) => new(value);

    public static implicit operator MaybeRelocatable(Relocatable value) => new(value);

    public static MaybeRelocatable FromUInt64(ulong value) => new(Felt.FromUInt64(value));

    /// <summary>felt + felt, rel + felt, felt + rel. rel + rel is an error.</summary>
    public static MaybeRelocatable operator +(MaybeRelocatable a, MaybeRelocatable b)
    {
        if (a.IsFelt && b.IsFelt) return new MaybeRelocatable(a.FeltUnchecked + b.FeltUnchecked);
        if (a.IsRelocatable && b.IsFelt) return new MaybeRelocatable(a.RelocatableUnchecked.AddFelt(b.FeltUnchecked));
        if (a.IsFelt && b.IsRelocatable) return new MaybeRelocatable(b.RelocatableUnchecked.AddFelt(a.FeltUnchecked));
        throw new MemoryException($"cannot add {a} and {b}" + (a.IsRelocatable && b.IsRelocatable ? ": cannot add two relocatable values" : string.Empty));
    }

    /// <summary>felt − felt, rel − felt, rel − rel (same segment, gives a felt). felt − rel is an error.</summary>
    public static MaybeRelocatable operator -(MaybeRelocatable a, MaybeRelocatable b)
    {
        if (TrySubtract(a, b, out var r)) return r;
        throw new MemoryException($"cannot subtract {b} from {a}");
    }

    /// <summary>Subtraction that reports failure instead of throwing (used by operand deduction).</summary>
    public static bool TrySubtract(MaybeRelocatable a, MaybeRelocatable b, out MaybeRelocatable result)
    {
        result = default;
        if (a.IsFelt && b.IsFelt)
        {
            result = new MaybeRelocatable(a.FeltUnchecked - b.FeltUnchecked);
            return true;
        }
        if (a.IsRelocatable && b.IsFelt)
        {
            var rel = a.RelocatableUnchecked;
            Felt neg = -b.FeltUnchecked;
            if (neg.TryToUInt64(out ulong add) && rel.Offset + add >= rel.Offset)
            {
                result = new MaybeRelocatable(new Relocatable(rel.Segment, rel.Offset + add));
                return true;
            }
            if (b.FeltUnchecked.TryToUInt64(out ulong sub) && sub <= rel.Offset)
            {
                result = new MaybeRelocatable(new Relocatable(rel.Segment, rel.Offset - sub));
                return true;
            }
            return false;
        }
        if (a.IsRelocatable && b.IsRelocatable && a._segment == b._segment)
        {
            result = new MaybeRelocatable(a._offset >= b._offset
                ? Felt.FromUInt64(a._offset - b._offset)
                : -Felt.FromUInt64(b._offset - a._offset));
            return true;
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Equals(MaybeRelocatable other) =>
        Unsafe.BitCast<MaybeRelocatable, Vector256<ulong>>(this) == Unsafe.BitCast<MaybeRelocatable, Vector256<ulong>>(other);

    public override bool Equals(object? obj) => obj is MaybeRelocatable m && Equals(m);

    public override int GetHashCode() => IsFelt ? FeltUnchecked.GetHashCode() : HashCode.Combine(Kind, _segment, _offset);

    public static bool operator ==(MaybeRelocatable a, MaybeRelocatable b) => a.Equals(b);

    public static bool operator !=(MaybeRelocatable a, MaybeRelocatable b) => !a.Equals(b);

    /// <summary>Felts in decimal (as the reference VMs print them), addresses as <c>segment:offset</c>.</summary>
    public override string ToString() => Kind switch
    {
        ValueKind.Felt => FeltUnchecked.ToDecimalString(),
        ValueKind.Relocatable => RelocatableUnchecked.ToString(),
        _ => "<none>",
    };

    private void ThrowNotFelt() => throw new MemoryException($"expected a felt, found {this}");

    private void ThrowNotRelocatable() => throw new MemoryException($"expected a relocatable value, found {this}");
}
