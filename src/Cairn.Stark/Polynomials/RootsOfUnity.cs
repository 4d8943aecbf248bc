using Cairn.Primitives;

namespace Cairn.Stark.Polynomials;

/// <summary>
/// Canonical roots of unity of the Stark field (spec stark-prover.md §1.2): the primitive root of order
/// <c>n = 2^k</c> is <c>ω_n = 3^((p−1)/n)</c>, the choice of Stone, lambdaworks and the L1 contracts.
/// </summary>
public static class RootsOfUnity
{
    /// <summary>The two-adicity of p − 1: the largest power-of-two subgroup has order 2^192.</summary>
    public const int TwoAdicity = 192;

    /// <summary>The multiplicative generator 3, also the offset of the evaluation coset.</summary>
    public static Felt Generator => Felt.FromUInt64(3);

    // ω_{2^k} for k = 0..192, computed once: ω_{2^192} = 3^(2^59 + 17), then repeated squaring.
    private static readonly Felt[] s_roots = BuildRoots();
    private static readonly Felt[] s_inverseRoots = BuildInverseRoots(s_roots);

    private static Felt[] BuildRoots()
    {
        var roots = new Felt[TwoAdicity + 1];
        roots[TwoAdicity] = Felt.FromUInt64(3).Pow((1UL << 59) + 17);
        for (int k = TwoAdicity - 1; k >= 0; k--) roots[k] = roots[k + 1].Square();
        return roots;
    }

    private static Felt[] BuildInverseRoots(Felt[] roots)
    {
        var inv = (Felt[])roots.Clone();
        Felt.BatchInverse(inv);
        return inv;
    }

    /// <summary>The primitive root of unity of order <c>2^logN</c>.</summary>
    public static Felt Primitive(int logN)
    {
        if ((uint)logN > TwoAdicity) throw new ArgumentOutOfRangeException(nameof(logN), "order must be 2^0 .. 2^192");
        return s_roots[logN];
    }

    /// <summary>The inverse of <see cref="Primitive"/>.</summary>
    public static Felt PrimitiveInverse(int logN)
    {
        if ((uint)logN > TwoAdicity) throw new ArgumentOutOfRangeException(nameof(logN), "order must be 2^0 .. 2^192");
        return s_inverseRoots[logN];
    }
}
