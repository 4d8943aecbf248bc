using Cairn.Primitives;

namespace Cairn.Stark.Polynomials;

/// <summary>Small polynomial helpers over coefficient vectors (natural order: index i holds the coefficient of x^i).</summary>
public static class Polynomial
{
    /// <summary>Evaluates at <paramref name="x"/> by Horner's rule.</summary>
    public static Felt Evaluate(ReadOnlySpan<Felt> coefficients, Felt x)
    {
        Felt acc = Felt.Zero;
        for (int i = coefficients.Length - 1; i >= 0; i--) acc = acc * x + coefficients[i];
        return acc;
    }

    /// <summary>Evaluations on <c>⟨ω_n⟩</c> in natural order (<c>result[j] = f(ω_n^j)</c>); n ≥ the number of coefficients, a power of two.</summary>
    public static Felt[] EvaluateOnSubgroup(ReadOnlySpan<Felt> coefficients, int n)
    {
        if (coefficients.Length > n) throw new ArgumentException("more coefficients than points", nameof(coefficients));
        var values = new Felt[n];
        coefficients.CopyTo(values);
        Fft.Forward(values);
        BitReversal.Permute(values);
        return values;
    }

    /// <summary>Coefficients of the polynomial of degree &lt; n through natural-order values on <c>⟨ω_n⟩</c>.</summary>
    public static Felt[] InterpolateOnSubgroup(ReadOnlySpan<Felt> values)
    {
        var coefficients = values.ToArray();
        TwiddleTable.Log2Exact(coefficients.Length, nameof(values));
        BitReversal.Permute(coefficients);
        Fft.Inverse(coefficients);
        return coefficients;
    }

    /// <summary>The degree (index of the last non-zero coefficient), or −1 for the zero polynomial.</summary>
    public static int Degree(ReadOnlySpan<Felt> coefficients)
    {
        for (int i = coefficients.Length - 1; i >= 0; i--)
            if (!coefficients[i].IsZero) return i;
        return -1;
    }
}
