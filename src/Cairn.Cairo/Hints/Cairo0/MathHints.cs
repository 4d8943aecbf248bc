using System.Globalization;
using System.Numerics;
using Cairn.Primitives;
using static Cairn.Cairo.Hints.Cairo0.HintMath;

namespace Cairn.Cairo.Hints.Cairo0;

/// <summary>Comparisons and math (math.cairo, math_cmp.cairo, pow.cairo, bitwise.cairo; cairo-vm.md §7.3).</summary>
internal static class MathHints
{
    public const string IsNn = "memory[ap] = 0 if 0 <= (ids.a % PRIME) < range_check_builtin.bound else 1";
    public const string IsNnOutOfRange = "memory[ap] = 0 if 0 <= ((-ids.a - 1) % PRIME) < range_check_builtin.bound else 1";
    public const string IsLeFelt = "memory[ap] = 0 if (ids.a % PRIME) <= (ids.b % PRIME) else 1";
    public const string IsPositive = "from starkware.cairo.common.math_utils import is_positive\nids.is_positive = 1 if is_positive(\n    value=ids.value, prime=PRIME, rc_bound=range_check_builtin.bound) else 0";
    public const string AssertNn = "from starkware.cairo.common.math_utils import assert_integer\nassert_integer(ids.a)\nassert 0 <= ids.a % PRIME < range_check_builtin.bound, f'a = {ids.a} is out of range.'";
    public const string AssertNotZero = "from starkware.cairo.common.math_utils import assert_integer\nassert_integer(ids.value)\nassert ids.value % PRIME != 0, f'assert_not_zero failed: {ids.value} = 0.'";
    public const string AssertNotEqual = "from starkware.cairo.lang.vm.relocatable import RelocatableValue\nboth_ints = isinstance(ids.a, int) and isinstance(ids.b, int)\nboth_relocatable = (\n    isinstance(ids.a, RelocatableValue) and isinstance(ids.b, RelocatableValue) and\n    ids.a.segment_index == ids.b.segment_index)\nassert both_ints or both_relocatable, \\\n    f'assert_not_equal failed: non-comparable values: {ids.a}, {ids.b}.'\nassert (ids.a - ids.b) % PRIME != 0, f'assert_not_equal failed: {ids.a} = {ids.b}.'";
    public const string AssertLeFelt = "import itertools\n\nfrom starkware.cairo.common.math_utils import assert_integer\nassert_integer(ids.a)\nassert_integer(ids.b)\na = ids.a % PRIME\nb = ids.b % PRIME\nassert a <= b, f'a = {a} is not less than or equal to b = {b}.'\n\n# Find an arc less than PRIME / 3, and another less than PRIME / 2.\nlengths_and_indices = [(a, 0), (b - a, 1), (PRIME - 1 - b, 2)]\nlengths_and_indices.sort()\nassert lengths_and_indices[0][0] <= PRIME // 3 and lengths_and_indices[1][0] <= PRIME // 2\nexcluded = lengths_and_indices[2][1]\n\nmemory[ids.range_check_ptr + 1], memory[ids.range_check_ptr + 0] = (\n    divmod(lengths_and_indices[0][0], ids.PRIME_OVER_3_HIGH))\nmemory[ids.range_check_ptr + 3], memory[ids.range_check_ptr + 2] = (\n    divmod(lengths_and_indices[1][0], ids.PRIME_OVER_2_HIGH))";
    public const string AssertLeFeltV06 = "from starkware.cairo.common.math_utils import assert_integer\nassert_integer(ids.a)\nassert_integer(ids.b)\nassert (ids.a % PRIME) <= (ids.b % PRIME), \\\n    f'a = {ids.a % PRIME} is not less than or equal to b = {ids.b % PRIME}.'";
    public const string AssertLeFeltV08 = "from starkware.cairo.common.math_utils import assert_integer\nassert_integer(ids.a)\nassert_integer(ids.b)\na = ids.a % PRIME\nb = ids.b % PRIME\nassert a <= b, f'a = {a} is not less than or equal to b = {b}.'\n\nids.small_inputs = int(\n    a < range_check_builtin.bound and (b - a) < range_check_builtin.bound)";
    public const string AssertLeFeltExcluded0 = "memory[ap] = 1 if excluded != 0 else 0";
    public const string AssertLeFeltExcluded1 = "memory[ap] = 1 if excluded != 1 else 0";
    public const string AssertLeFeltExcluded2 = "assert excluded == 2";
    public const string AssertLtFelt = "from starkware.cairo.common.math_utils import assert_integer\nassert_integer(ids.a)\nassert_integer(ids.b)\nassert (ids.a % PRIME) < (ids.b % PRIME), \\\n    f'a = {ids.a % PRIME} is not less than b = {ids.b % PRIME}.'";
    public const string SplitIntAssertRange = "assert ids.value == 0, 'split_int(): value is out of range.'";
    public const string Assert250Bits = "from starkware.cairo.common.math_utils import as_int\n\n# Correctness check.\nvalue = as_int(ids.value, PRIME) % PRIME\nassert value < ids.UPPER_BOUND, f'{value} is outside of the range [0, 2**250).'\n\n# Calculation for the assertion.\nids.high, ids.low = divmod(ids.value, ids.SHIFT)";
    public const string Is250Bits = "ids.is_250 = 1 if ids.addr < 2**250 else 0";
    public const string IsAddrBounded = "# Verify the assumptions on the relationship between 2**250, ADDR_BOUND and PRIME.\nADDR_BOUND = ids.ADDR_BOUND % PRIME\nassert (2**250 < ADDR_BOUND <= 2**251) and (2 * 2**250 < PRIME) and (\n        ADDR_BOUND * 2 > PRIME), \\\n    'normalize_address() cannot be used with the current constants.'\nids.is_small = 1 if ids.addr < ADDR_BOUND else 0";
    public const string SplitInt = "memory[ids.output] = res = (int(ids.value) % PRIME) % ids.base\nassert res < ids.bound, f'split_int(): Limb {res} is out of range.'";
    public const string Split64 = "ids.low = ids.a & ((1<<64) - 1)\nids.high = ids.a >> 64";
    public const string SplitFelt = "from starkware.cairo.common.math_utils import assert_integer\nassert ids.MAX_HIGH < 2**128 and ids.MAX_LOW < 2**128\nassert PRIME - 1 == ids.MAX_HIGH * 2**128 + ids.MAX_LOW\nassert_integer(ids.value)\nids.low = ids.value & ((1 << 128) - 1)\nids.high = ids.value >> 128";
    public const string Sqrt = "from starkware.python.math_utils import isqrt\nvalue = ids.value % PRIME\nassert value < 2 ** 250, f\"value={value} is outside of the range [0, 2**250).\"\nassert 2 ** 250 < PRIME\nids.root = isqrt(value)";
    public const string UnsignedDivRem = "from starkware.cairo.common.math_utils import assert_integer\nassert_integer(ids.div)\nassert 0 < ids.div <= PRIME // range_check_builtin.bound, \\\n    f'div={hex(ids.div)} is out of the valid range.'\nids.q, ids.r = divmod(ids.value, ids.div)";
    public const string SignedDivRem = "from starkware.cairo.common.math_utils import as_int, assert_integer\n\nassert_integer(ids.div)\nassert 0 < ids.div <= PRIME // range_check_builtin.bound, \\\n    f'div={hex(ids.div)} is out of the valid range.'\n\nassert_integer(ids.bound)\nassert ids.bound <= range_check_builtin.bound // 2, \\\n    f'bound={hex(ids.bound)} is out of the valid range.'\n\nint_value = as_int(ids.value, PRIME)\nq, ids.r = divmod(int_value, ids.div)\n\nassert -ids.bound <= q < ids.bound, \\\n    f'{int_value} / {ids.div} = {q} is out of the range [{-ids.bound}, {ids.bound}).'\n\nids.biased_q = q + ids.bound";
    public const string IsQuadResidue = "from starkware.crypto.signature.signature import FIELD_PRIME\nfrom starkware.python.math_utils import div_mod, is_quad_residue, sqrt\n\nx = ids.x\nif is_quad_residue(x, FIELD_PRIME):\n    ids.y = sqrt(x, FIELD_PRIME)\nelse:\n    ids.y = sqrt(div_mod(x, 3, FIELD_PRIME), FIELD_PRIME)";
    public const string Pow = "ids.locs.bit = (ids.prev_locs.exp % PRIME) & 1";
    public const string GetFeltBitLength = "x = ids.x\nids.bit_length = x.bit_length()";

    private static readonly BigInteger Two250 = BigInteger.One << 250;
    private static readonly BigInteger Two251 = BigInteger.One << 251;

    public static void Register(Cairo0HintRegistry r)
    {
        r.Register(IsNn, static (c, ids) =>
            c.Memory.Insert(c.Ap, ToFelt(!(IntOf(c, ids, "a") < RangeCheckBound(c)))));
        r.Register(IsNnOutOfRange, static (c, ids) =>
            c.Memory.Insert(c.Ap, ToFelt(!(Mod(-IntOf(c, ids, "a") - 1, Prime) < RangeCheckBound(c)))));
        r.Register(IsLeFelt, static (c, ids) =>
            c.Memory.Insert(c.Ap, ToFelt(!(IntOf(c, ids, "a") <= IntOf(c, ids, "b")))));
        r.Register(IsPositive, static (c, ids) =>
        {
            var value = AsInt(FeltOf(c, ids, "value"));
            if (BigInteger.Abs(value) >= RangeCheckBound(c)) throw new HintException($"value={value} is out of the valid range.");
            ids.Set(c, "is_positive", value > 0 ? 1UL : 0UL);
        });
        r.Register(AssertNn, static (c, ids) =>
        {
            var a = IntOf(c, ids, "a");
            if (a >= RangeCheckBound(c)) throw new HintException($"a = {a} is out of range.");
        });
        r.Register(AssertNotZero, static (c, ids) =>
        {
            if (IntOf(c, ids, "value").IsZero) throw new HintException("assert_not_zero failed: 0 = 0.");
        });
        r.Register(AssertNotEqual, static (c, ids) =>
        {
            var a = ids.Get(c, "a");
            var b = ids.Get(c, "b");
            bool comparable = (a.IsFelt && b.IsFelt) || (a.IsRelocatable && b.IsRelocatable && a.Relocatable.Segment == b.Relocatable.Segment);
            if (!comparable) throw new HintException($"assert_not_equal failed: non-comparable values: {a}, {b}.");
            if (a == b) throw new HintException($"assert_not_equal failed: {a} = {b}.");
        });
        r.Register(AssertLeFelt, AssertLeFeltArcs);
        r.Register(AssertLeFeltV06, static (c, ids) =>
        {
            var a = IntOf(c, ids, "a");
            var b = IntOf(c, ids, "b");
            if (a > b) throw new HintException($"a = {a} is not less than or equal to b = {b}.");
        });
        r.Register(AssertLeFeltV08, static (c, ids) =>
        {
            var a = IntOf(c, ids, "a");
            var b = IntOf(c, ids, "b");
            if (a > b) throw new HintException($"a = {a} is not less than or equal to b = {b}.");
            var bound = RangeCheckBound(c);
            ids.Set(c, "small_inputs", a < bound && b - a < bound ? 1UL : 0UL);
        });
        r.Register(AssertLeFeltExcluded0, _ => new DelegateHint(static c => c.Memory.Insert(c.Ap, ToFelt(Excluded(c) != 0))));
        r.Register(AssertLeFeltExcluded1, _ => new DelegateHint(static c => c.Memory.Insert(c.Ap, ToFelt(Excluded(c) != 1))));
        r.Register(AssertLeFeltExcluded2, _ => new DelegateHint(static c =>
        {
            var excluded = Excluded(c);
            if (excluded != 2) throw new HintException($"assert excluded == 2 failed: excluded = {excluded}");
        }));
        r.Register(AssertLtFelt, static (c, ids) =>
        {
            var a = IntOf(c, ids, "a");
            var b = IntOf(c, ids, "b");
            if (a >= b) throw new HintException($"a = {a} is not less than b = {b}.");
        });
        r.Register(SplitIntAssertRange, static (c, ids) =>
        {
            if (!FeltOf(c, ids, "value").IsZero) throw new HintException("split_int(): value is out of range.");
        });
        r.Register(Assert250Bits, static (c, ids) =>
        {
            var value = IntOf(c, ids, "value");
            if (value >= ids.GetConstInt("UPPER_BOUND")) throw new HintException($"{value} is outside of the range [0, 2**250).");
            var (high, low) = DivMod(value, ids.GetConstInt("SHIFT"));
            ids.Set(c, "high", high);
            ids.Set(c, "low", low);
        });
        r.Register(Is250Bits, static (c, ids) => ids.Set(c, "is_250", IntOf(c, ids, "addr") < Two250 ? 1UL : 0UL));
        r.Register(IsAddrBounded, static (c, ids) =>
        {
            var addrBound = ids.GetConstInt("ADDR_BOUND");
            if (!(Two250 < addrBound && addrBound <= Two251 && addrBound * 2 > Prime))
            {
                throw new HintException("normalize_address() cannot be used with the current constants.");
            }
            ids.Set(c, "is_small", IntOf(c, ids, "addr") < addrBound ? 1UL : 0UL);
        });
        r.Register(SplitInt, static (c, ids) =>
        {
            var res = Mod(IntOf(c, ids, "value"), IntOf(c, ids, "base"));
            if (res >= IntOf(c, ids, "bound")) throw new HintException($"split_int(): Limb {res} is out of range.");
            c.Memory.Insert(ids.GetRelocatable(c, "output"), ToFelt(res));
        });
        r.Register(Split64, static (c, ids) =>
        {
            var a = IntOf(c, ids, "a");
            ids.Set(c, "low", a & ulong.MaxValue);
            ids.Set(c, "high", a >> 64);
        });
        r.Register(SplitFelt, static (c, ids) =>
        {
            var maxHigh = ids.GetConstInt("MAX_HIGH");
            var maxLow = ids.GetConstInt("MAX_LOW");
            if (!(maxHigh < Two128 && maxLow < Two128)) throw new HintException("assert ids.MAX_HIGH < 2**128 and ids.MAX_LOW < 2**128 failed");
            if (Prime - 1 != maxHigh * Two128 + maxLow) throw new HintException("assert PRIME - 1 == ids.MAX_HIGH * 2**128 + ids.MAX_LOW failed");
            var value = IntOf(c, ids, "value");
            ids.Set(c, "low", value & Mask128);
            ids.Set(c, "high", value >> 128);
        });
        r.Register(Sqrt, static (c, ids) =>
        {
            var value = IntOf(c, ids, "value");
            if (value >= Two250) throw new HintException($"value={value} is outside of the range [0, 2**250).");
            ids.Set(c, "root", Isqrt(value));
        });
        r.Register(UnsignedDivRem, static (c, ids) =>
        {
            var div = CheckDiv(c, ids);
            var (q, rem) = DivMod(IntOf(c, ids, "value"), div);
            ids.Set(c, "q", q);
            ids.Set(c, "r", rem);
        });
        r.Register(SignedDivRem, static (c, ids) =>
        {
            var div = CheckDiv(c, ids);
            var bound = IntOf(c, ids, "bound");
            if (bound > RangeCheckBound(c) / 2) throw new HintException($"bound={Hex(bound)} is out of the valid range.");
            var intValue = AsInt(FeltOf(c, ids, "value"));
            var (q, rem) = DivMod(intValue, div);
            if (q < -bound || q >= bound) throw new HintException($"{intValue} / {div} = {q} is out of the range [{-bound}, {bound}).");
            ids.Set(c, "r", rem);
            ids.Set(c, "biased_q", q + bound);
        });
        r.Register(IsQuadResidue, static (c, ids) =>
        {
            var x = FeltOf(c, ids, "x");
            var target = x.IsQuadraticResidue() ? x : x / Felt.FromUInt64(3);
            if (!target.TrySqrt(out var y)) throw new HintException($"is_quad_residue: no square root of {target.ToDecimalString()}");
            ids.Set(c, "y", y);
        });
        r.Register(Pow, static (c, ids) => ids.Set(c, "locs.bit", IntOf(c, ids, "prev_locs.exp").IsEven ? 0UL : 1UL));
        r.Register(GetFeltBitLength, static (c, ids) => ids.Set(c, "bit_length", (ulong)FeltOf(c, ids, "x").BitLength));
    }

    /// <summary>assert_le_felt (cairo-lang ≥ 0.10): picks the two shortest arcs and splits them for the range checks.</summary>
    private static void AssertLeFeltArcs(HintContext c, HintIds ids)
    {
        var a = IntOf(c, ids, "a");
        var b = IntOf(c, ids, "b");
        if (a > b) throw new HintException($"a = {a} is not less than or equal to b = {b}.");
        var arcs = new (BigInteger Length, int Index)[] { (a, 0), (b - a, 1), (Prime - 1 - b, 2) };
        Array.Sort(arcs, static (x, y) => x.Length != y.Length ? x.Length.CompareTo(y.Length) : x.Index.CompareTo(y.Index));
        if (!(arcs[0].Length <= Prime / 3 && arcs[1].Length <= Prime / 2))
        {
            throw new HintException("assert lengths_and_indices[0][0] <= PRIME // 3 and lengths_and_indices[1][0] <= PRIME // 2 failed");
        }
        c.Scopes.Set("excluded", arcs[2].Index);
        var rc = ids.GetRelocatable(c, "range_check_ptr");
        var (q0, r0) = DivMod(arcs[0].Length, ids.GetConstInt("PRIME_OVER_3_HIGH"));
        var (q1, r1) = DivMod(arcs[1].Length, ids.GetConstInt("PRIME_OVER_2_HIGH"));
        c.Memory.Insert(rc.Add(1), ToFelt(q0));
        c.Memory.Insert(rc, ToFelt(r0));
        c.Memory.Insert(rc.Add(3), ToFelt(q1));
        c.Memory.Insert(rc.Add(2), ToFelt(r1));
    }

    private static BigInteger Excluded(HintContext c) =>
        ScopeValues.TryGetInt(c, "excluded", out var v) ? v : throw new HintException("Variable excluded not present in current execution scope");

    private static BigInteger CheckDiv(HintContext c, HintIds ids)
    {
        var div = IntOf(c, ids, "div");
        if (div.IsZero || div > Prime / RangeCheckBound(c)) throw new HintException($"div={Hex(div)} is out of the valid range.");
        return div;
    }

    /// <summary><c>assert_integer(ids.name)</c> then its value in [0, P).</summary>
    internal static BigInteger IntOf(HintContext c, HintIds ids, string name) => FeltOf(c, ids, name).ToBigInteger();

    internal static Felt FeltOf(HintContext c, HintIds ids, string name)
    {
        var v = ids.Get(c, name);
        if (!v.IsFelt) throw new HintException($"Expected integer, found: {v}.");
        return v.Felt;
    }

    /// <summary>Python's <c>hex()</c>.</summary>
    internal static string Hex(BigInteger v) =>
        v.Sign < 0 ? "-" + Hex(-v) : "0x" + (v.IsZero ? "0" : v.ToString("x", CultureInfo.InvariantCulture).TrimStart('0'));
}
