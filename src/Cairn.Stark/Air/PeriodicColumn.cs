using System.Numerics;
using Cairn.Primitives;
using Cairn.Stark.Polynomials;

namespace Cairn.Stark.Air;

/// <summary>
/// A public column repeating with period <c>p</c> (a power of two dividing T): row <c>j</c> holds
/// <c>Values[j mod p]</c>. As a polynomial it is <c>Q(x^{T/p})</c> with <c>Q</c> of degree below <c>p</c>
/// interpolating the values on <c>⟨ω_p⟩</c>, so constraints may use it at any point.
/// </summary>
public sealed class PeriodicColumn
{
    private readonly Felt[] _coefficients;

    public PeriodicColumn(IReadOnlyList<Felt> values)
    {
        if (values.Count == 0 || !BitOperations.IsPow2(values.Count)) throw new ArgumentException("the period must be a power of two", nameof(values));
        Values = [.. values];
        _coefficients = Polynomial.InterpolateOnSubgroup(Values);
    }

    /// <summary>One period of values.</summary>
    public Felt[] Values { get; }

    public int Period => Values.Length;

    /// <summary>The column's polynomial at <paramref name="x"/> for a trace of <paramref name="traceLength"/> rows.</summary>
    public Felt Evaluate(Felt x, int traceLength) => Polynomial.Evaluate(_coefficients, x.Pow((ulong)(traceLength / Period)));
}
