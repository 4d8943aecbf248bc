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
        ref Felt fc = ref FullConstants[0];
        ref Felt pc = ref PartialConstants[0];
        int k = 0;
        for (int r = 0; r < FullRounds / 2; r++, k += 3)
        {
            FullRound(ref s0, ref s1, ref s2, Unsafe.Add(ref fc, k), Unsafe.Add(ref fc, k + 1), Unsafe.Add(ref fc, k + 2));
        }
        for (int r = 0; r < PartialRounds; r++)
        {
            Felt x = s2 + Unsafe.Add(ref pc, r);
            s2 = x.Square() * x;
            Mix(ref s0, ref s1, ref s2);
        }
        for (int r = 0; r < FullRounds / 2; r++, k += 3)
        {
            FullRound(ref s0, ref s1, ref s2, Unsafe.Add(ref fc, k), Unsafe.Add(ref fc, k + 1), Unsafe.Add(ref fc, k + 2));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FullRound(ref Felt s0, ref Felt s1, ref Felt s2, Felt c0, Felt c1, Felt c2)
    {
        s0 += c0;
        s1 += c1;
        s2 += c2;
        s0 = s0.Square() * s0;
        s1 = s1.Square() * s1;
        s2 = s2.Square() * s2;
        Mix(ref s0, ref s1, ref s2);
    }

    // [[3,1,1],[1,−1,1],[1,1,−2]]: with t = s0 + s1 + s2: (t + 2s0, t − 2s1, t − 3s2).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Mix(ref Felt s0, ref Felt s1, ref Felt s2)
    {
        Felt t = s0 + s1 + s2;
        Felt n0 = t + s0.Double();
        Felt n1 = t - s1.Double();
        Felt n2 = t - (s2.Double() + s2);
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
