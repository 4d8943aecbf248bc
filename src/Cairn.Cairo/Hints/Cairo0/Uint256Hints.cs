using System.Numerics;
using static Cairn.Cairo.Hints.Cairo0.HintMath;
using static Cairn.Cairo.Hints.Cairo0.MathHints;

namespace Cairn.Cairo.Hints.Cairo0;

/// <summary>uint256 arithmetic helpers (uint256.cairo; cairo-vm.md §7.3).</summary>
internal static class Uint256Hints
{
    public const string Uint256Add = "sum_low = ids.a.low + ids.b.low\nids.carry_low = 1 if sum_low >= ids.SHIFT else 0\nsum_high = ids.a.high + ids.b.high + ids.carry_low\nids.carry_high = 1 if sum_high >= ids.SHIFT else 0";
    public const string Uint256AddLow = "sum_low = ids.a.low + ids.b.low\nids.carry_low = 1 if sum_low >= ids.SHIFT else 0";
    public const string Uint128Add = "res = ids.a + ids.b\nids.carry = 1 if res >= ids.SHIFT else 0";
    public const string Uint256Sub = "def split(num: int, num_bits_shift: int = 128, length: int = 2):\n    a = []\n    for _ in range(length):\n        a.append( num & ((1 << num_bits_shift) - 1) )\n        num = num >> num_bits_shift\n    return tuple(a)\n\ndef pack(z, num_bits_shift: int = 128) -> int:\n    limbs = (z.low, z.high)\n    return sum(limb << (num_bits_shift * i) for i, limb in enumerate(limbs))\n\na = pack(ids.a)\nb = pack(ids.b)\nres = (a - b)%2**256\nres_split = split(res)\nids.res.low = res_split[0]\nids.res.high = res_split[1]";
    public const string Uint256Sqrt = "from starkware.python.math_utils import isqrt\nn = (ids.n.high << 128) + ids.n.low\nroot = isqrt(n)\nassert 0 <= root < 2 ** 128\nids.root.low = root\nids.root.high = 0";
    public const string Uint256SqrtFelt = "from starkware.python.math_utils import isqrt\nn = (ids.n.high << 128) + ids.n.low\nroot = isqrt(n)\nassert 0 <= root < 2 ** 128\nids.root = root";
    public const string Uint256SignedNn = "memory[ap] = 1 if 0 <= (ids.a.high % PRIME) < 2 ** 127 else 0";
    public const string Uint256UnsignedDivRem = "a = (ids.a.high << 128) + ids.a.low\ndiv = (ids.div.high << 128) + ids.div.low\nquotient, remainder = divmod(a, div)\n\nids.quotient.low = quotient & ((1 << 128) - 1)\nids.quotient.high = quotient >> 128\nids.remainder.low = remainder & ((1 << 128) - 1)\nids.remainder.high = remainder >> 128";
    public const string Uint256ExpandedUnsignedDivRem = "a = (ids.a.high << 128) + ids.a.low\ndiv = (ids.div.b23 << 128) + ids.div.b01\nquotient, remainder = divmod(a, div)\n\nids.quotient.low = quotient & ((1 << 128) - 1)\nids.quotient.high = quotient >> 128\nids.remainder.low = remainder & ((1 << 128) - 1)\nids.remainder.high = remainder >> 128";
    public const string Uint256MulDivMod = "a = (ids.a.high << 128) + ids.a.low\nb = (ids.b.high << 128) + ids.b.low\ndiv = (ids.div.high << 128) + ids.div.low\nquotient, remainder = divmod(a * b, div)\n\nids.quotient_low.low = quotient & ((1 << 128) - 1)\nids.quotient_low.high = (quotient >> 128) & ((1 << 128) - 1)\nids.quotient_high.low = (quotient >> 256) & ((1 << 128) - 1)\nids.quotient_high.high = quotient >> 384\nids.remainder.low = remainder & ((1 << 128) - 1)\nids.remainder.high = remainder >> 128";
    public const string BigintToUint256 = "ids.low = (ids.x.d0 + ids.x.d1 * ids.BASE) & ((1 << 128) - 1)";
    public const string Uint384Split128 = "ids.low = ids.a & ((1<<128) - 1)\nids.high = ids.a >> 128";

    private static readonly BigInteger Two127 = BigInteger.One << 127;
    private static readonly BigInteger Two256 = BigInteger.One << 256;

    public static void Register(Cairo0HintRegistry r)
    {
        r.Register(Uint256Add, static (c, ids) =>
        {
            var shift = ids.GetConstInt("SHIFT");
            ulong carryLow = IntOf(c, ids, "a.low") + IntOf(c, ids, "b.low") >= shift ? 1UL : 0UL;
            ids.Set(c, "carry_low", carryLow);
            ulong carryHigh = IntOf(c, ids, "a.high") + IntOf(c, ids, "b.high") + carryLow >= shift ? 1UL : 0UL;
            ids.Set(c, "carry_high", carryHigh);
        });
        r.Register(Uint256AddLow, static (c, ids) =>
            ids.Set(c, "carry_low", IntOf(c, ids, "a.low") + IntOf(c, ids, "b.low") >= ids.GetConstInt("SHIFT") ? 1UL : 0UL));
        r.Register(Uint128Add, static (c, ids) =>
            ids.Set(c, "carry", IntOf(c, ids, "a") + IntOf(c, ids, "b") >= ids.GetConstInt("SHIFT") ? 1UL : 0UL));
        r.Register(Uint256Sub, static (c, ids) =>
        {
            var res = Mod(Pack(c, ids, "a") - Pack(c, ids, "b"), Two256);
            SetUint256(c, ids, "res", res);
        });
        r.Register(Uint256Sqrt, static (c, ids) =>
        {
            var root = RootOf(c, ids);
            ids.Set(c, "root.low", root);
            ids.Set(c, "root.high", 0UL);
        });
        r.Register(Uint256SqrtFelt, static (c, ids) => ids.Set(c, "root", RootOf(c, ids)));
        r.Register(Uint256SignedNn, static (c, ids) =>
            c.Memory.Insert(c.Ap, ToFelt(IntOf(c, ids, "a.high") < Two127)));
        r.Register(Uint256UnsignedDivRem, static (c, ids) =>
            DivRem(c, ids, Pack(c, ids, "a"), (IntOf(c, ids, "div.high") << 128) + IntOf(c, ids, "div.low")));
        r.Register(Uint256ExpandedUnsignedDivRem, static (c, ids) =>
            DivRem(c, ids, Pack(c, ids, "a"), (IntOf(c, ids, "div.b23") << 128) + IntOf(c, ids, "div.b01")));
        r.Register(Uint256MulDivMod, static (c, ids) =>
        {
            var div = Pack(c, ids, "div");
            if (div.IsZero) throw new HintException("Attempted to divide by zero");
            var (q, rem) = DivMod(Pack(c, ids, "a") * Pack(c, ids, "b"), div);
            ids.Set(c, "quotient_low.low", q & Mask128);
            ids.Set(c, "quotient_low.high", (q >> 128) & Mask128);
            ids.Set(c, "quotient_high.low", (q >> 256) & Mask128);
            ids.Set(c, "quotient_high.high", q >> 384);
            SetUint256(c, ids, "remainder", rem);
        });
        r.Register(BigintToUint256, static (c, ids) =>
            ids.Set(c, "low", (IntOf(c, ids, "x.d0") + IntOf(c, ids, "x.d1") * ids.GetConstInt("BASE")) & Mask128));
        r.Register(Uint384Split128, static (c, ids) =>
        {
            var a = IntOf(c, ids, "a");
            ids.Set(c, "low", a & Mask128);
            ids.Set(c, "high", a >> 128);
        });
    }

    private static BigInteger Pack(HintContext c, HintIds ids, string name) =>
        (IntOf(c, ids, name + ".high") << 128) + IntOf(c, ids, name + ".low");

    private static void SetUint256(HintContext c, HintIds ids, string name, BigInteger value)
    {
        ids.Set(c, name + ".low", value & Mask128);
        ids.Set(c, name + ".high", value >> 128);
    }

    private static BigInteger RootOf(HintContext c, HintIds ids)
    {
        var root = Isqrt(Pack(c, ids, "n"));
        if (root >= Two128) throw new HintException($"assert 0 <= root < 2 ** 128 failed: root = {root}");
        return root;
    }

    private static void DivRem(HintContext c, HintIds ids, BigInteger a, BigInteger div)
    {
        if (div.IsZero) throw new HintException("Attempted to divide by zero");
        var (q, rem) = DivMod(a, div);
        SetUint256(c, ids, "quotient", q);
        SetUint256(c, ids, "remainder", rem);
    }
}
