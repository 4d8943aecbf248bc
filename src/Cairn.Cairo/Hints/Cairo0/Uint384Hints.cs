using System.Numerics;
using static Cairn.Cairo.Hints.Cairo0.HintMath;
using static Cairn.Cairo.Hints.Cairo0.MathHints;

namespace Cairn.Cairo.Hints.Cairo0;

/// <summary>
/// uint384 / uint512 helpers of the community big-integer libraries (cairo-vm.md §7.3): limbs are
/// 128-bit (<c>d0, d1, …</c> or <c>low, high</c>).
/// </summary>
internal static class Uint384Hints
{
    public const string Uint384UnsignedDivRem = "def split(num: int, num_bits_shift: int, length: int):\n    a = []\n    for _ in range(length):\n        a.append( num & ((1 << num_bits_shift) - 1) )\n        num = num >> num_bits_shift\n    return tuple(a)\n\ndef pack(z, num_bits_shift: int) -> int:\n    limbs = (z.d0, z.d1, z.d2)\n    return sum(limb << (num_bits_shift * i) for i, limb in enumerate(limbs))\n\na = pack(ids.a, num_bits_shift = 128)\ndiv = pack(ids.div, num_bits_shift = 128)\nquotient, remainder = divmod(a, div)\n\nquotient_split = split(quotient, num_bits_shift=128, length=3)\nassert len(quotient_split) == 3\n\nids.quotient.d0 = quotient_split[0]\nids.quotient.d1 = quotient_split[1]\nids.quotient.d2 = quotient_split[2]\n\nremainder_split = split(remainder, num_bits_shift=128, length=3)\nids.remainder.d0 = remainder_split[0]\nids.remainder.d1 = remainder_split[1]\nids.remainder.d2 = remainder_split[2]";
    public const string AddNoUint384Check = "sum_d0 = ids.a.d0 + ids.b.d0\nids.carry_d0 = 1 if sum_d0 >= ids.SHIFT else 0\nsum_d1 = ids.a.d1 + ids.b.d1 + ids.carry_d0\nids.carry_d1 = 1 if sum_d1 >= ids.SHIFT else 0\nsum_d2 = ids.a.d2 + ids.b.d2 + ids.carry_d1\nids.carry_d2 = 1 if sum_d2 >= ids.SHIFT else 0";
    public const string Uint384Sqrt = "from starkware.python.math_utils import isqrt\n\ndef split(num: int, num_bits_shift: int, length: int):\n    a = []\n    for _ in range(length):\n        a.append( num & ((1 << num_bits_shift) - 1) )\n        num = num >> num_bits_shift\n    return tuple(a)\n\ndef pack(z, num_bits_shift: int) -> int:\n    limbs = (z.d0, z.d1, z.d2)\n    return sum(limb << (num_bits_shift * i) for i, limb in enumerate(limbs))\n\na = pack(ids.a, num_bits_shift=128)\nroot = isqrt(a)\nassert 0 <= root < 2 ** 192\nroot_split = split(root, num_bits_shift=128, length=3)\nids.root.d0 = root_split[0]\nids.root.d1 = root_split[1]\nids.root.d2 = root_split[2]";
    public const string SubReducedAAndReducedB = "def split(num: int, num_bits_shift: int, length: int):\n    a = []\n    for _ in range(length):\n        a.append( num & ((1 << num_bits_shift) - 1) )\n        num = num >> num_bits_shift\n    return tuple(a)\n\ndef pack(z, num_bits_shift: int) -> int:\n    limbs = (z.d0, z.d1, z.d2)\n    return sum(limb << (num_bits_shift * i) for i, limb in enumerate(limbs))\n\na = pack(ids.a, num_bits_shift = 128)\nb = pack(ids.b, num_bits_shift = 128)\np = pack(ids.p, num_bits_shift = 128)\n\nres = (a - b) % p\n\n\nres_split = split(res, num_bits_shift=128, length=3)\n\nids.res.d0 = res_split[0]\nids.res.d1 = res_split[1]\nids.res.d2 = res_split[2]";
    public const string UnsignedDivRemUint768ByUint384 = "def split(num: int, num_bits_shift: int, length: int):\n    a = []\n    for _ in range(length):\n        a.append( num & ((1 << num_bits_shift) - 1) )\n        num = num >> num_bits_shift \n    return tuple(a)\n\ndef pack(z, num_bits_shift: int) -> int:\n    limbs = (z.d0, z.d1, z.d2)\n    return sum(limb << (num_bits_shift * i) for i, limb in enumerate(limbs))\n    \ndef pack_extended(z, num_bits_shift: int) -> int:\n    limbs = (z.d0, z.d1, z.d2, z.d3, z.d4, z.d5)\n    return sum(limb << (num_bits_shift * i) for i, limb in enumerate(limbs))\n\na = pack_extended(ids.a, num_bits_shift = 128)\ndiv = pack(ids.div, num_bits_shift = 128)\n\nquotient, remainder = divmod(a, div)\n\nquotient_split = split(quotient, num_bits_shift=128, length=6)\n\nids.quotient.d0 = quotient_split[0]\nids.quotient.d1 = quotient_split[1]\nids.quotient.d2 = quotient_split[2]\nids.quotient.d3 = quotient_split[3]\nids.quotient.d4 = quotient_split[4]\nids.quotient.d5 = quotient_split[5]\n\nremainder_split = split(remainder, num_bits_shift=128, length=3)\nids.remainder.d0 = remainder_split[0]\nids.remainder.d1 = remainder_split[1]\nids.remainder.d2 = remainder_split[2]";
    public const string UnsignedDivRemUint768ByUint384Stripped = "def split(num: int, num_bits_shift: int, length: int):\n    a = []\n    for _ in range(length):\n        a.append( num & ((1 << num_bits_shift) - 1) )\n        num = num >> num_bits_shift\n    return tuple(a)\n\ndef pack(z, num_bits_shift: int) -> int:\n    limbs = (z.d0, z.d1, z.d2)\n    return sum(limb << (num_bits_shift * i) for i, limb in enumerate(limbs))\n\ndef pack_extended(z, num_bits_shift: int) -> int:\n    limbs = (z.d0, z.d1, z.d2, z.d3, z.d4, z.d5)\n    return sum(limb << (num_bits_shift * i) for i, limb in enumerate(limbs))\n\na = pack_extended(ids.a, num_bits_shift = 128)\ndiv = pack(ids.div, num_bits_shift = 128)\n\nquotient, remainder = divmod(a, div)\n\nquotient_split = split(quotient, num_bits_shift=128, length=6)\n\nids.quotient.d0 = quotient_split[0]\nids.quotient.d1 = quotient_split[1]\nids.quotient.d2 = quotient_split[2]\nids.quotient.d3 = quotient_split[3]\nids.quotient.d4 = quotient_split[4]\nids.quotient.d5 = quotient_split[5]\n\nremainder_split = split(remainder, num_bits_shift=128, length=3)\nids.remainder.d0 = remainder_split[0]\nids.remainder.d1 = remainder_split[1]\nids.remainder.d2 = remainder_split[2]";
    public const string Uint384SignedNn = "memory[ap] = 1 if 0 <= (ids.a.d2 % PRIME) < 2 ** 127 else 0";
    public const string Uint384GetSquareRoot = "from starkware.python.math_utils import is_quad_residue, sqrt\n\ndef split(num: int, num_bits_shift: int = 128, length: int = 3):\n    a = []\n    for _ in range(length):\n        a.append( num & ((1 << num_bits_shift) - 1) )\n        num = num >> num_bits_shift\n    return tuple(a)\n\ndef pack(z, num_bits_shift: int = 128) -> int:\n    limbs = (z.d0, z.d1, z.d2)\n    return sum(limb << (num_bits_shift * i) for i, limb in enumerate(limbs))\n\n\ngenerator = pack(ids.generator)\nx = pack(ids.x)\np = pack(ids.p)\n\nsuccess_x = is_quad_residue(x, p)\nroot_x = sqrt(x, p) if success_x else None\n\nsuccess_gx = is_quad_residue(generator*x, p)\nroot_gx = sqrt(generator*x, p) if success_gx else None\n\n# Check that one is 0 and the other is 1\nif x != 0:\n    assert success_x + success_gx ==1\n\n# `None` means that no root was found, but we need to transform these into a felt no matter what\nif root_x == None:\n    root_x = 0\nif root_gx == None:\n    root_gx = 0\nids.success_x = int(success_x)\nids.success_gx = int(success_gx)\nsplit_root_x = split(root_x)\nsplit_root_gx = split(root_gx)\nids.sqrt_x.d0 = split_root_x[0]\nids.sqrt_x.d1 = split_root_x[1]\nids.sqrt_x.d2 = split_root_x[2]\nids.sqrt_gx.d0 = split_root_gx[0]\nids.sqrt_gx.d1 = split_root_gx[1]\nids.sqrt_gx.d2 = split_root_gx[2]";
    public const string Uint256GetSquareRoot = "from starkware.python.math_utils import is_quad_residue, sqrt\n\ndef split(a: int):\n    return (a & ((1 << 128) - 1), a >> 128)\n\ndef pack(z) -> int:\n    return z.low + (z.high << 128)\n\ngenerator = pack(ids.generator)\nx = pack(ids.x)\np = pack(ids.p)\n\nsuccess_x = is_quad_residue(x, p)\nroot_x = sqrt(x, p) if success_x else None\nsuccess_gx = is_quad_residue(generator*x, p)\nroot_gx = sqrt(generator*x, p) if success_gx else None\n\n# Check that one is 0 and the other is 1\nif x != 0:\n    assert success_x + success_gx == 1\n\n# `None` means that no root was found, but we need to transform these into a felt no matter what\nif root_x == None:\n    root_x = 0\nif root_gx == None:\n    root_gx = 0\nids.success_x = int(success_x)\nids.success_gx = int(success_gx)\nsplit_root_x = split(root_x)\n# print('split root x', split_root_x)\nsplit_root_gx = split(root_gx)\nids.sqrt_x.low = split_root_x[0]\nids.sqrt_x.high = split_root_x[1]\nids.sqrt_gx.low = split_root_gx[0]\nids.sqrt_gx.high = split_root_gx[1]";
    public const string Uint384Div = "from starkware.python.math_utils import div_mod\n\ndef split(num: int, num_bits_shift: int, length: int):\n    a = []\n    for _ in range(length):\n        a.append( num & ((1 << num_bits_shift) - 1) )\n        num = num >> num_bits_shift\n    return tuple(a)\n\ndef pack(z, num_bits_shift: int) -> int:\n    limbs = (z.d0, z.d1, z.d2)\n    return sum(limb << (num_bits_shift * i) for i, limb in enumerate(limbs))\n\na = pack(ids.a, num_bits_shift = 128)\nb = pack(ids.b, num_bits_shift = 128)\np = pack(ids.p, num_bits_shift = 128)\n# For python3.8 and above the modular inverse can be computed as follows:\n# b_inverse_mod_p = pow(b, -1, p)\n# Instead we use the python3.7-friendly function div_mod from starkware.python.math_utils\nb_inverse_mod_p = div_mod(1, b, p)\n\n\nb_inverse_mod_p_split = split(b_inverse_mod_p, num_bits_shift=128, length=3)\n\nids.b_inverse_mod_p.d0 = b_inverse_mod_p_split[0]\nids.b_inverse_mod_p.d1 = b_inverse_mod_p_split[1]\nids.b_inverse_mod_p.d2 = b_inverse_mod_p_split[2]";
    public const string InvModPUint256 = "from starkware.python.math_utils import div_mod\n\ndef split(a: int):\n    return (a & ((1 << 128) - 1), a >> 128)\n\ndef pack(z, num_bits_shift: int) -> int:\n    limbs = (z.low, z.high)\n    return sum(limb << (num_bits_shift * i) for i, limb in enumerate(limbs))\n\na = pack(ids.a, 128)\nb = pack(ids.b, 128)\np = pack(ids.p, 128)\n# For python3.8 and above the modular inverse can be computed as follows:\n# b_inverse_mod_p = pow(b, -1, p)\n# Instead we use the python3.7-friendly function div_mod from starkware.python.math_utils\nb_inverse_mod_p = div_mod(1, b, p)\n\nb_inverse_mod_p_split = split(b_inverse_mod_p)\n\nids.b_inverse_mod_p.low = b_inverse_mod_p_split[0]\nids.b_inverse_mod_p.high = b_inverse_mod_p_split[1]";
    public const string InvModPUint512 = "def pack_512(u, num_bits_shift: int) -> int:\n    limbs = (u.d0, u.d1, u.d2, u.d3)\n    return sum(limb << (num_bits_shift * i) for i, limb in enumerate(limbs))\n\nx = pack_512(ids.x, num_bits_shift = 128)\np = ids.p.low + (ids.p.high << 128)\nx_inverse_mod_p = pow(x,-1, p)\n\nx_inverse_mod_p_split = (x_inverse_mod_p & ((1 << 128) - 1), x_inverse_mod_p >> 128)\n\nids.x_inverse_mod_p.low = x_inverse_mod_p_split[0]\nids.x_inverse_mod_p.high = x_inverse_mod_p_split[1]";
    public const string Uint512UnsignedDivRem = "def split(num: int, num_bits_shift: int, length: int):\n    a = []\n    for _ in range(length):\n        a.append( num & ((1 << num_bits_shift) - 1) )\n        num = num >> num_bits_shift\n    return tuple(a)\n\ndef pack(z, num_bits_shift: int) -> int:\n    limbs = (z.low, z.high)\n    return sum(limb << (num_bits_shift * i) for i, limb in enumerate(limbs))\n\ndef pack_extended(z, num_bits_shift: int) -> int:\n    limbs = (z.d0, z.d1, z.d2, z.d3)\n    return sum(limb << (num_bits_shift * i) for i, limb in enumerate(limbs))\n\nx = pack_extended(ids.x, num_bits_shift = 128)\ndiv = pack(ids.div, num_bits_shift = 128)\n\nquotient, remainder = divmod(x, div)\n\nquotient_split = split(quotient, num_bits_shift=128, length=4)\n\nids.quotient.d0 = quotient_split[0]\nids.quotient.d1 = quotient_split[1]\nids.quotient.d2 = quotient_split[2]\nids.quotient.d3 = quotient_split[3]\n\nremainder_split = split(remainder, num_bits_shift=128, length=2)\nids.remainder.low = remainder_split[0]\nids.remainder.high = remainder_split[1]";
    public const string Uint256MulInvModP = "from starkware.python.math_utils import div_mod\n\ndef split(a: int):\n    return (a & ((1 << 128) - 1), a >> 128)\n\ndef pack(z, num_bits_shift: int) -> int:\n    limbs = (z.low, z.high)\n    return sum(limb << (num_bits_shift * i) for i, limb in enumerate(limbs))\n\na = pack(ids.a, 128)\nb = pack(ids.b, 128)\np = pack(ids.p, 128)\n# For python3.8 and above the modular inverse can be computed as follows:\n# b_inverse_mod_p = pow(b, -1, p)\n# Instead we use the python3.7-friendly function div_mod from starkware.python.math_utils\nb_inverse_mod_p = div_mod(1, b, p)\n\nb_inverse_mod_p_split = split(b_inverse_mod_p)\n\nids.b_inverse_mod_p.low = b_inverse_mod_p_split[0]\nids.b_inverse_mod_p.high = b_inverse_mod_p_split[1]";

    private static readonly string[] D3 = ["d0", "d1", "d2"];
    private static readonly string[] D4 = ["d0", "d1", "d2", "d3"];
    private static readonly string[] D6 = ["d0", "d1", "d2", "d3", "d4", "d5"];
    private static readonly string[] LowHigh = ["low", "high"];

    public static void Register(Cairo0HintRegistry r)
    {
        r.Register(Uint384UnsignedDivRem, static (c, ids) => DivRem(c, ids, "a", D3, "div", D3, "quotient", D3, "remainder", D3));
        r.Register(UnsignedDivRemUint768ByUint384, static (c, ids) => DivRem(c, ids, "a", D6, "div", D3, "quotient", D6, "remainder", D3));
        r.Register(UnsignedDivRemUint768ByUint384Stripped, static (c, ids) => DivRem(c, ids, "a", D6, "div", D3, "quotient", D6, "remainder", D3));
        r.Register(Uint512UnsignedDivRem, static (c, ids) => DivRem(c, ids, "x", D4, "div", LowHigh, "quotient", D4, "remainder", LowHigh));
        r.Register(AddNoUint384Check, static (c, ids) =>
        {
            var shift = ids.GetConstInt("SHIFT");
            BigInteger carry = 0;
            for (int i = 0; i < 3; i++)
            {
                var sum = IntOf(c, ids, "a." + D3[i]) + IntOf(c, ids, "b." + D3[i]) + carry;
                carry = sum >= shift ? 1 : 0;
                ids.Set(c, "carry_" + D3[i], carry);
            }
        });
        r.Register(Uint384Sqrt, static (c, ids) =>
        {
            var root = Isqrt(Pack(c, ids, "a", D3));
            if (root >= BigInteger.One << 192) throw new HintException($"assert 0 <= root < 2 ** 192 failed: root = {root}");
            Store(c, ids, "root", D3, root);
        });
        r.Register(SubReducedAAndReducedB, static (c, ids) =>
        {
            var p = Pack(c, ids, "p", D3);
            if (p.IsZero) throw new HintException("integer modulo by zero");
            Store(c, ids, "res", D3, Mod(Pack(c, ids, "a", D3) - Pack(c, ids, "b", D3), p));
        });
        r.Register(Uint384SignedNn, static (c, ids) => c.Memory.Insert(c.Ap, ToFelt(IntOf(c, ids, "a.d2") < BigInteger.One << 127)));
        r.Register(Uint384GetSquareRoot, static (c, ids) => GetSquareRoot(c, ids, D3));
        r.Register(Uint256GetSquareRoot, static (c, ids) => GetSquareRoot(c, ids, LowHigh));
        r.Register(Uint384Div, static (c, ids) => Store(c, ids, "b_inverse_mod_p", D3, Inverse(Pack(c, ids, "b", D3), Pack(c, ids, "p", D3))));
        r.Register(InvModPUint256, static (c, ids) => Store(c, ids, "b_inverse_mod_p", LowHigh, Inverse(Pack(c, ids, "b", LowHigh), Pack(c, ids, "p", LowHigh))));
        r.Register(Uint256MulInvModP, static (c, ids) => Store(c, ids, "b_inverse_mod_p", LowHigh, Inverse(Pack(c, ids, "b", LowHigh), Pack(c, ids, "p", LowHigh))));
        r.Register(InvModPUint512, static (c, ids) => Store(c, ids, "x_inverse_mod_p", LowHigh, Inverse(Pack(c, ids, "x", D4), Pack(c, ids, "p", LowHigh))));
    }

    private static BigInteger Pack(HintContext c, HintIds ids, string name, string[] limbs)
    {
        BigInteger v = 0;
        for (int i = limbs.Length - 1; i >= 0; i--) v = (v << 128) + IntOf(c, ids, name + "." + limbs[i]);
        return v;
    }

    /// <summary>Python's <c>split(num, 128, len(limbs))</c>: 128-bit limbs, least significant first.</summary>
    private static void Store(HintContext c, HintIds ids, string name, string[] limbs, BigInteger value)
    {
        for (int i = 0; i < limbs.Length; i++)
        {
            ids.Set(c, name + "." + limbs[i], value & Mask128);
            value >>= 128;
        }
    }

    private static void DivRem(HintContext c, HintIds ids, string a, string[] aLimbs, string div, string[] divLimbs, string q, string[] qLimbs, string rem, string[] remLimbs)
    {
        var d = Pack(c, ids, div, divLimbs);
        if (d.IsZero) throw new HintException("Attempted to divide by zero");
        var (quotient, remainder) = DivMod(Pack(c, ids, a, aLimbs), d);
        Store(c, ids, q, qLimbs, quotient);
        Store(c, ids, rem, remLimbs, remainder);
    }

    /// <summary><c>div_mod(1, b, p)</c> / <c>pow(b, -1, p)</c>: the inverse of b modulo p; an error when none exists.</summary>
    internal static BigInteger Inverse(BigInteger b, BigInteger p)
    {
        if (p.Sign <= 0) throw new HintException("modulus must be positive");
        BigInteger oldR = Mod(b, p), r = p, oldS = 1, s = 0;
        while (!r.IsZero)
        {
            var q = BigInteger.Divide(oldR, r);
            (oldR, r) = (r, oldR - q * r);
            (oldS, s) = (s, oldS - q * s);
        }
        if (!oldR.IsOne) throw new HintException($"base is not invertible for the given modulus: gcd({b}, {p}) = {oldR}");
        return Mod(oldS, p);
    }

    private static void GetSquareRoot(HintContext c, HintIds ids, string[] limbs)
    {
        var generator = Pack(c, ids, "generator", limbs);
        var x = Pack(c, ids, "x", limbs);
        var p = Pack(c, ids, "p", limbs);
        bool successX = IsQuadResidue(x, p);
        var rootX = successX ? SqrtMod(x, p) : BigInteger.Zero;
        var gx = generator * x;
        bool successGx = IsQuadResidue(gx, p);
        var rootGx = successGx ? SqrtMod(gx, p) : BigInteger.Zero;
        if (!x.IsZero && (successX ? 1 : 0) + (successGx ? 1 : 0) != 1)
        {
            throw new HintException("assert success_x + success_gx == 1 failed");
        }
        ids.Set(c, "success_x", successX ? 1UL : 0UL);
        ids.Set(c, "success_gx", successGx ? 1UL : 0UL);
        Store(c, ids, "sqrt_x", limbs, rootX);
        Store(c, ids, "sqrt_gx", limbs, rootGx);
    }

    /// <summary><c>is_quad_residue(n, p)</c> for an odd prime p (0 counts as a residue).</summary>
    internal static bool IsQuadResidue(BigInteger n, BigInteger p)
    {
        if (p.Sign <= 0) throw new HintException("modulus must be positive");
        n = Mod(n, p);
        return n.IsZero || BigInteger.ModPow(n, (p - 1) / 2, p).IsOne;
    }

    /// <summary><c>sqrt(n, p)</c>: the smaller square root of a residue modulo an odd prime (Tonelli–Shanks).</summary>
    internal static BigInteger SqrtMod(BigInteger n, BigInteger p)
    {
        n = Mod(n, p);
        if (n.IsZero) return 0;
        BigInteger root;
        if ((p & 3) == 3)
        {
            root = BigInteger.ModPow(n, (p + 1) / 4, p);
        }
        else
        {
            var q = p - 1;
            int s = 0;
            while (q.IsEven)
            {
                q >>= 1;
                s++;
            }
            BigInteger z = 2;
            while (IsQuadResidue(z, p)) z++;
            int m = s;
            var cc = BigInteger.ModPow(z, q, p);
            var t = BigInteger.ModPow(n, q, p);
            root = BigInteger.ModPow(n, (q + 1) / 2, p);
            while (!t.IsOne)
            {
                int i = 0;
                var t2 = t;
                while (!t2.IsOne)
                {
                    t2 = t2 * t2 % p;
                    i++;
                    if (i == m) throw new HintException($"{n} is not a square modulo {p}");
                }
                var b = BigInteger.ModPow(cc, BigInteger.One << (m - i - 1), p);
                m = i;
                cc = b * b % p;
                t = t * cc % p;
                root = root * b % p;
            }
        }
        if (root * root % p != n) throw new HintException($"{n} is not a square modulo {p}");
        return BigInteger.Min(root, p - root);
    }
}
