using Cairn.Primitives;

namespace Cairn.Stark.Air;

/// <summary>
/// The rows a constraint must hold on (spec stark-prover.md §5.4): the denominator
/// <c>D(x) = x^{T/s} − g^{o·T/s}</c> vanishes on rows <c>o, o + s, o + 2s, …</c>; the numerator
/// <c>N(x) = Π (x − g^r)</c> over <see cref="ExemptRows"/> removes rows from that set. <c>s = 1</c> is every row,
/// <c>s = T</c> a single row <c>o</c>. An optional periodic exemption (<see cref="ExemptStep"/>,
/// <see cref="ExemptOffset"/>) multiplies N by <c>x^{T/s'} − g^{o'·T/s'}</c>, removing the rows <c>o', o' + s', …</c>
/// (Stone's "every row except ≡ 15 mod 16" domain of the Cairo flag bits).
/// </summary>
public sealed class ConstraintDomain : IEquatable<ConstraintDomain>
{
    public ConstraintDomain(int step, int offset, params int[] exemptRows) : this(step, offset, 0, 0, exemptRows)
    {
    }

    /// <param name="exemptStep">0 for no periodic exemption, else a power of two that <paramref name="step"/> divides.</param>
    /// <param name="exemptOffset">The first exempt row (below <paramref name="exemptStep"/>, one of the domain's rows).</param>
    public ConstraintDomain(int step, int offset, int exemptStep, int exemptOffset, params int[] exemptRows)
    {
        if (exemptStep != 0)
        {
            if (exemptStep <= step || (exemptStep & (exemptStep - 1)) != 0 || exemptStep % step != 0)
                throw new ArgumentOutOfRangeException(nameof(exemptStep), "the exempt step must be a power of two above the step");
            if (exemptOffset < 0 || exemptOffset >= exemptStep || exemptOffset % step != offset)
                throw new ArgumentOutOfRangeException(nameof(exemptOffset), "the exempt rows must be rows of the domain");
        }
        ExemptStep = exemptStep;
        ExemptOffset = exemptOffset;
        if (step < 1 || (step & (step - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(step), "the step must be a power of two");
        if (offset < 0 || offset >= step) throw new ArgumentOutOfRangeException(nameof(offset), "the offset must be below the step");
        foreach (int r in exemptRows)
            if (r < 0 || r % step != offset) throw new ArgumentException($"exempt row {r} is not one of the domain's rows", nameof(exemptRows));
        if (exemptRows.Distinct().Count() != exemptRows.Length) throw new ArgumentException("exempt rows repeat", nameof(exemptRows));
        Step = step;
        Offset = offset;
        ExemptRows = exemptRows;
    }

    /// <summary>Every row except the listed ones.</summary>
    public static ConstraintDomain EveryRow(params int[] exemptRows) => new(1, 0, exemptRows);

    /// <summary>The single row <paramref name="row"/> of a trace of <paramref name="traceLength"/> rows.</summary>
    public static ConstraintDomain SingleRow(int row, int traceLength) => new(traceLength, row);

    public int Step { get; }

    public int Offset { get; }

    public int[] ExemptRows { get; }

    /// <summary>The period of the exempt row set (0: none).</summary>
    public int ExemptStep { get; }

    public int ExemptOffset { get; }

    /// <summary>Checks the domain against a trace length (the step divides it, exempt rows lie inside).</summary>
    public void Validate(int traceLength)
    {
        if (Step > traceLength || traceLength % Step != 0) throw new ArgumentException("the constraint step does not divide the trace length");
        if (ExemptStep > traceLength) throw new ArgumentException("the exempt step does not divide the trace length");
        foreach (int r in ExemptRows)
            if (r >= traceLength) throw new ArgumentException($"exempt row {r} is outside the trace");
    }

    /// <summary>Whether the constraint applies at row <paramref name="row"/>.</summary>
    public bool Contains(int row) =>
        row % Step == Offset && Array.IndexOf(ExemptRows, row) < 0 && (ExemptStep == 0 || row % ExemptStep != ExemptOffset);

    /// <summary><c>D(x) = x^{T/s} − g^{o·T/s}</c>.</summary>
    public Felt Denominator(Felt x, int traceLength, Felt traceGenerator) =>
        x.Pow((ulong)(traceLength / Step)) - traceGenerator.Pow((ulong)Offset * (ulong)(traceLength / Step));

    /// <summary><c>N(x) = Π (x − g^r)</c> (1 without exemptions), times the periodic factor.</summary>
    public Felt Numerator(Felt x, Felt traceGenerator, int traceLength)
    {
        Felt n = PeriodicNumerator(x, traceLength, traceGenerator);
        foreach (int r in ExemptRows) n *= x - traceGenerator.Pow((ulong)r);
        return n;
    }

    /// <summary>The periodic exemption factor <c>x^{T/s'} − g^{o'·T/s'}</c> (1 without one).</summary>
    public Felt PeriodicNumerator(Felt x, int traceLength, Felt traceGenerator) =>
        ExemptStep == 0
            ? Felt.One
            : x.Pow((ulong)(traceLength / ExemptStep)) - traceGenerator.Pow((ulong)ExemptOffset * (ulong)(traceLength / ExemptStep));

    public bool Equals(ConstraintDomain? other) =>
        other is not null && Step == other.Step && Offset == other.Offset && ExemptStep == other.ExemptStep && ExemptOffset == other.ExemptOffset
        && ExemptRows.AsSpan().SequenceEqual(other.ExemptRows);

    public override bool Equals(object? obj) => Equals(obj as ConstraintDomain);

    public override int GetHashCode() => HashCode.Combine(Step, Offset, ExemptStep, ExemptOffset, ExemptRows.Length);
}
