using Cairn.Primitives;
using Cairn.Stark.Air;
using Cairn.Stark.Cairo.Plain;

namespace Cairn.Stark.Cairo.Tests;

/// <summary>Evaluates every constraint of the statement layout's AIR on every row of its domain; returns the violated ones.</summary>
internal static class ConstraintChecker
{
    public static SortedSet<int> Violated(PlainTrace trace, CairoPublicInput? statement = null)
    {
        var input = statement ?? trace.PublicInput;
        var air = CairoLayout.Get(input.Layout).CreateAir(input, checkInteraction: false);
        Felt[] challenges = [Felt.FromUInt64(0x1234567), Felt.FromUInt64(0x89abcdef), Felt.FromUInt64(0x13579bdf)];
        var columns = new List<Felt[]>(trace.Columns);
        columns.AddRange(air.BuildInteractionTrace(trace.Columns, challenges));
        int t = air.TraceLength;
        var mask = air.Mask;
        var values = new Felt[mask.Count];
        var results = new Felt[air.ConstraintDomains.Count];
        var violated = new SortedSet<int>();
        for (int row = 0; row < t; row++)
        {
            for (int m = 0; m < mask.Count; m++) values[m] = columns[mask[m].Column][(row + mask[m].RowOffset) % t];
            air.EvaluateConstraints(new ConstraintFrame(values, [], challenges), results);
            for (int k = 0; k < results.Length; k++)
                if (!results[k].IsZero && air.ConstraintDomains[k].Contains(row)) violated.Add(k);
        }
        return violated;
    }
}
