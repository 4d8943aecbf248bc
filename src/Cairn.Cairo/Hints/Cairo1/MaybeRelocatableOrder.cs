using Cairn.Cairo.Memory;

namespace Cairn.Cairo.Hints.Cairo1;

/// <summary>
/// The total order the reference runner uses for <c>TestLessThanOrEqual</c> (Rust's derived
/// <c>Ord</c> on <c>MaybeRelocatable { RelocatableValue, Int }</c>): addresses compare by (segment,
/// offset), felts by canonical integer, and every address is below every felt.
/// </summary>
internal static class MaybeRelocatableOrder
{
    public static int Compare(MaybeRelocatable a, MaybeRelocatable b)
    {
        if (a.IsRelocatable && b.IsRelocatable) return a.Relocatable.CompareTo(b.Relocatable);
        if (a.IsFelt && b.IsFelt) return a.Felt.CompareTo(b.Felt);
        return a.IsRelocatable ? -1 : 1;
    }
}
