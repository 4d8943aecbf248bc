using Cairn.Crypto.Curve;
using Cairn.Primitives;

namespace Cairn.Crypto.Hashing;

/// <summary>
/// Starknet's Pedersen hash: pedersen(a, b) = (S + a_low·P0 + a_high·P1 + b_low·P2 + b_high·P3).x,
/// where x_low is the low 248 bits and x_high the top 4 (shared/spec/starknet.md §2.1).
/// </summary>
/// <remarks>
/// The four constant points have fixed-base tables (11-bit signed windows for the low parts, one 4-bit
/// window for the high parts), so a hash is at most 48 mixed additions and one inversion
/// (<see cref="PedersenTables"/>); <see cref="HashMany"/> batches them (<see cref="PedersenBatch"/>).
/// </remarks>
public static class Pedersen
{
    public static readonly AffinePoint ShiftPoint = Point(
        "0x49ee3eba8c1600700ee1b87eb599f16716b0b1022947733551fde4050ca6804",
        "0x3ca0cfe4b3bc6ddf346d49d06ea0ed34e621062c0e056c1d0405d266e10268a");

    public static readonly AffinePoint P0 = Point(
        "0x234287dcbaffe7f969c748655fca9e58fa8120b6d56eb0c1080d17957ebe47b",
        "0x3b056f100f96fb21e889527d41f4e39940135dd7a6c94cc6ed0268ee89e5615");

    public static readonly AffinePoint P1 = Point(
        "0x4fa56f376c83db33f9dab2656558f3399099ec1de5e3018b7a6932dba8aa378",
        "0x3fa0984c931c9e38113e0c0e47e4401562761f92a7a23b45168f4e80ff5b54d");

    public static readonly AffinePoint P2 = Point(
        "0x4ba4cc166be8dec764910f75b45f74b40c690c74709e90f3aa372f0bd2d6997",
        "0x40301cf5c1751f4b971e46c4ede85fcac5c59a5ce5ae7c48151f27b24b219c");

    public static readonly AffinePoint P3 = Point(
        "0x54302dcb0e6cc1c6e44cca8f61a63bb2ca65048d53fb325d36ff12c49a58202",
        "0x1b77b3e37d13504b348046268d8ae25ce98ad783c25561a879dcc77e99c2426");

    // 11-bit signed windows: 23 additions per 248-bit half, 1,024 points (72 KiB) per window.
    private const int LowWindowBits = 11;

    private static readonly Lazy<PedersenTables> TablesLazy =
        new(() => new PedersenTables(ShiftPoint, P0, P1, P2, P3, LowWindowBits));

    /// <summary>Builds the precomputed tables now rather than on the first hash.</summary>
    public static void Warm() => _ = TablesLazy.Value;

    private static AffinePoint Point(string x, string y) => new(Felt.Parse(x), Felt.Parse(y));

    /// <summary>pedersen(a, b).</summary>
    public static Felt Hash(Felt a, Felt b) => TablesLazy.Value.Hash(a, b);

    /// <summary>
    /// result[i] = pedersen(a[i], b[i]) for many independent pairs, bit-identical to <see cref="Hash"/> (which it
    /// falls back to for a pair whose additions meet an exceptional case, and for batches too small to gain).
    /// The hashes run in lockstep with affine additions sharing one field inversion per round across the batch
    /// (Montgomery's trick), about half the field multiplications of <see cref="Hash"/> for large batches.
    /// <paramref name="result"/> may be <paramref name="a"/> or <paramref name="b"/> itself but must not otherwise
    /// overlap them.
    /// </summary>
    public static void HashMany(ReadOnlySpan<Felt> a, ReadOnlySpan<Felt> b, Span<Felt> result) =>
        PedersenBatch.HashMany(TablesLazy.Value, a, b, result);

    /// <summary>
    /// The hash chain with length: pedersen(pedersen(…pedersen(0, x1)…, xn), n); [] gives pedersen(0, 0).
    /// </summary>
    public static Felt HashArray(ReadOnlySpan<Felt> values)
    {
        Felt acc = Felt.Zero;
        foreach (var v in values) acc = Hash(acc, v);
        return Hash(acc, Felt.FromUInt64((ulong)values.Length));
    }
}
