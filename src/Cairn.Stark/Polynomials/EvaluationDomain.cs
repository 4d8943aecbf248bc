using Cairn.Primitives;

namespace Cairn.Stark.Polynomials;

/// <summary>
/// The trace domain <c>H = ⟨g⟩</c> (<c>T</c> points) and the evaluation domain <c>E = 3·⟨ω_{BT}⟩</c>
/// (<c>B·T</c> points) of spec stark-prover.md §1.2.
/// </summary>
/// <remarks>
/// Committed vectors over <c>E</c> are stored in bit-reversed order: position <c>i</c> holds the value at
/// <c>3·ω_{BT}^{bitrev(i, log BT)}</c>; position <c>c·T + o</c> is coset <c>c</c> (offset
/// <c>3·ω_{BT}^{bitrev(c, log B)}</c>), point <c>g^{bitrev(o, log T)}</c> of it.
/// </remarks>
public readonly struct EvaluationDomain
{
    public EvaluationDomain(int logTraceLength, int logBlowup)
    {
        if (logTraceLength < 0 || logBlowup < 0 || logTraceLength + logBlowup > 30)
            throw new ArgumentOutOfRangeException(nameof(logTraceLength), "domain sizes up to 2^30 are supported");
        LogTraceLength = logTraceLength;
        LogBlowup = logBlowup;
    }

    public int LogTraceLength { get; }
    public int LogBlowup { get; }
    public int LogSize => LogTraceLength + LogBlowup;

    /// <summary>T, the trace length.</summary>
    public int TraceLength => 1 << LogTraceLength;

    /// <summary>B, the blowup factor (number of cosets).</summary>
    public int Blowup => 1 << LogBlowup;

    /// <summary>B·T, the size of E.</summary>
    public int Size => 1 << LogSize;

    /// <summary>g, the generator of the trace domain.</summary>
    public Felt TraceGenerator => RootsOfUnity.Primitive(LogTraceLength);

    /// <summary>The offset <c>3·ω_{BT}^{bitrev(c, log B)}</c> of the coset stored as block <paramref name="coset"/>.</summary>
    public Felt CosetOffset(int coset) =>
        RootsOfUnity.Generator * RootsOfUnity.Primitive(LogSize).Pow((ulong)BitReversal.Reverse(coset, LogBlowup));

    /// <summary>The point of E stored at position <paramref name="index"/>: <c>3·ω_{BT}^{bitrev(index)}</c>.</summary>
    public Felt Point(int index) => RootsOfUnity.Generator * UnshiftedPoint(index);

    /// <summary>The point of the unshifted group stored at <paramref name="index"/>: <c>ω_{BT}^{bitrev(index)}</c> (FRI's domain).</summary>
    public Felt UnshiftedPoint(int index) => UnshiftedPoint(index, LogSize);

    /// <summary><c>ω_{2^logSize}^{bitrev(index, logSize)}</c>.</summary>
    public static Felt UnshiftedPoint(int index, int logSize) =>
        RootsOfUnity.Primitive(logSize).Pow((ulong)BitReversal.Reverse(index, logSize));
}
