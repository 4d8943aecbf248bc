using static Cairn.Cairo.Hints.Cairo0.HintMath;
using static Cairn.Cairo.Hints.Cairo0.MathHints;

namespace Cairn.Cairo.Hints.Cairo0;

/// <summary>Small nondeterministic helpers: sha256 full-word check, ec_mul_inner parity, n/elements thresholds.</summary>
internal static class MiscHints
{
    public const string Sha256Input = "ids.full_word = int(ids.n_bytes >= 4)";
    public const string EcMulInner = "memory[ap] = (ids.scalar % PRIME) % 2";
    public const string NondetNGreaterThan10 = "memory[ap] = to_felt_or_relocatable(ids.n >= 10)";
    public const string NondetNGreaterThan2 = "memory[ap] = to_felt_or_relocatable(ids.n >= 2)";
    public const string NondetElementsOverTen = "memory[ap] = to_felt_or_relocatable(ids.elements_end - ids.elements >= 10)";
    public const string NondetElementsOverTwo = "memory[ap] = to_felt_or_relocatable(ids.elements_end - ids.elements >= 2)";
    public const string PrintFelt = "print(ids.x)";

    public static void Register(Cairo0HintRegistry r)
    {
        r.Register(Sha256Input, static (c, ids) => ids.Set(c, "full_word", IntOf(c, ids, "n_bytes") >= 4 ? 1UL : 0UL));
        r.Register(EcMulInner, static (c, ids) => c.Memory.Insert(c.Ap, ToFelt(!IntOf(c, ids, "scalar").IsEven)));
        r.Register(NondetNGreaterThan10, static (c, ids) => c.Memory.Insert(c.Ap, ToFelt(IntOf(c, ids, "n") >= 10)));
        r.Register(NondetNGreaterThan2, static (c, ids) => c.Memory.Insert(c.Ap, ToFelt(IntOf(c, ids, "n") >= 2)));
        r.Register(NondetElementsOverTen, static (c, ids) => c.Memory.Insert(c.Ap, ToFelt(ElementCount(c, ids) >= 10)));
        r.Register(NondetElementsOverTwo, static (c, ids) => c.Memory.Insert(c.Ap, ToFelt(ElementCount(c, ids) >= 2)));
        r.Register(PrintFelt, static (c, ids) => c.DebugOutput?.WriteLine(ids.Get(c, "x").ToString()));
    }

    private static System.Numerics.BigInteger ElementCount(HintContext c, HintIds ids)
    {
        var diff = ids.Get(c, "elements_end") - ids.Get(c, "elements");
        if (!diff.IsFelt) throw new HintException($"ids.elements_end - ids.elements is {diff}, expected an integer");
        return AsInt(diff.Felt);
    }
}
