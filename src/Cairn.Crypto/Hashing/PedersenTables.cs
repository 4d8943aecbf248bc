using Cairn.Crypto.Curve;
using Cairn.Primitives;

namespace Cairn.Crypto.Hashing;

/// <summary>
/// The fixed-base tables of one Pedersen instance: shift + a_low·P0 + a_high·P1 + b_low·P2 + b_high·P3, with
/// x_low the low 248 bits and x_high the top 4. <see cref="Pedersen"/> uses the Starknet points; tests build
/// instances over other points (and narrower windows) to reach the exceptional additions on purpose.
/// </summary>
internal sealed class PedersenTables
{
    public const int LowBits = 248;
    public const int HighBits = 4;
    private const ulong Low56 = (1UL << 56) - 1;

    public readonly AffinePoint Shift;
    public readonly FixedBaseTable Low0;
    public readonly FixedBaseTable High0;
    public readonly FixedBaseTable Low1;
    public readonly FixedBaseTable High1;

    /// <summary>Digits per hash: the windows of the four tables, in the order they are added.</summary>
    public readonly int Slots;

    /// <summary>For each slot, its table and window (the batch adds one slot of every hash per round).</summary>
    public readonly FixedBaseTable[] SlotTable;

    public readonly int[] SlotWindow;

    public PedersenTables(AffinePoint shift, AffinePoint p0, AffinePoint p1, AffinePoint p2, AffinePoint p3, int lowWindowBits)
    {
        if (shift.IsInfinity) throw new ArgumentException("the shift point must not be infinity", nameof(shift));
        Shift = shift;
        High0 = new FixedBaseTable(p1, HighBits, HighBits);
        High1 = new FixedBaseTable(p3, HighBits, HighBits);
        // The two large tables are independent: build them on both cores.
        FixedBaseTable? low0 = null, low1 = null;
        Parallel.Invoke(
            () => low0 = new FixedBaseTable(p0, LowBits, lowWindowBits),
            () => low1 = new FixedBaseTable(p2, LowBits, lowWindowBits));
        Low0 = low0!;
        Low1 = low1!;

        Slots = Low0.Windows + High0.Windows + Low1.Windows + High1.Windows;
        SlotTable = new FixedBaseTable[Slots];
        SlotWindow = new int[Slots];
        int s = 0;
        foreach (var table in (ReadOnlySpan<FixedBaseTable>)[Low0, High0, Low1, High1])
        {
            for (int w = 0; w < table.Windows; w++, s++)
            {
                SlotTable[s] = table;
                SlotWindow[s] = w;
            }
        }
    }

    /// <summary>One hash: projective mixed additions and one inversion; exact in every case.</summary>
    public Felt Hash(Felt a, Felt b)
    {
        a.ToLimbs(out var a0, out var a1, out var a2, out var a3);
        b.ToLimbs(out var b0, out var b1, out var b2, out var b3);
        // Start the table loads (about 3 MiB of tables, so mostly cache misses) before the additions.
        Low0.Prefetch(a0, a1, a2, a3 & Low56);
        Low1.Prefetch(b0, b1, b2, b3 & Low56);
        ProjectivePoint acc = Shift.ToProjective();
        acc = Low0.MultiplyAdd(acc, a0, a1, a2, a3 & Low56);
        acc = High0.MultiplyAdd(acc, a3 >> 56, 0, 0, 0);
        acc = Low1.MultiplyAdd(acc, b0, b1, b2, b3 & Low56);
        acc = High1.MultiplyAdd(acc, b3 >> 56, 0, 0, 0);
        return acc.AffineX();
    }

    /// <summary>The <see cref="Slots"/> digits of hash(a, b), in slot order.</summary>
    public void Recode(Felt a, Felt b, Span<short> digits)
    {
        a.ToLimbs(out var a0, out var a1, out var a2, out var a3);
        b.ToLimbs(out var b0, out var b1, out var b2, out var b3);
        int s = 0;
        Low0.Recode(a0, a1, a2, a3 & Low56, digits.Slice(s, Low0.Windows));
        s += Low0.Windows;
        High0.Recode(a3 >> 56, 0, 0, 0, digits.Slice(s, High0.Windows));
        s += High0.Windows;
        Low1.Recode(b0, b1, b2, b3 & Low56, digits.Slice(s, Low1.Windows));
        s += Low1.Windows;
        High1.Recode(b3 >> 56, 0, 0, 0, digits.Slice(s, High1.Windows));
    }
}
