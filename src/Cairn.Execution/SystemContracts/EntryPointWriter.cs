using System.Globalization;
using System.Numerics;
using Cairn.Cairo.Builder;
using Cairn.Crypto.Hashing;
using Cairn.Primitives;

namespace Cairn.Execution.SystemContracts;

/// <summary>
/// Emits the code of one entry point of a <see cref="ContractWriter"/>: calldata deserialisation with
/// Cairo 1's errors, sound u128/u256 arithmetic on the range_check builtin, Pedersen storage
/// addresses, syscalls (gas passed and returned; a failed syscall panics with its revert reason, like
/// <c>unwrap_syscall</c>), panics and returns.
/// <para>
/// <b>Model.</b> Values live in <em>locals</em>: fp-based cells (<see cref="Let"/>, <see cref="Local"/>)
/// that stay valid everywhere in the entry point, across jumps and joins. <see cref="Temp"/> makes an
/// ap-based cell for a value used at once (it is revoked when ap tracking is lost, at a join).
/// The running state — the gas counter, the syscall pointer and the builtin pointers — is tracked by
/// the writer: pointers are a cell plus a constant (<see cref="Ptr"/>), advanced at build time.
/// Code is straight-line; <see cref="If"/> branches and joins (materialising the state in both
/// branches); failure paths (panics) are emitted out of line at the end of the entry point.
/// </para>
/// <para>
/// <b>Soundness.</b> Every hint result is checked by the code that follows it: comparisons and
/// conversions are proven with the range_check builtin in both outcomes (a prover cannot take the
/// wrong branch), so the helpers that need it require <c>range_check</c> among the entry point's
/// builtins, and <see cref="Pedersen"/> requires <c>pedersen</c>.
/// </para>
/// <para>
/// <b>Gas.</b> No <c>withdraw_gas</c> for steps (the executor charges these classes by VM resources);
/// each syscall is given the current gas and the remaining gas it returns becomes the current gas.
/// </para>
/// </summary>
public sealed class EntryPointWriter
{
    /// <summary>2^128.</summary>
    public static readonly BigInteger U128Bound = BigInteger.One << 128;

    /// <summary>2^251 − 256: storage addresses are below it (and contract addresses computed by the OS).</summary>
    public static readonly BigInteger AddressBound = (BigInteger.One << 251) - 256;

    /// <summary>2^251: a <c>ContractAddress</c> or <c>ClassHash</c> parameter is below it (<c>contract_address_try_from_felt252</c>).</summary>
    public static readonly BigInteger ContractAddressBound = BigInteger.One << 251;

    // (P − 1) = M · 2^128: the largest high limb of a felt.
    private static readonly BigInteger MaxHigh = (Felt.Modulus - 1) >> 128;

    private readonly CasmBuilder _b;
    private readonly Function _function;
    private readonly IReadOnlyList<string> _builtins;
    private readonly int? _reservedLocals;
    private readonly List<(Label Label, State State, Action Body)> _cold = [];
    private readonly Cell _calldataEnd;
    private int _locals;
    private State _state;
    private Ptr _cursor;
    private Cell _remainingBase; // calldata_end − [cursor.Base]
    private bool _calldataDone;

    private sealed record State(Cell Gas, Ptr Syscall, Ptr[] Builtins);

    internal EntryPointWriter(CasmBuilder builder, Function function, string name, IReadOnlyList<string> builtins, int? reservedLocals)
    {
        _b = builder;
        _function = function;
        Name = name;
        _builtins = builtins;
        _reservedLocals = reservedLocals;
        int k = builtins.Count;
        var ptrs = new Ptr[k];
        for (int i = 0; i < k; i++) ptrs[i] = new Ptr(function.Arg(i), 0);
        _state = new State(function.Arg(k), new Ptr(function.Arg(k + 1), 0), ptrs);
        _cursor = new Ptr(function.Arg(k + 2), 0);
        _calldataEnd = function.Arg(k + 3);
        if (reservedLocals is > 0) _b.ApAdd(reservedLocals.Value);
        _remainingBase = Let(_calldataEnd - _cursor.Base);
    }

    /// <summary>The entry point's name.</summary>
    public string Name { get; }

    /// <summary>The underlying builder, for code the helpers do not cover (keep the model above in mind).</summary>
    public CasmBuilder Builder => _b;

    /// <summary>The current gas counter.</summary>
    public Cell Gas => _state.Gas;

    /// <summary>The current syscall pointer.</summary>
    public Ptr SyscallPtr => _state.Syscall;

    /// <summary>The calldata span as given (start and end).</summary>
    public FeltSpan Calldata => new(_function.Arg(_builtins.Count + 2), _calldataEnd);

    internal int LocalsUsed => _locals;

    // ----- values ----------------------------------------------------------------------------------

    /// <summary>A fresh, unassigned fp-based local (assign it once with <c>Builder.AssertEq</c>, e.g. in each branch).</summary>
    public Cell Local()
    {
        if (_reservedLocals is { } n && _locals >= n) throw new CasmBuilderException($"{Name}: more locals than counted");
        return _b.Fp(_locals++);
    }

    /// <summary>A new local holding <paramref name="value"/>.</summary>
    public Cell Let(Expr value)
    {
        var c = Local();
        _b.AssertEq(c, value);
        return c;
    }

    /// <summary>A new ap-based cell holding <paramref name="value"/> (<c>[ap] = value, ap++</c>), valid until ap tracking is lost.</summary>
    public Cell Temp(Expr value) => _b.AllocVar(value);

    /// <summary>The operand as a cell (a temporary unless it is one).</summary>
    public Cell AsCell(Expr value) => value.Kind == ExprKind.Cell ? value.A : Temp(value);

    /// <summary><c>c − x</c> in a temporary.</summary>
    public Cell ConstMinus(Felt c, Cell x) => Temp(Temp(x * (-Felt.One)) + c);

    // ----- builtins --------------------------------------------------------------------------------

    /// <summary>The current pointer of builtin <paramref name="name"/> (it must be one of the entry point's builtins).</summary>
    public Ptr BuiltinPtr(string name) => _state.Builtins[BuiltinIndex(name)];

    /// <summary>Advances builtin <paramref name="name"/> by <paramref name="cells"/> (after code that used them).</summary>
    public void AdvanceBuiltin(string name, int cells)
    {
        int i = BuiltinIndex(name);
        var ptrs = (Ptr[])_state.Builtins.Clone();
        ptrs[i] = ptrs[i].Add(cells);
        _state = _state with { Builtins = ptrs };
    }

    /// <summary>Asserts <c>0 ≤ value &lt; 2^128</c> with the range_check builtin.</summary>
    public void RangeCheck(Expr value)
    {
        var rc = BuiltinPtr("range_check");
        _b.AssertEq(AsCell(value), rc.At(0));
        AdvanceBuiltin("range_check", 1);
    }

    /// <summary>Pedersen hash of two felts with the pedersen builtin, in a new local.</summary>
    public Cell Pedersen(Expr a, Expr b)
    {
        var p = BuiltinPtr("pedersen");
        _b.AssertEq(AsCell(a), p.At(0));
        _b.AssertEq(AsCell(b), p.At(1));
        var r = Let(p.At(2));
        AdvanceBuiltin("pedersen", 3);
        return r;
    }

    // ----- hints -----------------------------------------------------------------------------------

    /// <summary>A hint operand (ResOperand JSON) for a cell, an immediate or <c>cell + imm</c>/<c>cell * imm</c>.</summary>
    public string Res(Expr value) => value.Kind switch
    {
        ExprKind.Cell => _b.DerefJson(value.A),
        ExprKind.Immediate => CasmBuilder.ImmediateJson(value.Immediate),
        ExprKind.BinaryImmediate => "{\"BinOp\": {\"op\": \"" + (value.Operator == Cairn.Cairo.Instructions.ResLogic.Add ? "Add" : "Mul") + "\", \"a\": "
            + _b.CellRefJson(value.A) + ", \"b\": " + CasmBuilder.ImmediateJson(value.Immediate) + "}}",
        ExprKind.DoubleDeref => "{\"DoubleDeref\": [" + _b.CellRefJson(value.A) + ", " + value.DerefOffset.ToString(CultureInfo.InvariantCulture) + "]}",
        _ => _b.DerefJson(AsCell(value)),
    };

    /// <summary>A local set by a <c>TestLessThan</c> hint to <c>lhs &lt; rhs</c> (unproven: the caller proves the outcome).</summary>
    private Cell HintLess(Expr lhs, Expr rhs)
    {
        string l = Res(lhs), r = Res(rhs);
        var dst = Local();
        _b.Hint("{\"TestLessThan\": {\"lhs\": " + l + ", \"rhs\": " + r + ", \"dst\": " + _b.CellRefJson(dst) + "}}");
        return dst;
    }

    // ----- comparisons (proven) --------------------------------------------------------------------

    /// <summary>
    /// Splits a felt into <c>v = hi·2^128 + lo</c> (as integers, hi ≤ (P−1)/2^128, no wrap-around) with a
    /// DivMod hint, proven with 3 range checks on every path.
    /// </summary>
    public (Cell High, Cell Low) Split128(Cell v)
    {
        var hi = Local();
        var lo = Local();
        _b.Hint("{\"DivMod\": {\"lhs\": " + Res(v) + ", \"rhs\": " + CasmBuilder.ImmediateJson(Felt.FromBigInteger(U128Bound)) + ", \"quotient\": "
            + _b.CellRefJson(hi) + ", \"remainder\": " + _b.CellRefJson(lo) + "}}");
        var t = Temp(hi * Felt.FromBigInteger(U128Bound));
        _b.AssertEq(v, t + lo);
        RangeCheck(lo);
        RangeCheck(hi);
        var room = Let(ConstMinus(Felt.FromBigInteger(MaxHigh), hi));
        RangeCheck(room);
        // hi = M: then hi·2^128 = P − 1 and lo must be 0 (else the sum wraps around).
        var ok = _b.NewLabel();
        _b.JumpIfNotZero(room, ok);
        _b.AssertEq(lo, Expr.Imm(Felt.Zero));
        _b.Bind(ok);
        return (hi, lo);
    }

    /// <summary>Proves <c>v &lt; bound</c> (0 &lt; bound ≤ 2^251; the hint's outcome already says it is). Uses the same range checks on every path.</summary>
    public void ProveLess(Cell v, BigInteger bound)
    {
        if (bound <= U128Bound)
        {
            RangeCheck(v);
            if (bound < U128Bound) RangeCheck(Temp(v + Felt.FromBigInteger(U128Bound - bound)));
            return;
        }
        var (hi, lo) = Split128(v);
        var ch = Felt.FromBigInteger(bound >> 128);
        var cl = bound & (U128Bound - 1);
        var d = Let(hi + (-ch));
        // hi = ch: lo < cl (for cl = 0, −1 − lo is never a u128: that path cannot be proven).
        Fork(d,
            () => RangeCheck(ConstMinus(Felt.FromBigIntegerReduced(cl - 1), lo)),
            () => RangeCheck(ConstMinus(ch - Felt.One, hi)));
    }

    /// <summary>Proves <c>v ≥ bound</c> as integers (0 &lt; bound ≤ 2^251).</summary>
    public void ProveAtLeast(Cell v, BigInteger bound)
    {
        var (hi, lo) = Split128(v);
        var ch = Felt.FromBigInteger(bound >> 128);
        var cl = Felt.FromBigInteger(bound & (U128Bound - 1));
        var d = Let(hi + (-ch));
        Fork(d,
            () => RangeCheck(Temp(lo + (-cl))),
            () => RangeCheck(Temp(d + (-Felt.One))));
    }

    /// <summary>
    /// Checks <c>v &lt; bound</c> (as integers, bound ≤ 2^251): proven and falls through when true;
    /// otherwise proves <c>v ≥ bound</c> and runs <paramref name="onFail"/> out of line (which must panic or return).
    /// </summary>
    public void CheckLess(Cell v, BigInteger bound, Action onFail)
    {
        var notLess = Local();
        _b.Hint("{\"TestLessThanOrEqual\": {\"lhs\": " + CasmBuilder.ImmediateJson(Felt.FromBigInteger(bound)) + ", \"rhs\": " + Res(v)
            + ", \"dst\": " + _b.CellRefJson(notLess) + "}}");
        Cold(notLess, () =>
        {
            ProveAtLeast(v, bound);
            onFail();
        });
        ProveLess(v, bound);
    }

    /// <summary>A proven flag (a local, 0 or 1): <c>a &lt; b</c> for u128 values.</summary>
    public Cell LessU128(Cell a, Cell b)
    {
        var flag = HintLess(a, b);
        Fork(flag,
            () => RangeCheck(Temp(a - b)),
            () =>
            {
                _b.AssertEq(flag, Expr.Imm(Felt.One));
                RangeCheck(Temp(Temp(b - a) + (-Felt.One)));
            });
        return flag;
    }

    /// <summary>A local that is 1 when <paramref name="v"/> ≠ 0 and 0 otherwise (Cairo's <c>v != 0</c> as a bool).</summary>
    public Cell IsNonZero(Cell v)
    {
        var r = Local();
        Fork(v, () => _b.AssertEq(r, Expr.Imm(Felt.Zero)), () => _b.AssertEq(r, Expr.Imm(Felt.One)));
        return r;
    }

    /// <summary>A local that is 1 when <c>a = b</c> and 0 otherwise.</summary>
    public Cell IsEqual(Cell a, Expr b)
    {
        var d = b.Kind == ExprKind.Immediate ? Let(a + (-b.Immediate)) : Let(a - AsCell(b));
        var r = Local();
        Fork(d, () => _b.AssertEq(r, Expr.Imm(Felt.One)), () => _b.AssertEq(r, Expr.Imm(Felt.Zero)));
        return r;
    }

    // ----- u256 ------------------------------------------------------------------------------------

    /// <summary>a + b; on overflow panics with <paramref name="overflowError"/> (corelib: 'u256_add Overflow').</summary>
    public U256 AddU256(U256 a, U256 b, string overflowError = "u256_add Overflow")
    {
        var lo = Let(a.Low + b.Low);
        var carry = Local();
        _b.Hint("{\"TestLessThanOrEqual\": {\"lhs\": " + CasmBuilder.ImmediateJson(Felt.FromBigInteger(U128Bound)) + ", \"rhs\": " + Res(lo)
            + ", \"dst\": " + _b.CellRefJson(carry) + "}}");
        var low = Local();
        Fork(carry,
            () =>
            {
                _b.AssertEq(low, lo);
                RangeCheck(low);
            },
            () =>
            {
                _b.AssertEq(carry, Expr.Imm(Felt.One));
                _b.AssertEq(low, lo + (-Felt.FromBigInteger(U128Bound)));
                RangeCheck(low);
            });
        var high = Let(Temp(a.High + b.High) + carry);
        CheckLess(high, U128Bound, () => Panic(overflowError));
        return new U256(low, high);
    }

    /// <summary>a − b; when b &gt; a panics with <paramref name="underflowError"/> (corelib: 'u256_sub Overflow').</summary>
    public U256 SubU256(U256 a, U256 b, string underflowError = "u256_sub Overflow")
    {
        var borrow = HintLess(a.Low, b.Low);
        var lo = Let(a.Low - b.Low);
        var low = Local();
        Fork(borrow,
            () =>
            {
                _b.AssertEq(low, lo);
                RangeCheck(low);
            },
            () =>
            {
                _b.AssertEq(borrow, Expr.Imm(Felt.One));
                _b.AssertEq(low, lo + Felt.FromBigInteger(U128Bound));
                RangeCheck(low);
            });
        var high = Let(Temp(a.High - b.High) - borrow);
        // high ∈ [−2^128, 2^128): non-negative iff it is below 2^128 as a felt.
        var negative = Local();
        _b.Hint("{\"TestLessThanOrEqual\": {\"lhs\": " + CasmBuilder.ImmediateJson(Felt.FromBigInteger(U128Bound)) + ", \"rhs\": " + Res(high)
            + ", \"dst\": " + _b.CellRefJson(negative) + "}}");
        Cold(negative, () =>
        {
            RangeCheck(Temp(high + Felt.FromBigInteger(U128Bound)));
            Panic(underflowError);
        });
        RangeCheck(high);
        return new U256(low, high);
    }

    // ----- control flow ----------------------------------------------------------------------------

    /// <summary>
    /// <c>if cond != 0 { whenNonZero } else { whenZero }</c>, then continues after both. The gas,
    /// syscall and builtin pointers are materialised into shared locals at the end of each branch
    /// (a branch that panics or returns does not join). Locals made in a branch are valid after the
    /// join only if both branches assign them (see <see cref="Local"/>).
    /// </summary>
    public void If(Cell cond, Action whenNonZero, Action? whenZero = null)
    {
        var start = _state;
        var gas = Local();
        var sys = Local();
        var ptrs = new Cell[start.Builtins.Length];
        for (int i = 0; i < ptrs.Length; i++) ptrs[i] = Local();
        var nonZero = _b.NewLabel();
        var end = _b.NewLabel();
        _b.JumpIfNotZero(cond, nonZero);
        whenZero?.Invoke();
        bool joined = false;
        if (_b.IsReachable)
        {
            Materialize(gas, sys, ptrs);
            _b.Jump(end);
            joined = true;
        }
        _b.Bind(nonZero);
        _state = start;
        whenNonZero();
        if (_b.IsReachable)
        {
            Materialize(gas, sys, ptrs);
            joined = true;
        }
        if (!joined) return;
        _b.Bind(end);
        _state = new State(gas, new Ptr(sys, 0), ptrs.Select(p => new Ptr(p, 0)).ToArray());
    }

    private void Materialize(Cell gas, Cell sys, Cell[] ptrs)
    {
        _b.AssertEq(gas, _state.Gas);
        _b.AssertEq(sys, _state.Syscall.Value);
        for (int i = 0; i < ptrs.Length; i++) _b.AssertEq(ptrs[i], _state.Builtins[i].Value);
    }

    /// <summary>
    /// <c>if cond == 0 { whenZero } else { whenNonZero }</c> for branches that use the same builtin
    /// cells and syscalls (checked at build time), so that no state has to be materialised at the join.
    /// </summary>
    public void Fork(Cell cond, Action whenZero, Action whenNonZero)
    {
        var start = _state;
        var nonZero = _b.NewLabel();
        var end = _b.NewLabel();
        _b.JumpIfNotZero(cond, nonZero);
        whenZero();
        var first = _state;
        bool firstJoins = _b.IsReachable;
        if (firstJoins) _b.Jump(end);
        _b.Bind(nonZero);
        _state = start;
        whenNonZero();
        bool secondJoins = _b.IsReachable;
        if (firstJoins && secondJoins && !SameState(first, _state))
        {
            throw new CasmBuilderException($"{Name}: the branches of a Fork use different builtin cells or syscalls: use If");
        }
        if (firstJoins && !secondJoins) _state = first;
        if (firstJoins || secondJoins) _b.Bind(end);
    }

    private static bool SameState(State a, State b) =>
        a.Gas == b.Gas && a.Syscall == b.Syscall && a.Builtins.SequenceEqual(b.Builtins);

    /// <summary>Jumps to <paramref name="body"/> (emitted at the end of the entry point, with the state of here) when <paramref name="cond"/> ≠ 0; the body must panic or return.</summary>
    public void Cold(Cell cond, Action body)
    {
        var label = _b.NewLabel();
        _b.JumpIfNotZero(cond, label);
        _cold.Add((label, _state, body));
    }

    /// <summary>Panics with <paramref name="message"/> (a short string) when <paramref name="cond"/> = 0 (Cairo's <c>assert(cond != 0, message)</c>).</summary>
    public void AssertNonZero(Cell cond, string message)
    {
        var ok = _b.NewLabel();
        _b.JumpIfNotZero(cond, ok);
        Panic(message);
        _b.Bind(ok);
    }

    /// <summary>Panics with <paramref name="message"/> when <paramref name="cond"/> ≠ 0.</summary>
    public void PanicIf(Cell cond, string message) => Cold(cond, () => Panic(message));

    // ----- calldata --------------------------------------------------------------------------------

    /// <summary>Reads a felt252 parameter (#<paramref name="param"/>, 1-based, for the error message).</summary>
    public Cell ReadFelt(int param)
    {
        Require(param, 1);
        var v = Let(_cursor.At(0));
        _cursor = _cursor.Add(1);
        return v;
    }

    /// <summary>Reads a ContractAddress (or ClassHash) parameter: a felt below 2^251.</summary>
    public Cell ReadAddress(int param)
    {
        var v = ReadFelt(param);
        CheckLess(v, ContractAddressBound, () => FailParam(param));
        return v;
    }

    /// <summary>Reads an unsigned integer parameter of <paramref name="bits"/> bits (8, 16, 32, 64, 128).</summary>
    public Cell ReadUInt(int param, int bits)
    {
        if (bits is < 1 or > 128) throw new ArgumentOutOfRangeException(nameof(bits));
        var v = ReadFelt(param);
        CheckLess(v, BigInteger.One << bits, () => FailParam(param));
        return v;
    }

    /// <summary>Reads a u128 parameter.</summary>
    public Cell ReadU128(int param) => ReadUInt(param, 128);

    /// <summary>Reads a u256 parameter (low, high).</summary>
    public U256 ReadU256(int param)
    {
        Require(param, 2);
        var low = Let(_cursor.At(0));
        var high = Let(_cursor.At(1));
        _cursor = _cursor.Add(2);
        CheckLess(low, U128Bound, () => FailParam(param));
        CheckLess(high, U128Bound, () => FailParam(param));
        return new U256(low, high);
    }

    /// <summary>Reads a bool parameter (Cairo: any non-zero felt is true); the result is 0 or 1.</summary>
    public Cell ReadBool(int param) => IsNonZero(ReadFelt(param));

    /// <summary>Reads an <c>Array&lt;felt252&gt;</c>/<c>Span&lt;felt252&gt;</c> parameter (length, then the items); returns the items in place.</summary>
    public FeltSpan ReadFeltArray(int param)
    {
        Require(param, 1);
        var n = Let(_cursor.At(0));
        var start = Let(_cursor.Add(1).Value);
        _cursor = _cursor.Add(1);
        var remaining = Remaining();
        var tooLong = HintLess(remaining, n);
        Cold(tooLong, () =>
        {
            // n > remaining: either n − remaining − 1 is a u128, or n ≥ 2^128.
            var small = HintLess(n, Felt.FromBigInteger(U128Bound));
            var start = _state;
            var isSmall = _b.NewLabel();
            _b.JumpIfNotZero(small, isSmall);
            ProveAtLeast(n, U128Bound);
            FailParam(param);
            _b.Bind(isSmall);
            _state = start;
            RangeCheck(Temp(Temp(n - remaining) + (-Felt.One)));
            FailParam(param);
        });
        RangeCheck(n);
        RangeCheck(Temp(remaining - n));
        var end = Let(start + n);
        _cursor = new Ptr(end, 0);
        _remainingBase = Let(_calldataEnd - end);
        return new FeltSpan(start, end);
    }

    /// <summary>
    /// Reads a <c>ByteArray</c> parameter of at most 30 bytes (<c>data</c> empty): returns its pending
    /// word and length. A longer one panics with 'ByteArray longer than 30 bytes' (not supported).
    /// </summary>
    public (Cell Word, Cell Length) ReadShortByteArray(int param)
    {
        var dataLength = ReadFelt(param);
        PanicIf(dataLength, "ByteArray longer than 30 bytes");
        var word = ReadFelt(param);
        var length = ReadUInt(param, 32);
        return (word, length);
    }

    /// <summary>Panics with 'Input too long for arguments' unless the calldata was read to its end.</summary>
    public void EndCalldata()
    {
        var rest = Remaining();
        PanicIf(rest, "Input too long for arguments");
        _calldataDone = true;
    }

    /// <summary>Panics with 'Failed to deserialize param #N'.</summary>
    public void FailParam(int param) => Panic($"Failed to deserialize param #{param.ToString(CultureInfo.InvariantCulture)}");

    private Cell Remaining() => _cursor.Offset == 0 ? _remainingBase : Let(_remainingBase + (-(Felt)_cursor.Offset));

    /// <summary>At least <paramref name="size"/> calldata felts remain, or param #<paramref name="param"/> fails.</summary>
    private void Require(int param, int size)
    {
        var remaining = Remaining();
        var shortFlag = HintLess(remaining, size);
        Cold(shortFlag, () =>
        {
            RangeCheck(ConstMinus(size - 1, remaining));
            FailParam(param);
        });
        RangeCheck(Temp(remaining + (-(Felt)size)));
    }

    // ----- storage ---------------------------------------------------------------------------------

    /// <summary>The address of <c>map[key0][key1]…</c> of a storage variable at <paramref name="baseAddress"/>:
    /// <c>pedersen(…pedersen(base, key0)…, keyN)</c> reduced modulo 2^251 − 256 (needs pedersen and range_check).</summary>
    public Cell MapAddress(Felt baseAddress, params Expr[] keys)
    {
        if (keys.Length == 0) throw new ArgumentException("a map address needs at least one key", nameof(keys));
        Expr h = baseAddress;
        foreach (var k in keys) h = Pedersen(h, k);
        return ReduceAddress(AsCell(h));
    }

    /// <summary><c>h mod (2^251 − 256)</c> in a new local (Cairo's <c>storage_base_address_from_felt252</c>), proven.</summary>
    public Cell ReduceAddress(Cell h)
    {
        var r = Local();
        var below = HintLess(h, Felt.FromBigInteger(AddressBound));
        Fork(below,
            () =>
            {
                _b.AssertEq(r, h + (-Felt.FromBigInteger(AddressBound)));
                ProveLess(r, Felt.Modulus - AddressBound); // r < P − B ⇒ h ≥ B
            },
            () =>
            {
                _b.AssertEq(r, h);
                ProveLess(h, AddressBound);
            });
        return r;
    }

    /// <summary>storage_read(0, key).</summary>
    public Cell StorageRead(Expr key) => Let(Syscall("StorageRead", [Expr.Imm(Felt.Zero), key], 1).At(0));

    /// <summary>storage_write(0, key, value).</summary>
    public void StorageWrite(Expr key, Expr value) => Syscall("StorageWrite", [Expr.Imm(Felt.Zero), key, value], 0);

    /// <summary>Reads a u256 stored at <c>address</c> (low) and <c>address + 1</c> (high); both limbs are range-checked.</summary>
    public U256 StorageReadU256(Cell address)
    {
        var low = StorageRead(address);
        var high = StorageRead(address + Felt.One);
        RangeCheck(low);
        RangeCheck(high);
        return new U256(low, high);
    }

    /// <summary>Writes a u256 at <c>address</c> (low) and <c>address + 1</c> (high).</summary>
    public void StorageWriteU256(Cell address, U256 value)
    {
        StorageWrite(address, value.Low);
        StorageWrite(Temp(address + Felt.One), value.High);
    }

    // ----- syscalls --------------------------------------------------------------------------------

    /// <summary>
    /// Emits a syscall (cairo-vm.md §8): writes <c>[selector, gas, request…]</c> at the syscall pointer,
    /// runs the SystemCall hint, takes the remaining gas, and on failure panics out of line with the
    /// revert reason (like <c>unwrap_syscall</c>). Returns the pointer to the success response fields.
    /// </summary>
    public Ptr Syscall(string selector, IReadOnlyList<Expr> request, int responseSize)
    {
        var sys = _state.Syscall;
        var sel = Temp(Felt.FromShortString(selector));
        _b.AssertEq(sel, sys.At(0));
        _b.AssertEq(_state.Gas, sys.At(1));
        for (int i = 0; i < request.Count; i++) _b.AssertEq(AsCell(request[i]), sys.At(2 + i));
        int k = 2 + request.Count;
        _b.Hint("{\"SystemCall\": {\"system\": " + Res(sys.Value) + "}}");
        var gas = Let(sys.At(k));
        var failed = Temp(sys.At(k + 1));
        var failLabel = _b.NewLabel();
        _b.JumpIfNotZero(failed, failLabel);
        _cold.Add((failLabel, _state with { Gas = gas, Syscall = sys.Add(k + 4) }, () =>
        {
            var start = Temp(sys.At(k + 2));
            var end = Temp(sys.At(k + 3));
            ReturnRaw(Felt.One, start, end);
        }));
        _state = _state with { Gas = gas, Syscall = sys.Add(k + 2 + responseSize) };
        return sys.Add(k + 2);
    }

    /// <summary>get_execution_info: a local pointing at <c>ExecutionInfo { block_info*, tx_info*, caller, contract, selector }</c>.</summary>
    public Cell GetExecutionInfo() => Let(Syscall("GetExecutionInfo", [], 1).At(0));

    /// <summary>The caller address (get_execution_info().caller_address).</summary>
    public Cell CallerAddress() => Let(GetExecutionInfo().Deref(2));

    /// <summary>The address of this contract (get_execution_info().contract_address).</summary>
    public Cell ContractAddress() => Let(GetExecutionInfo().Deref(3));

    /// <summary>emit_event with the given keys and data (written to a new segment).</summary>
    public void EmitEvent(IReadOnlyList<Expr> keys, IReadOnlyList<Expr> data)
    {
        var arr = NewArray();
        for (int i = 0; i < keys.Count; i++) _b.AssertEq(AsCell(keys[i]), arr.Deref(i));
        for (int i = 0; i < data.Count; i++) _b.AssertEq(AsCell(data[i]), arr.Deref(keys.Count + i));
        var mid = Let(arr + (Felt)keys.Count);
        EmitEvent(new FeltSpan(arr, mid), new FeltSpan(mid, Let(arr + (Felt)(keys.Count + data.Count))));
    }

    /// <summary>emit_event with keys and data already in memory.</summary>
    public void EmitEvent(FeltSpan keys, FeltSpan data) => Syscall("EmitEvent", [keys.Start, keys.End, data.Start, data.End], 0);

    /// <summary>call_contract; returns the callee's retdata (a failed call panics with its revert reason).</summary>
    public FeltSpan CallContract(Expr address, Expr selector, FeltSpan calldata)
    {
        var r = Syscall("CallContract", [address, selector, calldata.Start, calldata.End], 2);
        return new FeltSpan(Let(r.At(0)), Let(r.At(1)));
    }

    /// <summary>library_call; returns the retdata.</summary>
    public FeltSpan LibraryCall(Expr classHash, Expr selector, FeltSpan calldata)
    {
        var r = Syscall("LibraryCall", [classHash, selector, calldata.Start, calldata.End], 2);
        return new FeltSpan(Let(r.At(0)), Let(r.At(1)));
    }

    /// <summary>deploy; returns the new address and the constructor's retdata.</summary>
    public (Cell Address, FeltSpan ConstructorRetdata) Deploy(Expr classHash, Expr salt, FeltSpan calldata, Expr deployFromZero)
    {
        var r = Syscall("Deploy", [classHash, salt, calldata.Start, calldata.End, deployFromZero], 3);
        return (Let(r.At(0)), new FeltSpan(Let(r.At(1)), Let(r.At(2))));
    }

    // ----- arrays, panics, returns -----------------------------------------------------------------

    /// <summary>A new memory segment (AllocSegment hint) in a local: an empty array to write with <c>Builder.AssertEq(value, arr.Deref(i))</c>.</summary>
    public Cell NewArray()
    {
        var arr = Local();
        _b.Hint("{\"AllocSegment\": {\"dst\": " + _b.CellRefJson(arr) + "}}");
        _b.ApAdd(0);
        return arr;
    }

    /// <summary>Copies <paramref name="source"/> to <c>[dst, dst + len)</c> with a loop (nothing when empty).</summary>
    public void CopyTo(FeltSpan source, Expr dst)
    {
        var n = Let(source.End - source.Start);
        var d = Let(dst);
        var done = _b.NewLabel();
        var loop = _b.NewLabel();
        _b.JumpIfNotZero(n, loop);
        _b.Jump(done);
        _b.Bind(loop);
        // Loop state: [ap-3] = src, [ap-2] = dst, [ap-1] = count; entered through a trampoline.
        var enter = _b.NewLabel();
        _b.AllocVar(source.Start);
        _b.AllocVar(d);
        _b.AllocVar(n);
        _b.Bind(enter, resetApTracking: true);
        var s = _b.Ap(-3);
        var t = _b.Ap(-2);
        var c = _b.Ap(-1);
        var v = _b.AllocVar(s.Deref(0));
        _b.AssertEq(v, t.Deref(0));
        _b.AllocVar(s + Felt.One);
        _b.AllocVar(t + Felt.One);
        var c2 = _b.AllocVar(c - Felt.One);
        _b.JumpIfNotZero(c2, enter);
        _b.Bind(done);
    }

    /// <summary>Panics with the short strings <paramref name="data"/> (Cairo's <c>panic_with_felt252</c> for one).</summary>
    public void Panic(params string[] data) => Panic(data.Select(s => Felt.FromShortString(s)).ToArray());

    /// <summary>Panics with the felts <paramref name="data"/>.</summary>
    public void Panic(params Felt[] data)
    {
        var arr = NewArray();
        for (int i = 0; i < data.Length; i++) _b.AssertEq(Temp(data[i]), arr.Deref(i));
        ReturnRaw(Felt.One, arr, arr + (Felt)data.Length);
    }

    /// <summary>Returns successfully with <paramref name="values"/> as retdata.</summary>
    public void Return(params Expr[] values)
    {
        if (!_calldataDone) throw new CasmBuilderException($"{Name}: call EndCalldata() before returning");
        var arr = NewArray();
        for (int i = 0; i < values.Length; i++) _b.AssertEq(AsCell(values[i]), arr.Deref(i));
        ReturnRaw(Felt.Zero, arr, values.Length == 0 ? arr : arr + (Felt)values.Length);
    }

    /// <summary>Returns successfully with the retdata span <paramref name="retdata"/>.</summary>
    public void Return(FeltSpan retdata)
    {
        if (!_calldataDone) throw new CasmBuilderException($"{Name}: call EndCalldata() before returning");
        ReturnRaw(Felt.Zero, retdata.Start, retdata.End);
    }

    /// <summary>Pushes <c>[builtins…, gas, syscall_ptr, flag, start, end]</c> and returns.</summary>
    private void ReturnRaw(Felt flag, Expr start, Expr end)
    {
        foreach (var p in _state.Builtins) _b.AllocVar(p.Value);
        _b.AllocVar(_state.Gas);
        _b.AllocVar(_state.Syscall.Value);
        _b.AllocVar(flag);
        _b.AllocVar(start);
        _b.AllocVar(end);
        _b.Ret();
    }

    internal void Finish()
    {
        if (_b.IsReachable) throw new CasmBuilderException($"{Name}: the entry point's code falls off its end: finish it with Return or Panic");
        for (int i = 0; i < _cold.Count; i++)
        {
            var (label, state, body) = _cold[i];
            _b.Bind(label);
            _state = state;
            body();
            if (_b.IsReachable) throw new CasmBuilderException($"{Name}: an out-of-line block must end with Return or Panic");
        }
    }

    private int BuiltinIndex(string name)
    {
        for (int i = 0; i < _builtins.Count; i++)
        {
            if (_builtins[i] == name) return i;
        }
        throw new CasmBuilderException($"{Name}: builtin '{name}' is not among the entry point's builtins ({string.Join(", ", _builtins)})");
    }

    /// <summary>sn_keccak of a name (a selector or a storage variable's base address).</summary>
    public static Felt Selector(string name) => StarknetKeccak.Selector(name);
}
