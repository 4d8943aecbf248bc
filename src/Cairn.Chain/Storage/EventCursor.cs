using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Cairn.Chain.Storage;

/// <summary>
/// A position in the chain's event sequence (block, transaction index, event index within the transaction): where
/// the next page of <see cref="ChainStore.GetEvents"/> starts. Its text form, <c>block-tx-event</c> in decimal, is the
/// RPC <c>continuation_token</c>.
/// </summary>
public readonly record struct EventCursor(ulong BlockNumber, int TransactionIndex, int EventIndex) : IComparable<EventCursor>
{
    public int CompareTo(EventCursor other)
    {
        var c = BlockNumber.CompareTo(other.BlockNumber);
        if (c != 0) return c;
        c = TransactionIndex.CompareTo(other.TransactionIndex);
        return c != 0 ? c : EventIndex.CompareTo(other.EventIndex);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{BlockNumber}-{TransactionIndex}-{EventIndex}");

    /// <summary>Parses a continuation token; false for anything <see cref="ToString"/> would not produce (RPC INVALID_CONTINUATION_TOKEN).</summary>
    public static bool TryParse([NotNullWhen(true)] string? token, out EventCursor cursor)
    {
        cursor = default;
        if (token is null) return false;
        var parts = token.Split('-');
        if (parts.Length != 3) return false;
        if (!ulong.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var block) ||
            !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var tx) ||
            !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ev))
        {
            return false;
        }

        cursor = new EventCursor(block, tx, ev);
        return true;
    }
}
