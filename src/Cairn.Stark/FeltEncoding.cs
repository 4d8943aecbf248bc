using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Cairn.Primitives;

namespace Cairn.Stark;

/// <summary>
/// The byte encodings of field elements used by the STARK engine (spec stark-prover.md §1.5): channel,
/// Merkle leaves and proof bytes carry <c>BE256(Mont(x))</c>, the raw Montgomery limbs big-endian.
/// </summary>
public static class FeltEncoding
{
    /// <summary>Bytes per encoded element.</summary>
    public const int Size = 32;

    /// <summary>Writes <c>BE256(Mont(x))</c> to the first 32 bytes of <paramref name="destination"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteMontgomery(Felt x, Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, x.M3);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], x.M2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], x.M1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], x.M0);
    }

    /// <summary>Writes every element of <paramref name="values"/> back to back (32 bytes each).</summary>
    public static void WriteMontgomery(ReadOnlySpan<Felt> values, Span<byte> destination)
    {
        for (int i = 0; i < values.Length; i++) WriteMontgomery(values[i], destination.Slice(i * Size, Size));
    }

    /// <summary>
    /// Reads <c>BE256(Mont(x))</c>. Returns false when the Montgomery value is not canonical (≥ p): a verifier
    /// must reject such encodings (spec §1.5, pitfall 15).
    /// </summary>
    public static bool TryReadMontgomery(ReadOnlySpan<byte> source, out Felt value)
    {
        ulong m3 = BinaryPrimitives.ReadUInt64BigEndian(source);
        ulong m2 = BinaryPrimitives.ReadUInt64BigEndian(source[8..]);
        ulong m1 = BinaryPrimitives.ReadUInt64BigEndian(source[16..]);
        ulong m0 = BinaryPrimitives.ReadUInt64BigEndian(source[24..]);
        if (!Felt.LessThanP(m0, m1, m2, m3))
        {
            value = default;
            return false;
        }
        value = new Felt(m0, m1, m2, m3);
        return true;
    }

    /// <summary>The element whose Montgomery representation is the integer <c>x mod p</c> (any 256-bit x).</summary>
    internal static Felt FromMontgomeryReduced(ulong l0, ulong l1, ulong l2, ulong l3)
    {
        // Reduce the integer mod p (canonical round trip), then take the limbs as a Montgomery value.
        Felt.FromLimbsReduced(l0, l1, l2, l3).ToLimbs(out var r0, out var r1, out var r2, out var r3);
        return new Felt(r0, r1, r2, r3);
    }
}
