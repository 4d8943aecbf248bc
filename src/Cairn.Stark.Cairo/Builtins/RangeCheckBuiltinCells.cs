using Cairn.Primitives;

namespace Cairn.Stark.Cairo.Builtins;

/// <summary>
/// Where the range-check builtin (ratio 8, spec stark-prover.md §7.2) lives in the plain geometry's spare cells
/// (§6.2): instance <c>i</c> owns the 128 rows <c>128i … 128i + 127</c> (8 steps); its 8 parts of 16 bits are the
/// rc16-pool cells c0 at rows <c>128i + 16j + 12</c> (row 12 of each of its steps, a spare c0 cell; part 0 the most
/// significant), and its memory pair is the spare c3 pair at rows <c>128i + 6</c> (address) and <c>128i + 7</c>
/// (value) of its first step. Value: <c>((p_0·2^16 + p_1)·2^16 + …)·2^16 + p_7</c>; address: <c>begin_addr + i</c>.
/// </summary>
public static class RangeCheckBuiltinCells
{
    /// <summary>Steps per instance (the geometry needs 8 steps for the 8 parts).</summary>
    public const int Ratio = 8;

    public const int Parts = 8;

    public const int RowsPerInstance = Ratio * 16;

    /// <summary>c0 row (within a step) of the part that step holds.</summary>
    public const int PartRowInStep = 12;

    /// <summary>c3 rows (within the instance's first step) of its address and value.</summary>
    public const int AddressRow = 6, ValueRow = 7;

    private static readonly Felt Shift16 = Felt.FromUInt64(1 << 16);

    /// <summary>The c0 row offset, within the instance, of part <paramref name="j"/>.</summary>
    public static int PartRow(int j) => 16 * j + PartRowInStep;

    /// <summary>The Horner combination of the 8 parts (part 0 the most significant).</summary>
    public static Felt Compose(ReadOnlySpan<Felt> parts)
    {
        Felt value = parts[0];
        for (int j = 1; j < Parts; j++) value = value * Shift16 + parts[j];
        return value;
    }

    /// <summary>Splits a value below 2^128 into its 8 parts; false when the value is 2^128 or more.</summary>
    public static bool TrySplit(Felt value, Span<ushort> parts)
    {
        value.ToLimbs(out ulong l0, out ulong l1, out ulong l2, out ulong l3);
        if ((l2 | l3) != 0) return false;
        for (int j = 0; j < Parts; j++)
        {
            int shift = 16 * (Parts - 1 - j);
            ulong word = shift >= 64 ? l1 : l0;
            parts[j] = (ushort)(word >> (shift & 63));
        }
        return true;
    }
}
