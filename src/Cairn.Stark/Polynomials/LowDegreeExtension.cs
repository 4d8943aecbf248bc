using Cairn.Primitives;

namespace Cairn.Stark.Polynomials;

/// <summary>
/// Low-degree extension of columns from the trace domain to the evaluation domain, Stone style
/// (spec stark-prover.md §2): one inverse FFT of size T, then per coset a scaling by the coset offset's powers
/// and a forward FFT of size T. The output is in the committed (bit-reversed) order of §1.2.
/// </summary>
public static class LowDegreeExtension
{
    /// <summary>
    /// Extends one column given by its values on the trace domain in natural order (<c>values[j] = f(g^j)</c>).
    /// Returns the <c>B·T</c> values on E in committed order.
    /// </summary>
    public static Felt[] Extend(ReadOnlySpan<Felt> traceValues, int logBlowup)
    {
        var coefficients = Interpolate(traceValues);
        return ExtendCoefficients(coefficients, logBlowup);
    }

    /// <summary>Coefficients (natural order) of the polynomial of degree &lt; T through the natural-order trace values.</summary>
    public static Felt[] Interpolate(ReadOnlySpan<Felt> traceValues)
    {
        TwiddleTable.Log2Exact(traceValues.Length, nameof(traceValues));
        var coefficients = traceValues.ToArray();
        BitReversal.Permute(coefficients);
        Fft.Inverse(coefficients);
        return coefficients;
    }

    /// <summary>Evaluates a polynomial of degree &lt; T (coefficients, natural order, length T) on E in committed order.</summary>
    public static Felt[] ExtendCoefficients(ReadOnlySpan<Felt> coefficients, int logBlowup)
    {
        int t = coefficients.Length;
        int logT = TwiddleTable.Log2Exact(t, nameof(coefficients));
        var domain = new EvaluationDomain(logT, logBlowup);
        var result = new Felt[domain.Size];
        var source = coefficients.ToArray();
        // Cosets are independent (spec §2): run them in parallel once they are large enough to pay for it.
        if (t >= 1 << 12 && domain.Blowup > 1)
        {
            Parallel.For(0, domain.Blowup, c => ExtendCoset(source, result.AsSpan(c * t, t), domain.CosetOffset(c)));
        }
        else
        {
            for (int c = 0; c < domain.Blowup; c++) ExtendCoset(source, result.AsSpan(c * t, t), domain.CosetOffset(c));
        }
        return result;
    }

    private static void ExtendCoset(ReadOnlySpan<Felt> coefficients, Span<Felt> block, Felt offset)
    {
        coefficients.CopyTo(block);
        Fft.CosetForward(block, offset);
    }

    /// <summary>
    /// Extends several columns (each natural-order trace values of the same power-of-two length), in parallel
    /// over columns when there are several.
    /// </summary>
    public static Felt[][] ExtendColumns(IReadOnlyList<Felt[]> columns, int logBlowup)
    {
        var result = new Felt[columns.Count][];
        if (columns.Count == 1)
        {
            result[0] = Extend(columns[0], logBlowup);
            return result;
        }
        Parallel.For(0, columns.Count, i => result[i] = Extend(columns[i], logBlowup));
        return result;
    }
}
