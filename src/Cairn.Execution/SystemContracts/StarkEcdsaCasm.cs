using Cairn.Cairo.Builder;
using Cairn.Crypto.Curve;
using Cairn.Primitives;

namespace Cairn.Execution.SystemContracts;

/// <summary>
/// Stark-curve ECDSA verification in Cairo, written with <see cref="CasmBuilder"/>: the function
/// <c>check_ecdsa_signature(ec_op_ptr, message_hash, public_key, r, s) → (ec_op_ptr', is_valid)</c>
/// with the semantics of Cairo 1's corelib <c>core::ecdsa::check_ecdsa_signature</c>.
/// </summary>
/// <remarks>
/// <para>
/// Corelib's algorithm, step by step: false when <c>s = 0</c>, <c>s = N</c> or <c>r = N</c> (N the
/// curve order; corelib checks nothing else about the ranges: values up to P − 1 are taken as they
/// are); Q from <c>x = public_key</c> and R from <c>x = r</c>, false when either is not the x of a
/// curve point (<c>r = 0</c> is not: β is not a square); an EC state started at a random point A (the
/// <c>RandomEcPoint</c> hint, checked on the curve); <c>sR = (A + s·R) − A</c> (one ec_op), false when
/// it is the point at infinity; <c>zG = A + z·G</c> (one ec_op); <c>rQ = (A + r·Q) − A</c> (one ec_op),
/// false at infinity; true when <c>x((zG + rQ) − A)</c> or <c>x((zG − rQ) − A)</c> equals <c>x(sR)</c>
/// (skipping a sum at infinity), else false.
/// </para>
/// <para>
/// Nothing a hint provides is trusted. A point from x (Sierra's <c>ec_point_from_x_nz</c>): the
/// <c>FieldSqrt</c> hint gives y with <c>y² = x³ + x + β</c> (accepted) or <c>y² = 3·(x³ + x + β)</c>,
/// which proves that <c>x³ + x + β</c> is not a square, 3 being a non-residue (and it is not 0: the
/// curve has prime order, so no point has y = 0); any other y fails an assertion. Corelib also
/// range-checks <c>y &lt; P/2</c> to make y deterministic; that check is left out here (so no
/// range_check builtin is needed) because the result does not depend on the signs: ±R gives ±sR with
/// the same x, and ±Q only swaps the two candidates zG + rQ and zG − rQ, both of which are tried.
/// The random point A is checked on the curve; every result is A-free (A is subtracted again), and a
/// prover's A that makes an intermediate sum meet A fails the run (an addition with equal x is an
/// assertion failure, as in Sierra's <c>ec_state_add</c> / <c>ec_state_try_finalize_nz</c>), so a
/// chosen A can make a verification fail to run, never pass.
/// </para>
/// <para>
/// Every path uses exactly <see cref="EcOpInstances"/> = 3 ec_op instances (the early-outs pad the
/// unused ones with <c>A + 0·G</c>), so a caller advances its ec_op pointer by the constant 21: the
/// returned pointer is always <c>ec_op_ptr + 21</c>. A verification costs 224 Cairo steps (measured
/// by the tests: a valid signature, the whole path) and 3 ec_op instances.
/// </para>
/// </remarks>
public static class StarkEcdsaCasm
{
    /// <summary>The default function name.</summary>
    public const string DefaultName = "check_ecdsa_signature";

    /// <summary>Number of arguments of the emitted function: ec_op_ptr, message_hash, public_key, r, s.</summary>
    public const int ArgCount = 5;

    /// <summary>Number of results of the emitted function: ec_op_ptr', is_valid.</summary>
    public const int ReturnCount = 2;

    /// <summary>ec_op instances of every verification (valid or not): the ec_op pointer moves by 7 per instance, 21 in all.</summary>
    public const int EcOpInstances = 3;

    private const int EcOpCells = 7;

    /// <summary>
    /// Writes <c>check_ecdsa_signature</c> and its helper functions (named <c>NAME__from_x</c>,
    /// <c>NAME__ec_op</c>, <c>NAME__finalize</c>, <c>NAME__add</c>) into <paramref name="b"/> and returns the
    /// main function, to be called with <see cref="CasmBuilder.Call(Function, Expr[])"/> as
    /// <c>(ec_op_ptr, message_hash, public_key, r, s)</c>; it returns <c>(ec_op_ptr', is_valid)</c> with
    /// is_valid 0 or 1. The builder must be between functions (the code before ends with ret or jmp).
    /// Only the ec_op builtin is used.
    /// </summary>
    public static Function Emit(CasmBuilder b, string name = DefaultName)
    {
        ArgumentNullException.ThrowIfNull(b);
        var fromX = EmitFromX(b, name + "__from_x");
        var ecOp = EmitEcOp(b, name + "__ec_op");
        var finalize = EmitFinalize(b, name + "__finalize");
        var add = EmitAdd(b, name + "__add");
        return EmitCheck(b, name, fromX, ecOp, finalize, add);
    }

    /// <summary><c>rhs = x³ + x + β</c> (α = 1) as new ap cells; returns rhs.</summary>
    private static Cell Rhs(CasmBuilder b, Cell x)
    {
        var x2 = b.AllocVar(x * x);
        var x3 = b.AllocVar(x2 * x);
        var xPlusBeta = b.AllocVar(x + StarkCurve.Beta);
        return b.AllocVar(x3 + xPlusBeta);
    }

    /// <summary>
    /// <c>from_x(x) → (ok, y)</c>: ok = 1 and a y with <c>y² = x³ + x + β</c>, or ok = 0 (y = 0) with the
    /// proof that <c>x³ + x + β</c> is not a square. Both returns have the same ap change.
    /// </summary>
    private static Function EmitFromX(CasmBuilder b, string name)
    {
        var f = b.BeginFunction(name, argCount: 1, returnCount: 2);
        var x = f.Arg(0);
        var rhs = Rhs(b, x);
        var y = b.Alloc();
        b.Hint("{\"FieldSqrt\": {\"val\": " + b.DerefJson(rhs) + ", \"sqrt\": " + b.CellRefJson(y) + "}}");
        b.ApAdd(1);
        var lhs = b.AllocVar(y * y);
        var diff = b.AllocVar(lhs - rhs);
        var notOnCurve = b.NewLabel();
        b.JumpIfNotZero(diff, notOnCurve);
        b.AllocVar(1);
        b.AllocVar(y);
        b.Ret();

        b.Bind(notOnCurve);
        // y² = 3·rhs: rhs is not a square (3 is not a quadratic residue of the field).
        b.AssertEq(lhs, rhs * Felt.FromUInt64(3));
        b.AllocVar(0);
        b.AllocVar(0);
        b.Ret();
        return f;
    }

    /// <summary><c>ec_op(ptr, px, py, m, qx, qy) → (rx, ry)</c>: one ec_op builtin instance at ptr, R = P + m·Q.</summary>
    private static Function EmitEcOp(CasmBuilder b, string name)
    {
        var f = b.BeginFunction(name, argCount: 6, returnCount: 2);
        var ptr = f.Arg(0);
        b.AssertEq(f.Arg(1), ptr.Deref(0)); // p.x
        b.AssertEq(f.Arg(2), ptr.Deref(1)); // p.y
        b.AssertEq(f.Arg(4), ptr.Deref(2)); // q.x
        b.AssertEq(f.Arg(5), ptr.Deref(3)); // q.y
        b.AssertEq(f.Arg(3), ptr.Deref(4)); // m
        b.AllocVar(ptr.Deref(5));
        b.AllocVar(ptr.Deref(6));
        b.Ret();
        return f;
    }

    /// <summary>
    /// <c>(x0, y0) + (x1, y1)</c> given <c>numerator = y0 − y1</c> and <c>denominator = x0 − x1 ≠ 0</c>:
    /// the chord's slope, then x and y of the sum, as new ap cells.
    /// </summary>
    private static (Cell X, Cell Y) AddInner(CasmBuilder b, Cell x0, Cell y0, Cell x1, Cell numerator, Cell denominator)
    {
        var slope = b.AllocVar(numerator / denominator);
        var slope2 = b.AllocVar(slope * slope);
        var sumX = b.AllocVar(x0 + x1);
        var rx = b.AllocVar(slope2 - sumX);
        var xDiff = b.AllocVar(x0 - rx);
        var slopeTimesXDiff = b.AllocVar(slope * xDiff);
        var ry = b.AllocVar(slopeTimesXDiff - y0);
        return (rx, ry);
    }

    /// <summary>
    /// <c>finalize(x, y, ax, ay) → (ok, rx, ry)</c>: the point <c>(x, y) − A</c> (Sierra's
    /// <c>ec_state_try_finalize_nz</c>): ok = 0 when it is the point at infinity (<c>(x, y) = A</c>);
    /// <c>(x, y) = −A</c> (a doubling) fails the run.
    /// </summary>
    private static Function EmitFinalize(CasmBuilder b, string name)
    {
        var f = b.BeginFunction(name, argCount: 4, returnCount: 3);
        var (x, y, ax, ay) = (f.Arg(0), f.Arg(1), f.Arg(2), f.Arg(3));
        var denominator = b.AllocVar(x - ax);
        var notSameX = b.NewLabel();
        b.JumpIfNotZero(denominator, notSameX);
        b.AssertEq(y, ay);
        b.AllocVar(0);
        b.AllocVar(0);
        b.AllocVar(0);
        b.Ret();

        b.Bind(notSameX);
        var numerator = b.AllocVar(y + ay); // y − (−ay)
        var (rx, ry) = AddInner(b, x, y, ax, numerator, denominator);
        b.AllocVar(1);
        b.AllocVar(rx);
        b.AllocVar(ry);
        b.Ret();
        return f;
    }

    /// <summary>
    /// <c>add(sx, sy, px, py) → (x, y)</c>: state plus point (Sierra's <c>ec_state_add</c>); equal x
    /// (a doubling or the point at infinity) fails the run.
    /// </summary>
    private static Function EmitAdd(CasmBuilder b, string name)
    {
        var f = b.BeginFunction(name, argCount: 4, returnCount: 2);
        var (sx, sy, px, py) = (f.Arg(0), f.Arg(1), f.Arg(2), f.Arg(3));
        var denominator = b.AllocVar(px - sx);
        var notSameX = b.NewLabel();
        b.JumpIfNotZero(denominator, notSameX);
        var zero = b.AllocVar(0);
        b.AssertEq(zero, zero + Felt.One); // fail: 0 = 1
        b.Ret();

        b.Bind(notSameX);
        var numerator = b.AllocVar(py - sy);
        var (rx, ry) = AddInner(b, px, py, sx, numerator, denominator);
        b.AllocVar(rx);
        b.AllocVar(ry);
        b.Ret();
        return f;
    }

    private static Function EmitCheck(CasmBuilder b, string name, Function fromX, Function ecOp, Function finalize, Function add)
    {
        var f = b.BeginFunction(name, ArgCount, ReturnCount);
        var (ec, z, pk, r, s) = (f.Arg(0), f.Arg(1), f.Arg(2), f.Arg(3), f.Arg(4));
        var locals = b.AllocLocals(11);
        var qy = locals[0];
        var ry = locals[1];
        var ax = locals[2];
        var ay = locals[3];
        var sRx = locals[4];
        var zGx = locals[5];
        var zGy = locals[6];
        var rQx = locals[7];
        var rQy = locals[8];
        var ok = locals[9];
        var candidateX = locals[10];

        var false0 = b.NewLabel();
        var false1 = b.NewLabel();
        var false3 = b.NewLabel();
        var true3 = b.NewLabel();

        // The EC state's random point A, checked on the curve (corelib samples it after the early-outs;
        // here it comes first because the early-outs use it to pad the ec_op instances).
        b.Hint("{\"RandomEcPoint\": {\"x\": " + b.CellRefJson(ax) + ", \"y\": " + b.CellRefJson(ay) + "}}");
        var ay2 = b.AllocVar(ay * ay);
        var aRhs = Rhs(b, ax);
        b.AssertEq(ay2, aRhs);

        // s ≠ 0, s ≠ N, r ≠ N.
        var next = b.NewLabel();
        b.JumpIfNotZero(s, next);
        b.Jump(false0);
        b.Bind(next);
        var sMinusN = b.AllocVar(s - StarkCurve.Order);
        next = b.NewLabel();
        b.JumpIfNotZero(sMinusN, next);
        b.Jump(false0);
        b.Bind(next);
        var rMinusN = b.AllocVar(r - StarkCurve.Order);
        next = b.NewLabel();
        b.JumpIfNotZero(rMinusN, next);
        b.Jump(false0);
        b.Bind(next);

        // Q from the public key, R from r.
        var res = b.Call(fromX, pk);
        b.AssertEq(qy, res[1]);
        next = b.NewLabel();
        b.JumpIfNotZero(res[0], next);
        b.Jump(false0);
        b.Bind(next);
        res = b.Call(fromX, r);
        b.AssertEq(ry, res[1]);
        next = b.NewLabel();
        b.JumpIfNotZero(res[0], next);
        b.Jump(false0);
        b.Bind(next);

        // sR = (A + s·R) − A; false at infinity.
        res = b.Call(ecOp, ec, ax, ay, s, r, ry);
        res = b.Call(finalize, res[0], res[1], ax, ay);
        b.AssertEq(sRx, res[1]);
        b.AssertEq(ok, res[0]);
        next = b.NewLabel();
        b.JumpIfNotZero(ok, next);
        b.Jump(false1);
        b.Bind(next);

        // zG state = A + z·G; rQ = (A + r·Q) − A, false at infinity.
        res = b.Call(ecOp, ec + Felt.FromUInt64(EcOpCells), ax, ay, z, StarkCurve.Generator.X, StarkCurve.Generator.Y);
        b.AssertEq(zGx, res[0]);
        b.AssertEq(zGy, res[1]);
        res = b.Call(ecOp, ec + Felt.FromUInt64(2 * EcOpCells), ax, ay, r, pk, qy);
        res = b.Call(finalize, res[0], res[1], ax, ay);
        b.AssertEq(rQx, res[1]);
        b.AssertEq(rQy, res[2]);
        next = b.NewLabel();
        b.JumpIfNotZero(res[0], next);
        b.Jump(false3);
        b.Bind(next);

        // (zG + rQ).x = sR.x ?
        res = b.Call(add, zGx, zGy, rQx, rQy);
        res = b.Call(finalize, res[0], res[1], ax, ay);
        b.AssertEq(candidateX, res[1]);
        var minus = b.NewLabel();
        next = b.NewLabel();
        b.JumpIfNotZero(res[0], next);
        b.Jump(minus);
        b.Bind(next);
        var d = b.AllocVar(candidateX - sRx);
        b.JumpIfNotZero(d, minus);
        b.Jump(true3);

        // (zG − rQ).x = sR.x ?
        b.Bind(minus);
        res = b.Call(add, zGx, zGy, rQx, rQy * -Felt.One);
        res = b.Call(finalize, res[0], res[1], ax, ay);
        next = b.NewLabel();
        b.JumpIfNotZero(res[0], next);
        b.Jump(false3);
        b.Bind(next);
        d = b.AllocVar(res[1] - sRx);
        b.JumpIfNotZero(d, false3);
        b.Jump(true3);

        // Early-outs pad the unused instances with A + 0·G, so that every path uses exactly 3.
        b.Bind(false0);
        b.Call(ecOp, ec, ax, ay, 0, StarkCurve.Generator.X, StarkCurve.Generator.Y);
        b.Bind(false1);
        b.Call(ecOp, ec + Felt.FromUInt64(EcOpCells), ax, ay, 0, StarkCurve.Generator.X, StarkCurve.Generator.Y);
        b.Call(ecOp, ec + Felt.FromUInt64(2 * EcOpCells), ax, ay, 0, StarkCurve.Generator.X, StarkCurve.Generator.Y);
        b.Bind(false3);
        b.AllocVar(ec + Felt.FromUInt64(EcOpInstances * EcOpCells));
        b.AllocVar(0);
        b.Ret();
        b.Bind(true3);
        b.AllocVar(ec + Felt.FromUInt64(EcOpInstances * EcOpCells));
        b.AllocVar(1);
        b.Ret();
        return f;
    }
}
