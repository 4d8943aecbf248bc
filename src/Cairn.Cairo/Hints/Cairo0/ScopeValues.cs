using System.Numerics;
using Cairn.Cairo.Memory;
using Cairn.Primitives;

namespace Cairn.Cairo.Hints.Cairo0;

/// <summary>Reads Python-style integers from scope variables, whichever CLR type a hint stored them as.</summary>
internal static class ScopeValues
{
    /// <summary>The scope variable <paramref name="name"/> as an integer; false when it is absent.</summary>
    public static bool TryGetInt(HintContext c, string name, out BigInteger value)
    {
        value = default;
        if (!c.Scopes.Current.TryGetValue(name, out var v) || v is null) return false;
        value = v switch
        {
            BigInteger b => b,
            int i => i,
            long l => l,
            ulong u => u,
            Felt f => f.ToBigInteger(),
            MaybeRelocatable { IsFelt: true } m => m.Felt.ToBigInteger(),
            _ => throw new HintException($"Variable {name} in the current execution scope is a {v.GetType().Name}, expected an integer"),
        };
        return true;
    }

    /// <summary>Python's <c>segments.gen_arg(list)</c>: a new segment holding the values; returns its base.</summary>
    public static Relocatable GenArg(HintContext c, IEnumerable<MaybeRelocatable> values)
    {
        var b = c.Memory.AddSegment();
        WriteArg(c, b, values);
        return b;
    }

    /// <summary>Python's <c>segments.write_arg(ptr, list)</c>.</summary>
    public static void WriteArg(HintContext c, Relocatable at, IEnumerable<MaybeRelocatable> values)
    {
        int i = 0;
        foreach (var v in values) c.Memory.Insert(at.Add(i++), v);
    }
}
