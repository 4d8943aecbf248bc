using Cairn.Primitives;
using Cairn.Stark.Air;

namespace Cairn.Stark.Proving;

/// <summary>
/// Shared composition arithmetic (spec stark-prover.md §5.4): the distinct constraint domains of an AIR and the
/// evaluation of <c>H(x) = Σ β^k · C_k(x) · N_k(x) / D_k(x)</c> at a single point (the verifier's OODS check).
/// </summary>
internal sealed class CompositionEvaluator
{
    public CompositionEvaluator(IAir air)
    {
        Air = air;
        var distinct = new List<ConstraintDomain>();
        DomainIndex = new int[air.ConstraintDomains.Count];
        for (int k = 0; k < DomainIndex.Length; k++)
        {
            var d = air.ConstraintDomains[k];
            d.Validate(air.TraceLength);
            int index = distinct.IndexOf(d);
            if (index < 0)
            {
                index = distinct.Count;
                distinct.Add(d);
            }
            DomainIndex[k] = index;
        }
        Domains = [.. distinct];
        foreach (var m in air.Mask)
            if (m.Column < 0 || m.Column >= air.MainColumns + air.InteractionColumns)
                throw new ArgumentException($"mask entry {m} names a column the AIR does not have");
        foreach (var p in air.PeriodicColumns)
            if (p.Period > air.TraceLength) throw new ArgumentException("a periodic column is longer than the trace");
        if (air.ConstraintDegree < 1 || (air.ConstraintDegree & (air.ConstraintDegree - 1)) != 0)
            throw new ArgumentException("the constraint degree must be a power of two (1, 2, 4 …)");
    }

    public IAir Air { get; }

    /// <summary>The distinct (numerator, denominator) domains.</summary>
    public ConstraintDomain[] Domains { get; }

    /// <summary>Constraint k uses <c>Domains[DomainIndex[k]]</c>.</summary>
    public int[] DomainIndex { get; }

    public static Felt[] Powers(Felt x, int count)
    {
        var result = new Felt[count];
        Felt acc = Felt.One;
        for (int i = 0; i < count; i++)
        {
            result[i] = acc;
            acc *= x;
        }
        return result;
    }

    /// <summary>H at one point from its mask values (no batching; D must not vanish there).</summary>
    public Felt EvaluateAt(Felt x, ReadOnlySpan<Felt> mask, ReadOnlySpan<Felt> challenges, ReadOnlySpan<Felt> betaPowers)
    {
        var air = Air;
        Felt g = Polynomials.RootsOfUnity.Primitive(System.Numerics.BitOperations.Log2((uint)air.TraceLength));
        var periodic = new Felt[air.PeriodicColumns.Count];
        for (int i = 0; i < periodic.Length; i++) periodic[i] = air.PeriodicColumns[i].Evaluate(x, air.TraceLength);
        var constraints = new Felt[air.ConstraintDomains.Count];
        air.EvaluateConstraints(new ConstraintFrame(mask, periodic, challenges), constraints);
        var fractions = new Felt[Domains.Length];
        for (int d = 0; d < Domains.Length; d++)
        {
            Felt denominator = Domains[d].Denominator(x, air.TraceLength, g);
            if (denominator.IsZero) throw new Channel.InvalidProofException("the out-of-domain point is a root of a constraint denominator");
            fractions[d] = Domains[d].Numerator(x, g, air.TraceLength) * denominator.Inverse();
        }
        Felt sum = Felt.Zero;
        for (int k = 0; k < constraints.Length; k++) sum += betaPowers[k] * constraints[k] * fractions[DomainIndex[k]];
        return sum;
    }
}
