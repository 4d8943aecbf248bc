using Cairn.Cairo.Memory;
using Cairn.Crypto.Curve;
using Cairn.Primitives;

namespace Cairn.Cairo.Builtins;

/// <summary>
/// ec_op: instances (p.x, p.y, q.x, q.y, m, r.x, r.y) with R = P + m·Q on the STARK curve, computed
/// as the AIR does (256 double-and-add iterations that must never meet two points with the same x).
/// Spec: cairo-vm.md §4.8.
/// </summary>
public sealed class EcOpBuiltinRunner : BuiltinRunner, IAutoDeducer
{
    private const int Height = 256;

    private ulong _cachedInstance = ulong.MaxValue;
    private Felt _rx, _ry;

    public override string Name => "ec_op";

    public override int CellsPerInstance => 7;

    public override int InputCellsPerInstance => 5;

    public override void AddValidationRules(VmMemory memory) => memory.SetDeducer(Base.Segment, this);

    public override bool HasInputWriteOrder => true;

    public bool TryDeduce(VmMemory memory, Relocatable address, out MaybeRelocatable value)
    {
        value = default;
        int index = (int)(address.Offset % 7);
        if (index < 5) return false;
        ulong instance = address.Offset / 7;
        if (instance != _cachedInstance)
        {
            var start = address.Add(-index);
            Span<Felt> input = stackalloc Felt[5];
            if (!TryReadInputs(memory, start, input)) return false;
            // m < scalar_limit = P holds for every felt.
            if (!OnCurve(input[0], input[1])) throw new MemoryException($"ec_op builtin: point ({start}, {start.Add(1)}) is not on the curve");
            if (!OnCurve(input[2], input[3])) throw new MemoryException($"ec_op builtin: point ({start.Add(2)}, {start.Add(3)}) is not on the curve");
            Compute(input[0], input[1], input[2], input[3], input[4], out _rx, out _ry);
            _cachedInstance = instance;
        }
        value = index == 5 ? _rx : _ry;
        return true;
    }

    /// <summary>
    /// <c>P + m·Q</c> the AIR way (cairo-lang <c>ec_op_impl</c>): double-and-add over 256 bits of m
    /// starting from P, failing when the partial sum and the doubled point share an x coordinate. The
    /// doublings <c>2^i·Q</c> do not depend on P or m: they are computed once per Q in Jacobian
    /// coordinates, made affine with one inversion and kept (a Stark ECDSA check multiplies the generator
    /// and the signer's public key again and again). The partial sum stays Jacobian (x coordinates
    /// compared as <c>X = x·Z²</c>) and is made affine once: the same points as the affine formulas,
    /// since the shared-x case, the only one where they differ, is an error.
    /// </summary>
    public static void Compute(Felt px, Felt py, Felt qx, Felt qy, Felt m, out Felt rx, out Felt ry)
    {
        m.ToLimbs(out ulong l0, out ulong l1, out ulong l2, out ulong l3);
        var doublings = Doublings(qx, qy);
        var sum = new ProjectivePoint(px, py, Felt.One);
        for (int i = 0; i < Height; i++)
        {
            ref readonly var d = ref doublings[i];
            if (d.X * sum.Z.Square() == sum.X)
            {
                throw new MemoryException("Cannot apply EC operation: computation reached two points with the same x coordinate. Attempting to compute P + m * Q where P = (" +
                    px.ToDecimalString() + ", " + py.ToDecimalString() + "), m = " + m.ToDecimalString() + ", Q = (" + qx.ToDecimalString() + ", " + qy.ToDecimalString() + ").");
            }
            ulong limb = (i >> 6) switch { 0 => l0, 1 => l1, 2 => l2, _ => l3 };
            if (((limb >> (i & 63)) & 1) != 0) sum = sum.Add(d);
        }
        var r = sum.ToAffine();
        rx = r.X;
        ry = r.Y;
    }

    private const int MaxCachedPoints = 1024;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(Felt X, Felt Y), AffinePoint[]> s_doublings = new();

    /// <summary><c>2^i·Q</c> for i in [0, 256), affine (never infinity: the curve's order is a prime above 2^251).</summary>
    private static AffinePoint[] Doublings(Felt qx, Felt qy)
    {
        if (s_doublings.TryGetValue((qx, qy), out var cached)) return cached;
        var projective = new ProjectivePoint[Height];
        var d = new ProjectivePoint(qx, qy, Felt.One);
        for (int i = 0; i < Height; i++)
        {
            projective[i] = d;
            d = d.Double();
        }
        var affine = new AffinePoint[Height];
        ProjectivePoint.BatchToAffine(projective, affine);
        if (s_doublings.Count >= MaxCachedPoints) s_doublings.Clear();
        s_doublings[(qx, qy)] = affine;
        return affine;
    }

    private static bool OnCurve(Felt x, Felt y) => y.Square() == StarkCurve.RightHandSide(x);
}
