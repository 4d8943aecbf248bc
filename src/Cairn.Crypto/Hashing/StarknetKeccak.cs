using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using Cairn.Primitives;

namespace Cairn.Crypto.Hashing;

/// <summary>
/// <c>sn_keccak</c> and entry-point selectors. Spec: shared/spec/starknet.md §2.3.
/// </summary>
[SkipLocalsInit]
public static class StarknetKeccak
{
    private const int StackNameBytes = 256;

    /// <summary>
    /// <c>sn_keccak(data) = keccak256(data) mod 2^250</c>: the 32-byte digest, big-endian, with its
    /// 6 most significant bits cleared. The result is always below P.
    /// </summary>
    public static Felt Hash(ReadOnlySpan<byte> data)
    {
        Span<byte> digest = stackalloc byte[Keccak256.HashSize];
        Keccak256.Hash(data, digest);
        ulong l3 = BinaryPrimitives.ReadUInt64BigEndian(digest) & 0x03FF_FFFF_FFFF_FFFFUL;
        ulong l2 = BinaryPrimitives.ReadUInt64BigEndian(digest[8..]);
        ulong l1 = BinaryPrimitives.ReadUInt64BigEndian(digest[16..]);
        ulong l0 = BinaryPrimitives.ReadUInt64BigEndian(digest[24..]);
        // 2^250 − 1 < P, so this never reduces.
        return Felt.FromLimbsReduced(l0, l1, l2, l3);
    }

    /// <summary>
    /// The entry-point selector of <paramref name="name"/>: <c>sn_keccak</c> of its bytes, except
    /// <c>__default__</c> and <c>__l1_default__</c>, which map to 0.
    /// </summary>
    /// <remarks>
    /// Names are ASCII in practice; other characters are encoded as UTF-8, like the sequencer's
    /// <c>selector_from_name(&amp;str)</c>.
    /// </remarks>
    public static Felt Selector(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Selector(name.AsSpan());
    }

    /// <inheritdoc cref="Selector(string)"/>
    public static Felt Selector(ReadOnlySpan<char> name)
    {
        if (name.SequenceEqual("__default__") || name.SequenceEqual("__l1_default__")) return Felt.Zero;

        if (name.Length <= StackNameBytes / 3)
        {
            Span<byte> buffer = stackalloc byte[StackNameBytes];
            int n = Encoding.UTF8.GetBytes(name, buffer);
            return Hash(buffer[..n]);
        }

        byte[] rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(name.Length));
        try
        {
            int n = Encoding.UTF8.GetBytes(name, rented);
            return Hash(rented.AsSpan(0, n));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
