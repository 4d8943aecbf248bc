using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Cairn.Primitives;

namespace Cairn.Crypto.Hashing;

/// <summary>
/// Starknet's Poseidon: the Hades permutation over 3 lanes (8 full + 83 partial rounds, x³, MDS
/// [[3,1,1],[1,−1,1],[1,1,−2]]) and its three entry points (shared/spec/starknet.md §2.2).
/// </summary>
public static class Poseidon
{
    public const int FullRounds = 8;
    public const int PartialRounds = 83;
    private const int Rounds = FullRounds + PartialRounds;

    // c_i = sha256("Hades" ‖ decimal(i)) mod P, i = 0..272, as published; then folded (see BuildFoldedConstants).
    private static readonly Felt[] RoundConstants = BuildRoundConstants();

    // Full rounds keep three constants; each partial round keeps only its lane-2 constant.
    private static readonly Felt[] FullConstants;
    private static readonly Felt[] PartialConstants;

#pragma warning disable CA1810 // the two folded tables are computed together
    static Poseidon()
    {
        (FullConstants, PartialConstants) = BuildFoldedConstants(RoundConstants);
    }
#pragma warning restore CA1810

    private static Felt[] BuildRoundConstants()
    {
        var c = new Felt[Rounds * 3];
        Span<byte> digest = stackalloc byte[32];
        for (int i = 0; i < c.Length; i++)
        {
            SHA256.HashData(Encoding.ASCII.GetBytes("Hades" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)), digest);
            c[i] = Felt.FromBytesBEReduced(digest);
        }
        return c;
    }

    /// <summary>
    /// In a partial round only lane 2 is cubed, so the lane-0 and lane-1 constants pass linearly:
    /// M·S(s + (a, b, k)) = M·S(s + (0, 0, k)) + M·(a, b, 0). That last term is carried into the next
    /// round's constants, and after the last partial round into the first closing full round, so a
    /// partial round adds one constant instead of three.
    /// </summary>
    private static (Felt[] Full, Felt[] Partial) BuildFoldedConstants(Felt[] c)
    {
        var full = new Felt[FullRounds * 3];
        var partial = new Felt[PartialRounds];
        int half = FullRounds / 2;
        Array.Copy(c, 0, full, 0, half * 3);
        Felt carry0 = Felt.Zero, carry1 = Felt.Zero, carry2 = Felt.Zero;
        for (int r = 0; r < PartialRounds; r++)
        {
            int k = (half + r) * 3;
            Felt a = c[k] + carry0, b = c[k + 1] + carry1;
            partial[r] = c[k + 2] + carry2;
            Felt zero = Felt.Zero;
            Mix(ref a, ref b, ref zero);
            carry0 = a; carry1 = b; carry2 = zero;
        }
        int closing = (half + PartialRounds) * 3;
        Array.Copy(c, closing, full, half * 3, half * 3);
        full[half * 3] += carry0;
        full[half * 3 + 1] += carry1;
        full[half * 3 + 2] += carry2;
        return (full, partial);
    }

    /// <summary>The Hades permutation in place.</summary>
    public static void Permute(ref Felt s0, ref Felt s1, ref Felt s2)
    {
        // Work on locals (promoted to registers), not through the refs.
        Felt a = s0, b = s1, c = s2;
        ref Felt fc = ref FullConstants[0];
        ref Felt pc = ref PartialConstants[0];
        int k = 0;
        for (int r = 0; r < FullRounds / 2; r++, k += 3)
        {
            FullRound(ref a, ref b, ref c, ref Unsafe.Add(ref fc, k));
        }
        for (int r = 0; r < PartialRounds; r++)
        {
            Felt x = c + Unsafe.Add(ref pc, r);
            x = x.Square() * x;
            // MDS [[3,1,1],[1,−1,1],[1,1,−2]]: u = a + b, t = u + x → (t + 2a, t − 2b, u − 2x),
            // summed without reduction (each result stays below 5P) and reduced once.
            Felt u = Felt.AddUnreduced(a, b);
            Felt t = Felt.AddUnreduced(u, x);
            Felt na = Felt.ReduceBelow8P(Felt.AddUnreduced(t, Felt.AddUnreduced(a, a)));
            b = Felt.ReduceBelow8P(Felt.SubTwiceUnreduced(t, b));
            c = Felt.ReduceBelow8P(Felt.SubTwiceUnreduced(u, x));
            a = na;
        }
        for (int r = 0; r < FullRounds / 2; r++, k += 3)
        {
            FullRound(ref a, ref b, ref c, ref Unsafe.Add(ref fc, k));
        }
        s0 = a;
        s1 = b;
        s2 = c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FullRound(ref Felt s0, ref Felt s1, ref Felt s2, ref Felt constants)
    {
        Felt x = s0 + constants;
        Felt y = s1 + Unsafe.Add(ref constants, 1);
        Felt z = s2 + Unsafe.Add(ref constants, 2);
        x = x.Square() * x;
        y = y.Square() * y;
        z = z.Square() * z;
        Mix(ref x, ref y, ref z);
        s0 = x;
        s1 = y;
        s2 = z;
    }

    // [[3,1,1],[1,−1,1],[1,1,−2]]: with u = s0 + s1 and t = u + s2: (t + 2s0, t − 2s1, u − 2s2).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Mix(ref Felt s0, ref Felt s1, ref Felt s2)
    {
        Felt u = s0 + s1;
        Felt t = u + s2;
        Felt n0 = t + s0.Double();
        Felt n1 = t - s1.Double();
        Felt n2 = u - s2.Double();
        s0 = n0;
        s1 = n1;
        s2 = n2;
    }

    /// <summary>poseidon(x, y) = hades([x, y, 2])[0] (trie nodes, commitment trees).</summary>
    public static Felt Hash(Felt x, Felt y)
    {
        Felt s2 = Felt.Two;
        Permute(ref x, ref y, ref s2);
        return x;
    }

    /// <summary>poseidon_single(x) = hades([x, 0, 1])[0].</summary>
    public static Felt HashSingle(Felt x)
    {
        Felt s1 = Felt.Zero, s2 = Felt.One;
        Permute(ref x, ref s1, ref s2);
        return x;
    }

    /// <summary>poseidon_many: absorb xs ‖ [1] (padded with 0 to even length) two at a time.</summary>
    public static Felt HashMany(ReadOnlySpan<Felt> values)
    {
        Felt s0 = Felt.Zero, s1 = Felt.Zero, s2 = Felt.Zero;
        int i = 0;
        for (; i + 1 < values.Length; i += 2)
        {
            s0 += values[i];
            s1 += values[i + 1];
            Permute(ref s0, ref s1, ref s2);
        }
        if (i < values.Length)
        {
            s0 += values[i];
            s1 += Felt.One;
        }
        else
        {
            s0 += Felt.One;
        }
        Permute(ref s0, ref s1, ref s2);
        return s0;
    }
}
