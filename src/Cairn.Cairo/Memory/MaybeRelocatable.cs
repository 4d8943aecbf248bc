using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Cairn.Primitives;

namespace Cairn.Cairo.Memory;

/// <summary>
/// A memory value: a felt or a relocatable address. <c>default</c> is <see cref="ValueKind.None"/>
/// (no value; used for unset cells). Arithmetic follows cairo-vm.md §1.2.
/// The address overlays the felt's storage (a value is one or the other), so a cell is 40 bytes.
/// </summary>
[StructLayout(LayoutKind.Explicit)]
public readonly struct MaybeRelocatable : IEquatable<MaybeRelocatable>
{
    [FieldOffset(0)]
    private readonly Felt _felt;
    [FieldOffset(0)]
    private readonly ulong _offset;
    [FieldOffset(8)]
    private readonly int _segment;
    [FieldOffset(32)]
    private readonly ValueKind _kind;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public MaybeRelocatable(Felt value)
    {
        _offset = 0;
        _segment = 0;
        _felt = value;
        _kind = ValueKind.Felt;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public MaybeRelocatable(Relocatable address)
    {
        _felt = default;
        _offset = address.Offset;
        _segment = address.Segment;
        _kind = ValueKind.Relocatable;
    }

    public ValueKind Kind => _kind;

    public bool HasValue => _kind != ValueKind.None;

    public bool IsFelt => _kind == ValueKind.Felt;

    public bool IsRelocatable => _kind == ValueKind.Relocatable;

    /// <summary>The felt; throws when the value is not a felt.</summary>
    public Felt Felt
    {
        get
        {
            if (_kind != ValueKind.Felt) ThrowNotFelt();
            return _felt;
        }
    }

    /// <summary>The address; throws when the value is not a relocatable.</summary>
    public Relocatable Relocatable
    {
        get
        {
            if (_kind != ValueKind.Relocatable) ThrowNotRelocatable();
            return new Relocatable(_segment, _offset);
        }
    }

    internal Felt FeltUnchecked => _felt;

    internal Relocatable RelocatableUnchecked => new(_segment, _offset);

    public static implicit operator MaybeRelocatable(Felt value) => new(value);

    public static implicit operator MaybeRelocatable(Relocatable value) => new(value);

    public static MaybeRelocatable FromUInt64(ulong value) => new(Felt.FromUInt64(value));

    /// <summary>felt + felt, rel + felt, felt + rel. rel + rel is an error.</summary>
    public static MaybeRelocatable operator +(MaybeRelocatable a, MaybeRelocatable b)
    {
        if (a._kind == ValueKind.Felt && b._kind == ValueKind.Felt) return new MaybeRelocatable(a._felt + b._felt);
        if (a._kind == ValueKind.Relocatable && b._kind == ValueKind.Felt) return new MaybeRelocatable(a.RelocatableUnchecked.AddFelt(b._felt));
        if (a._kind == ValueKind.Felt && b._kind == ValueKind.Relocatable) return new MaybeRelocatable(b.RelocatableUnchecked.AddFelt(a._felt));
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
        if (a._kind == ValueKind.Felt && b._kind == ValueKind.Felt)
        {
            result = new MaybeRelocatable(a._felt - b._felt);
            return true;
        }
        if (a._kind == ValueKind.Relocatable && b._kind == ValueKind.Felt)
        {
            var rel = a.RelocatableUnchecked;
            Felt neg = -b._felt;
            if (neg.TryToUInt64(out ulong add) && rel.Offset + add >= rel.Offset)
            {
                result = new MaybeRelocatable(new Relocatable(rel.Segment, rel.Offset + add));
                return true;
            }
            if (b._felt.TryToUInt64(out ulong sub) && sub <= rel.Offset)
            {
                result = new MaybeRelocatable(new Relocatable(rel.Segment, rel.Offset - sub));
                return true;
            }
            return false;
        }
        if (a._kind == ValueKind.Relocatable && b._kind == ValueKind.Relocatable && a._segment == b._segment)
        {
            result = new MaybeRelocatable(a._offset >= b._offset
                ? Felt.FromUInt64(a._offset - b._offset)
                : -Felt.FromUInt64(b._offset - a._offset));
            return true;
        }
        return false;
    }

    public bool Equals(MaybeRelocatable other) =>
        _kind == other._kind && (_kind == ValueKind.Felt
            ? _felt == other._felt
            : _segment == other._segment && _offset == other._offset);

    public override bool Equals(object? obj) => obj is MaybeRelocatable m && Equals(m);

    public override int GetHashCode() => _kind == ValueKind.Felt ? _felt.GetHashCode() : HashCode.Combine(_kind, _segment, _offset);

    public static bool operator ==(MaybeRelocatable a, MaybeRelocatable b) => a.Equals(b);

    public static bool operator !=(MaybeRelocatable a, MaybeRelocatable b) => !a.Equals(b);

    /// <summary>Felts in decimal (as the reference VMs print them), addresses as <c>segment:offset</c>.</summary>
    public override string ToString() => _kind switch
    {
        ValueKind.Felt => _felt.ToDecimalString(),
        ValueKind.Relocatable => RelocatableUnchecked.ToString(),
        _ => "<none>",
    };

    private void ThrowNotFelt() => throw new MemoryException($"expected a felt, found {this}");

    private void ThrowNotRelocatable() => throw new MemoryException($"expected a relocatable value, found {this}");
}
