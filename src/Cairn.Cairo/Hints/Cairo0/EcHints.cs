using System.Numerics;
using System.Security.Cryptography;
using Cairn.Cairo.Memory;
using Cairn.Crypto.Curve;
using Cairn.Primitives;
using static Cairn.Cairo.Hints.Cairo0.MathHints;

namespace Cairn.Cairo.Hints.Cairo0;

/// <summary>STARK-curve helpers of ec.cairo (cairo-vm.md §7.3): ec_op's random point, chained_ec_op's, recover_y.</summary>
internal static class EcHints
{
    public const string RandomEcPoint = "from starkware.crypto.signature.signature import ALPHA, BETA, FIELD_PRIME\nfrom starkware.python.math_utils import random_ec_point\nfrom starkware.python.utils import to_bytes\n\n# Define a seed for random_ec_point that's dependent on all the input, so that:\n#   (1) The added point s is deterministic.\n#   (2) It's hard to choose inputs for which the builtin will fail.\nseed = b\"\".join(map(to_bytes, [ids.p.x, ids.p.y, ids.m, ids.q.x, ids.q.y]))\nids.s.x, ids.s.y = random_ec_point(FIELD_PRIME, ALPHA, BETA, seed)";
    public const string ChainedEcOpRandomEcPoint = "from starkware.crypto.signature.signature import ALPHA, BETA, FIELD_PRIME\nfrom starkware.python.math_utils import random_ec_point\nfrom starkware.python.utils import to_bytes\n\nn_elms = ids.len\nassert isinstance(n_elms, int) and n_elms >= 0, \\\n    f'Invalid value for len. Got: {n_elms}.'\nif '__chained_ec_op_max_len' in globals():\n    assert n_elms <= __chained_ec_op_max_len, \\\n        f'chained_ec_op() can only be used with len<={__chained_ec_op_max_len}. ' \\\n        f'Got: n_elms={n_elms}.'\n\n# Define a seed for random_ec_point that's dependent on all the input, so that:\n#   (1) The added point s is deterministic.\n#   (2) It's hard to choose inputs for which the builtin will fail.\nseed = b\"\".join(\n    map(\n        to_bytes,\n        [\n            ids.p.x,\n            ids.p.y,\n            *memory.get_range(ids.m, n_elms),\n            *memory.get_range(ids.q.address_, 2 * n_elms),\n        ],\n    )\n)\nids.s.x, ids.s.y = random_ec_point(FIELD_PRIME, ALPHA, BETA, seed)";
    public const string RecoverY = "from starkware.crypto.signature.signature import ALPHA, BETA, FIELD_PRIME\nfrom starkware.python.math_utils import recover_y\nids.p.x = ids.x\n# This raises an exception if `x` is not on the curve.\nids.p.y = recover_y(ids.x, ALPHA, BETA, FIELD_PRIME)";

    public static void Register(Cairo0HintRegistry r)
    {
        r.Register(RandomEcPoint, static (c, ids) =>
        {
            Felt[] inputs = [FeltOf(c, ids, "p.x"), FeltOf(c, ids, "p.y"), FeltOf(c, ids, "m"), FeltOf(c, ids, "q.x"), FeltOf(c, ids, "q.y")];
            SetPoint(c, ids, inputs);
        });
        r.Register(ChainedEcOpRandomEcPoint, static (c, ids) =>
        {
            var len = FeltOf(c, ids, "len");
            if (!len.TryToUInt64(out ulong n) || n > int.MaxValue / 4) throw new HintException($"Invalid value for len. Got: {len.ToDecimalString()}.");
            if (ScopeValues.TryGetInt(c, "__chained_ec_op_max_len", out var max) && n > max)
            {
                throw new HintException($"chained_ec_op() can only be used with len<={max}. Got: n_elms={n}.");
            }
            var inputs = new List<Felt> { FeltOf(c, ids, "p.x"), FeltOf(c, ids, "p.y") };
            var m = ids.GetRelocatable(c, "m");
            for (int i = 0; i < (int)n; i++) inputs.Add(c.Memory.GetFelt(m.Add(i)));
            var q = ids.GetStructAddress(c, "q");
            for (int i = 0; i < 2 * (int)n; i++) inputs.Add(c.Memory.GetFelt(q.Add(i)));
            SetPoint(c, ids, inputs);
        });
        r.Register(RecoverY, static (c, ids) =>
        {
            var x = FeltOf(c, ids, "x");
            ids.Set(c, "p.x", x);
            if (!StarkCurve.TryRecoverY(x, out var y))
            {
                throw new HintException($"{x.ToDecimalString()} does not represent the x coordinate of a point on the curve.");
            }
            ids.Set(c, "p.y", y);
        });
    }

    private static void SetPoint(HintContext c, HintIds ids, IReadOnlyList<Felt> inputs)
    {
        // to_bytes: 32 bytes, big endian, per value.
        var seed = new byte[32 * inputs.Count];
        for (int i = 0; i < inputs.Count; i++) inputs[i].WriteBytesBE(seed.AsSpan(32 * i, 32));
        var (x, y) = RandomPoint(seed);
        ids.Set(c, "s.x", x);
        ids.Set(c, "s.y", y);
    }

    /// <summary>
    /// <c>random_ec_point(FIELD_PRIME, ALPHA, BETA, seed)</c>: seed' = sha256(seed); for i &lt; 100,
    /// x = sha256(seed'[1:] ‖ i as 10 little-endian bytes) and the first x on the curve wins, with
    /// y negated when seed'[0] is odd.
    /// </summary>
    internal static (BigInteger X, Felt Y) RandomPoint(ReadOnlySpan<byte> seed)
    {
        var hashedSeed = SHA256.HashData(seed);
        var input = new byte[31 + 10];
        hashedSeed.AsSpan(1).CopyTo(input);
        for (int i = 0; i < 100; i++)
        {
            input.AsSpan(31).Clear();
            input[31] = (byte)i;
            var x = new BigInteger(SHA256.HashData(input), isUnsigned: true, isBigEndian: true);
            if (StarkCurve.TryRecoverY(Felt.FromBigIntegerReduced(x), out var y))
            {
                return (x, (hashedSeed[0] & 1) == 1 ? -y : y);
            }
        }
        throw new HintException("Could not find a point on the curve.");
    }
}
