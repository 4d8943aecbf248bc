using System.Globalization;
using System.Text;
using Cairn.Cairo.Builtins;
using Cairn.Cairo.Instructions;
using Cairn.Cairo.Programs;
using Cairn.Primitives;

namespace Cairn.Cairo.Builder;

/// <summary>
/// Writes Cairo (CASM) code from C# with typed cells, labels, functions and automatic ap tracking;
/// instructions are encoded with <see cref="InstructionEncoder"/>.
/// <para>
/// ap tracking: the builder counts how far ap moved since the start of the current
/// <em>ap-tracking group</em>. Cells made with <see cref="Ap"/> are remembered relative to that
/// start, so <c>[ap + k]</c> taken before an <c>ap++</c> is written <c>[ap + k - 1]</c> after it.
/// A new group starts (and older ap-based cells are revoked) at a function entry, at a label
/// reached with unequal ap changes, at a label bound with <c>resetApTracking</c> (loop heads), and
/// after a call of a function whose ap change is not known. fp-based cells stay valid in their
/// function.
/// </para>
/// <para>
/// Control flow: after <see cref="Jump(Label, bool)"/> and <see cref="Ret"/> the code is unreachable
/// until a label is bound or a function begins; emitting there is an error. A jump back to a label
/// that was not bound with a fresh ap-tracking group must arrive with the same ap change.
/// </para>
/// </summary>
public sealed class CasmBuilder
{
    private const string GetPcName = "__get_pc__";
    private static int s_nextId;

    private readonly List<Emitted> _code = [];
    private readonly Dictionary<string, Label> _labels = new(StringComparer.Ordinal);
    private readonly List<Label> _labelOrder = [];
    private readonly Dictionary<string, Felt> _constants = new(StringComparer.Ordinal);
    private readonly List<string> _constantOrder = [];
    private readonly List<Function> _functions = [];
    private readonly SortedDictionary<int, List<string>> _hints = [];
    private readonly Dictionary<int, string> _groupReason = [];
    private readonly List<string> _builtins;
    private int _pc;
    private int _group;
    private int _apChange;
    private int _reserved;
    private bool _reachable = true;
    private int _frame;
    private Function? _current;
    private Label? _getPc;
    private int _anonymous;
    private bool _sealed;

    private sealed record Emitted(int Pc, Instruction Ins, Felt? Imm, Label? Target, bool Absolute);

    /// <param name="builtins">The <c>%builtins</c> of the program (a subsequence of the canonical order), passed to <c>main</c> as arguments.</param>
    public CasmBuilder(IEnumerable<string>? builtins = null)
    {
        _builtins = builtins?.ToList() ?? [];
        int next = 0;
        foreach (var b in _builtins)
        {
            int at = -1;
            for (int i = next; i < BuiltinRunner.CanonicalOrder.Count; i++)
            {
                if (BuiltinRunner.CanonicalOrder[i] == b)
                {
                    at = i;
                    break;
                }
            }
            if (at < 0)
            {
                throw new CasmBuilderException(BuiltinRunner.CanonicalOrder.Contains(b)
                    ? $"builtin '{b}' is out of order: builtins must follow {string.Join(", ", BuiltinRunner.CanonicalOrder)}"
                    : $"unknown builtin '{b}'");
            }
            next = at + 1;
        }
        _frame = NextId();
        NewGroup("the program begins");
    }

    /// <summary>The program's builtins.</summary>
    public IReadOnlyList<string> Builtins => _builtins;

    /// <summary>The pc of the next instruction (in the body, before any proof-mode start code).</summary>
    public int Pc => _pc;

    /// <summary>False after a jump or ret, until a label is bound or a function begins.</summary>
    public bool IsReachable => _reachable;

    /// <summary>How far ap moved since the start of the current ap-tracking group.</summary>
    public int ApChange
    {
        get
        {
            RequireReachable("reading the ap change");
            return _apChange;
        }
    }

    /// <summary>The function being written, or null before the first one.</summary>
    public Function? CurrentFunction => _current;

    // ----- cells and constants ---------------------------------------------------------------------

    /// <summary><c>[ap + offset]</c> at the current ap (re-expressed automatically when ap moves).</summary>
    public Cell Ap(int offset = 0)
    {
        RequireReachable("an ap-based cell");
        return new Cell(Register.Ap, _apChange + offset, _group);
    }

    /// <summary><c>[fp + offset]</c> in the current function's frame.</summary>
    public Cell Fp(int offset) => new(Register.Fp, offset, _frame);

    /// <summary>The register and offset a cell has at the current position.</summary>
    public (Register Register, short Offset) Resolve(Cell cell)
    {
        if (cell.Register == Register.Fp)
        {
            if (cell.Scope != _frame) throw new CasmBuilderException($"the fp-based cell {cell} belongs to another function's frame");
            return (Register.Fp, Offset(cell.Offset, cell));
        }
        RequireReachable($"using the cell {cell}");
        if (cell.Scope != _group)
        {
            throw new CasmBuilderException($"the ap-based cell {cell} is no longer valid: ap tracking was lost since it was created ({_groupReason[_group]}); use fp-based cells or take the cell again with Ap(k)");
        }
        return (Register.Ap, Offset(cell.Offset - _apChange, cell));
    }

    /// <summary>Declares a named constant (identifier <c>__main__.NAME</c> of type const) and returns its value.</summary>
    public Felt Const(string name, Felt value)
    {
        RequireOpen();
        CheckNewName(name);
        _constants[name] = value;
        _constantOrder.Add(name);
        return value;
    }

    // ----- labels ----------------------------------------------------------------------------------

    /// <summary>A new, unbound label (a generated name when <paramref name="name"/> is null).</summary>
    public Label NewLabel(string? name = null)
    {
        RequireOpen();
        bool anonymous = name is null;
        name ??= $"__label_{_anonymous++}";
        CheckNewName(name);
        var label = new Label(this, name, anonymous);
        _labels[name] = label;
        _labelOrder.Add(label);
        return label;
    }

    /// <summary>A new label bound here.</summary>
    public Label Mark(string? name = null, bool resetApTracking = false)
    {
        var label = NewLabel(name);
        Bind(label, resetApTracking);
        return label;
    }

    /// <summary>
    /// Binds <paramref name="label"/> at the current pc. The ap state there is the one shared by
    /// the fall-through and the jumps seen so far; when they differ (or with
    /// <paramref name="resetApTracking"/>, as a loop head needs) a new ap-tracking group starts.
    /// </summary>
    public void Bind(Label label, bool resetApTracking = false)
    {
        RequireOpen();
        CheckLabel(label);
        if (label.Pc is not null) throw new CasmBuilderException($"label '{label.Name}' is bound twice");
        var states = new List<(int Group, int ApChange, string Where)>(label.Incoming);
        if (_reachable)
        {
            CheckNoPending($"label '{label.Name}'");
            states.Add((_group, _apChange, "the fall-through"));
        }
        label.Pc = _pc;
        if (resetApTracking || states.Count == 0)
        {
            NewGroup(resetApTracking
                ? $"ap tracking restarted at label '{label.Name}'"
                : $"label '{label.Name}' is reached only by jumps written after it, so ap tracking restarted there");
            label.BoundFresh = true;
        }
        else if (states.All(s => s.Group == states[0].Group && s.ApChange == states[0].ApChange))
        {
            _group = states[0].Group;
            _apChange = states[0].ApChange;
            _reserved = _apChange;
        }
        else
        {
            NewGroup($"ap tracking was lost at label '{label.Name}', reached with different ap changes: "
                + string.Join(", ", states.Select(s => $"{s.ApChange} (group {s.Group}) from {s.Where}")));
            label.BoundFresh = true;
        }
        label.BoundState = (_group, _apChange);
        _reachable = true;
    }

    // ----- hints -----------------------------------------------------------------------------------

    /// <summary>
    /// Attaches a Cairo 1 hint, in the CASM class JSON encoding (cairo-vm.md §6.3, e.g.
    /// <c>{"TestLessThan": {"lhs": …, "rhs": …, "dst": …}}</c>), to the next instruction. Cells in it
    /// are written with <see cref="CellRefJson"/> and <see cref="DerefJson"/> at the point of the call,
    /// so they see the ap of that instruction. Hints reach <see cref="CasmBuildResult.Hints"/>.
    /// </summary>
    public void Hint(string json)
    {
        RequireOpen();
        RequireReachable("a hint");
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object) throw new CasmBuilderException("a hint must be a JSON object {\"Name\": {…}}");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new CasmBuilderException($"malformed hint JSON: {e.Message}");
        }
        if (!_hints.TryGetValue(_pc, out var list)) _hints[_pc] = list = [];
        list.Add(json);
    }

    /// <summary>The CASM hint encoding of a cell: <c>{"register": "AP", "offset": k}</c>.</summary>
    public string CellRefJson(Cell cell)
    {
        var (r, o) = Resolve(cell);
        return "{\"register\": \"" + (r == Register.Ap ? "AP" : "FP") + "\", \"offset\": " + o.ToString(CultureInfo.InvariantCulture) + "}";
    }

    /// <summary>The CASM hint operand that reads a cell: <c>{"Deref": CellRef}</c>.</summary>
    public string DerefJson(Cell cell) => "{\"Deref\": " + CellRefJson(cell) + "}";

    /// <summary>The CASM hint operand of a constant: <c>{"Immediate": "0x…"}</c>.</summary>
    public static string ImmediateJson(Felt value) => "{\"Immediate\": \"" + value.ToHexString() + "\"}";

    // ----- assertions and allocation ---------------------------------------------------------------

    /// <summary><c>dst = value</c> (<c>, ap++</c> when <paramref name="apPlusPlus"/>).</summary>
    public void AssertEq(Cell dst, Expr value, bool apPlusPlus = false)
    {
        RequireOpen();
        RequireReachable("an assertion");
        var (dr, doff) = Resolve(dst);
        var ap = apPlusPlus ? ApUpdate.Add1 : ApUpdate.Regular;
        switch (value.Kind)
        {
            case ExprKind.Cell:
            {
                var (r, o) = Resolve(value.A);
                Emit(Make(Opcode.AssertEq, dr, doff, Register.Fp, -1, Src(r), o, ResLogic.Op1, PcUpdate.Regular, ap), null);
                break;
            }
            case ExprKind.Immediate:
                Emit(Make(Opcode.AssertEq, dr, doff, Register.Fp, -1, Op1Source.Imm, 1, ResLogic.Op1, PcUpdate.Regular, ap), value.Immediate);
                break;
            case ExprKind.BinaryCell:
            {
                var (r0, o0) = Resolve(value.A);
                var (r1, o1) = Resolve(value.B);
                Emit(Make(Opcode.AssertEq, dr, doff, r0, o0, Src(r1), o1, value.Operator, PcUpdate.Regular, ap), null);
                break;
            }
            case ExprKind.BinaryImmediate:
            {
                var (r0, o0) = Resolve(value.A);
                Emit(Make(Opcode.AssertEq, dr, doff, r0, o0, Op1Source.Imm, 1, value.Operator, PcUpdate.Regular, ap), value.Immediate);
                break;
            }
            case ExprKind.Difference or ExprKind.Quotient:
            {
                // dst = a - b  is  a = dst + b;  dst = a / b  is  a = dst * b
                var (ra, oa) = Resolve(value.A);
                var (rb, ob) = Resolve(value.B);
                Emit(Make(Opcode.AssertEq, ra, oa, dr, doff, Src(rb), ob, value.Operator, PcUpdate.Regular, ap), null);
                break;
            }
            default:
            {
                var (r0, o0) = Resolve(value.A);
                Emit(Make(Opcode.AssertEq, dr, doff, r0, o0, Op1Source.Op0, Offset(value.DerefOffset, null), ResLogic.Op1, PcUpdate.Regular, ap), null);
                break;
            }
        }
        if (apPlusPlus) _apChange++;
    }

    /// <summary><c>[ap] = value, ap++</c>; returns the new cell.</summary>
    public Cell AllocVar(Expr value)
    {
        RequireReachable("AllocVar");
        if (_reserved > _apChange) throw new CasmBuilderException($"AllocVar would write a cell reserved by Alloc() ({_reserved - _apChange} reserved cell(s) above ap): advance ap (ApAdd) first");
        var cell = Ap();
        AssertEq(cell, value, apPlusPlus: true);
        return cell;
    }

    /// <summary>
    /// Reserves the next free cell at or above ap without an instruction (assign it with
    /// <see cref="AssertEq"/>); ap must pass it (<see cref="ApAdd"/> or <c>ap++</c>) before the next jump, call, label or ret.
    /// </summary>
    public Cell Alloc()
    {
        RequireOpen();
        RequireReachable("Alloc");
        int at = Math.Max(_reserved, _apChange);
        _reserved = at + 1;
        return new Cell(Register.Ap, at, _group);
    }

    /// <summary><c>ap += n</c>.</summary>
    public void ApAdd(int n)
    {
        RequireOpen();
        RequireReachable("ap +=");
        Emit(Make(Opcode.Nop, Register.Fp, -1, Register.Fp, -1, Op1Source.Imm, 1, ResLogic.Op1, PcUpdate.Regular, ApUpdate.Add), n);
        _apChange += n;
    }

    /// <summary>Allocates <paramref name="count"/> fp-based locals with <c>ap += count</c> (only in the function's own ap-tracking group, e.g. at its start).</summary>
    public IReadOnlyList<Cell> AllocLocals(int count)
    {
        RequireReachable("AllocLocals");
        if (_current is null || _group != _current.EntryGroup)
        {
            throw new CasmBuilderException("locals are fp-based: allocate them where the ap change since the function's entry is known (e.g. at its start)");
        }
        CheckNoPending("AllocLocals");
        var cells = new Cell[count];
        for (int i = 0; i < count; i++) cells[i] = new Cell(Register.Fp, _apChange + i, _frame);
        ApAdd(count);
        return cells;
    }

    // ----- control flow ----------------------------------------------------------------------------

    /// <summary><c>jmp rel LABEL</c> (<c>, ap++</c>).</summary>
    public void Jump(Label target, bool apPlusPlus = false)
    {
        RequireOpen();
        CheckLabel(target);
        RequireReachable("jmp");
        CheckNoPending("jmp");
        int pc = _pc;
        Emit(Make(Opcode.Nop, Register.Fp, -1, Register.Fp, -1, Op1Source.Imm, 1, ResLogic.Op1, PcUpdate.JumpRel, apPlusPlus ? ApUpdate.Add1 : ApUpdate.Regular), null, target);
        if (apPlusPlus) _apChange++;
        Arrive(target, $"the jmp at pc {pc}");
        _reachable = false;
    }

    /// <summary>
    /// <c>jmp abs LABEL</c>: the immediate is the label's offset in the program. The VM jumps to it
    /// only when the program segment starts at address 0, so programs use relative jumps;
    /// this form exists for completeness (to jump anywhere at run time use <see cref="LabelAddress"/> and <see cref="Jump(Cell, bool, bool)"/>).
    /// </summary>
    public void JumpAbs(Label target)
    {
        RequireOpen();
        CheckLabel(target);
        RequireReachable("jmp abs");
        CheckNoPending("jmp abs");
        int pc = _pc;
        Emit(Make(Opcode.Nop, Register.Fp, -1, Register.Fp, -1, Op1Source.Imm, 1, ResLogic.Op1, PcUpdate.Jump, ApUpdate.Regular), null, target, absolute: true);
        Arrive(target, $"the jmp abs at pc {pc}");
        _reachable = false;
    }

    /// <summary><c>jmp abs [cell]</c> or <c>jmp rel [cell]</c>: a computed target (ap tracking does not follow it).</summary>
    public void Jump(Cell target, bool relative, bool apPlusPlus = false)
    {
        RequireOpen();
        RequireReachable("jmp");
        CheckNoPending("jmp");
        var (r, o) = Resolve(target);
        Emit(Make(Opcode.Nop, Register.Fp, -1, Register.Fp, -1, Src(r), o, ResLogic.Op1, relative ? PcUpdate.JumpRel : PcUpdate.Jump, apPlusPlus ? ApUpdate.Add1 : ApUpdate.Regular), null);
        _reachable = false;
    }

    /// <summary><c>jmp rel LABEL if condition != 0</c> (<c>, ap++</c>); falls through when the condition is zero.</summary>
    public void JumpIfNotZero(Cell condition, Label target, bool apPlusPlus = false)
    {
        RequireOpen();
        CheckLabel(target);
        RequireReachable("jmp if");
        CheckNoPending("jmp if");
        var (r, o) = Resolve(condition);
        int pc = _pc;
        Emit(Make(Opcode.Nop, r, o, Register.Fp, -1, Op1Source.Imm, 1, ResLogic.Op1, PcUpdate.Jnz, apPlusPlus ? ApUpdate.Add1 : ApUpdate.Regular), null, target);
        if (apPlusPlus) _apChange++;
        Arrive(target, $"the jnz at pc {pc}");
    }

    // ----- functions -------------------------------------------------------------------------------

    /// <summary>Declares a function to be written later (so that it can be called before its code).</summary>
    public Function DeclareFunction(string name, int argCount = 0, int returnCount = 0)
    {
        if (argCount < 0 || returnCount < 0) throw new CasmBuilderException("argument and return counts must not be negative");
        var label = NewLabel(name);
        label.IsFunction = true;
        var f = new Function(label, argCount, returnCount, NextId());
        _functions.Add(f);
        return f;
    }

    /// <summary>Declares and begins a function here.</summary>
    public Function BeginFunction(string name, int argCount = 0, int returnCount = 0)
    {
        CheckNoFallThrough(name);
        var f = DeclareFunction(name, argCount, returnCount);
        BeginFunction(f);
        return f;
    }

    /// <summary>
    /// Begins a declared function here: binds its entry, starts its frame and a new ap-tracking
    /// group, and completes the previous function (fixing its ap change). The code before must
    /// not fall through into it.
    /// </summary>
    public void BeginFunction(Function function)
    {
        RequireOpen();
        CheckLabel(function.Entry);
        if (function.Entry.Pc is not null) throw new CasmBuilderException($"function '{function.Name}' is begun twice");
        CheckNoFallThrough(function.Name);
        _current?.Complete();
        _current = function;
        _frame = function.Frame;
        NewGroup($"function '{function.Name}' begins");
        function.EntryGroup = _group;
        var entry = function.Entry;
        entry.Pc = _pc;
        entry.BoundFresh = true;
        entry.BoundState = (_group, 0);
        _reachable = true;
    }

    /// <summary>
    /// Pushes <paramref name="args"/> (<c>[ap] = arg, ap++</c> each) and calls <paramref name="function"/>
    /// (<c>call rel</c>). Returns its <see cref="Function.ReturnCount"/> results (<c>[ap - n] … [ap - 1]</c> after the call).
    /// </summary>
    public IReadOnlyList<Cell> Call(Function function, params Expr[] args)
    {
        RequireOpen();
        CheckLabel(function.Entry);
        if (args.Length != function.ArgCount) throw new CasmBuilderException($"function '{function.Name}' takes {function.ArgCount} argument(s), got {args.Length}");
        foreach (var a in args) AllocVar(a);
        EmitCall(function.Entry, function, absolute: false);
        var results = new Cell[function.ReturnCount];
        for (int i = 0; i < results.Length; i++) results[i] = Ap(i - results.Length);
        return results;
    }

    /// <summary><c>call rel LABEL</c> (arguments pushed by the caller).</summary>
    public void Call(Label target)
    {
        RequireOpen();
        CheckLabel(target);
        EmitCall(target, _functions.FirstOrDefault(f => f.Entry == target), absolute: false);
    }

    /// <summary><c>call abs [cell]</c> or <c>call rel [cell]</c>: a computed target; ap tracking restarts after it.</summary>
    public void Call(Cell target, bool relative)
    {
        RequireOpen();
        RequireReachable("call");
        CheckNoPending("call");
        var (r, o) = Resolve(target);
        int pc = _pc;
        Emit(Make(Opcode.Call, Register.Ap, 0, Register.Ap, 1, Src(r), o, ResLogic.Op1, relative ? PcUpdate.JumpRel : PcUpdate.Jump, ApUpdate.Regular), null);
        NewGroup($"after the call through a cell at pc {pc}, whose ap change is unknown");
    }

    /// <summary>
    /// The run-time address (a relocatable pc) of <paramref name="label"/>, in a new cell: calls a
    /// one-instruction function (<c>__get_pc__: ret</c>) to learn the return pc and adds the
    /// label's distance to it. Use it for <c>jmp abs [cell]</c>, <c>call abs [cell]</c> or function pointers.
    /// </summary>
    public Cell LabelAddress(Label label)
    {
        RequireOpen();
        CheckLabel(label);
        if (_getPc is null)
        {
            _getPc = NewLabel(GetPcName);
            _getPc.IsFunction = true;
        }
        RequireReachable("LabelAddress");
        CheckNoPending("LabelAddress");
        Emit(Make(Opcode.Call, Register.Ap, 0, Register.Ap, 1, Op1Source.Imm, 1, ResLogic.Op1, PcUpdate.JumpRel, ApUpdate.Regular), null, _getPc);
        _getPc.Referenced = true;
        _apChange += 2; // __get_pc__ only returns: [ap - 1] is the pc of the next instruction
        Emit(Make(Opcode.AssertEq, Register.Ap, 0, Register.Ap, -1, Op1Source.Imm, 1, ResLogic.Add, PcUpdate.Regular, ApUpdate.Add1), null, label);
        label.Referenced = true;
        _apChange++;
        return new Cell(Register.Ap, _apChange - 1, _group);
    }

    /// <summary><c>ret</c>.</summary>
    public void Ret()
    {
        RequireOpen();
        RequireReachable("ret");
        CheckNoPending("ret");
        Emit(RetInstruction, null);
        _current?.AddReturn(_group == _current.EntryGroup ? _apChange : null);
        _reachable = false;
    }

    // ----- build -----------------------------------------------------------------------------------

    /// <summary>
    /// Patches the labels and returns the words, the <see cref="CairoProgram"/> and the listing.
    /// With <paramref name="proofModeEntry"/> the program starts with the proof-mode entry
    /// (<c>__start__: ap += #builtins; call main; __end__: jmp rel 0</c>), so that it runs in proof mode too.
    /// </summary>
    public CasmBuildResult Build(bool proofModeEntry = false)
    {
        if (_reachable && _code.Count > 0) throw new CasmBuilderException($"the program falls off its end at pc {_pc}: end it with ret or jmp");
        _current?.Complete();
        if (_getPc is { Pc: null } getPc)
        {
            getPc.Pc = _pc;
            _code.Add(new Emitted(_pc, RetInstruction, null, null, false));
            _pc += 1;
        }
        _sealed = true;
        foreach (var label in _labelOrder)
        {
            if (label.Referenced && label.Pc is null) throw new CasmBuilderException($"unknown label '{label.Name}': it is used but never bound");
        }

        var words = new List<Felt>();
        var text = new StringBuilder();
        var labels = new Dictionary<string, int>(StringComparer.Ordinal);
        var identifiers = new Dictionary<string, ProgramIdentifier>(StringComparer.Ordinal);
        if (_builtins.Count > 0) text.Append("%builtins ").AppendJoin(' ', _builtins).Append('\n');
        foreach (var name in _constantOrder) text.Append("const ").Append(name).Append(" = ").Append(FormatFelt(_constants[name])).Append(";\n");

        int shift = 0;
        if (proofModeEntry)
        {
            if (!_labels.TryGetValue("main", out var main) || !main.IsFunction || main.Pc is null) throw new CasmBuilderException("the proof-mode entry calls 'main': begin a function 'main'");
            foreach (var reserved in new[] { "__start__", "__end__" })
            {
                if (_labels.ContainsKey(reserved) || _constants.ContainsKey(reserved)) throw new CasmBuilderException($"'{reserved}' is reserved for the proof-mode entry");
            }
            shift = 6;
            var start = new[]
            {
                (Make(Opcode.Nop, Register.Fp, -1, Register.Fp, -1, Op1Source.Imm, 1, ResLogic.Op1, PcUpdate.Regular, ApUpdate.Add), (Felt)_builtins.Count),
                (Make(Opcode.Call, Register.Ap, 0, Register.Ap, 1, Op1Source.Imm, 1, ResLogic.Op1, PcUpdate.JumpRel, ApUpdate.Regular), (Felt)(main.Pc.Value + shift - 2)),
                (Make(Opcode.Nop, Register.Fp, -1, Register.Fp, -1, Op1Source.Imm, 1, ResLogic.Op1, PcUpdate.JumpRel, ApUpdate.Regular), Felt.Zero),
            };
            labels["__start__"] = 0;
            labels["__end__"] = 4;
            for (int i = 0; i < start.Length; i++)
            {
                if (i == 0) text.Append("__start__:\n");
                if (i == 2) text.Append("__end__:\n");
                var (ins, imm) = start[i];
                words.Add(InstructionEncoder.Encode(ins));
                words.Add(imm);
                text.Append("    ").Append(i == 1 ? "call main" : Format(ins, FormatFelt(imm))).Append('\n');
            }
        }

        var byPc = new Dictionary<int, List<Label>>();
        foreach (var label in _labelOrder)
        {
            if (label.Pc is not { } pc) continue;
            if (!label.Anonymous) labels[label.Name] = pc + shift;
            if (!byPc.TryGetValue(pc, out var list)) byPc[pc] = list = [];
            list.Add(label);
        }

        foreach (var e in _code)
        {
            AppendLabels(text, byPc, e.Pc);
            Felt? imm = e.Imm;
            string? immText = null;
            if (e.Target is { } target)
            {
                int tpc = target.Pc!.Value;
                imm = e.Absolute ? tpc + shift : tpc - e.Pc;
                // Jumps and calls name their label (the assembler resolves it the same way); the
                // label-address addition keeps its number, with the label in a comment.
                if (e.Ins.Opcode != Opcode.AssertEq && !target.Anonymous) immText = target.Name;
            }
            words.Add(InstructionEncoder.Encode(e.Ins));
            if (e.Ins.Size == 2) words.Add(imm ?? throw new InvalidOperationException("immediate missing"));
            string line = Format(e.Ins, immText ?? (imm is { } v ? FormatFelt(v) : null));
            if (immText is not null && !e.Absolute) line = line.Replace("jmp rel ", "jmp ", StringComparison.Ordinal).Replace("call rel ", "call ", StringComparison.Ordinal);
            text.Append("    ").Append(line);
            if (e.Target is { } t && immText is null) text.Append("    // ").Append(t.Name);
            text.Append('\n');
        }
        AppendLabels(text, byPc, _pc);

        foreach (var (name, pc) in labels)
        {
            bool function = name == GetPcName || (_labels.TryGetValue(name, out var l) && l.IsFunction);
            identifiers["__main__." + name] = new ProgramIdentifier("__main__." + name, function ? "function" : "label", pc, null, null);
        }
        foreach (var name in _constantOrder)
        {
            identifiers["__main__." + name] = new ProgramIdentifier("__main__." + name, "const", null, _constants[name], null);
        }
        var program = new CairoProgram(words, _builtins, null, identifiers);
        var hints = new SortedDictionary<int, IReadOnlyList<string>>();
        foreach (var (pc, list) in _hints) hints[pc + shift] = list.ToArray();
        return new CasmBuildResult(words, program, labels, new Dictionary<string, Felt>(_constants, StringComparer.Ordinal), text.ToString(), hints);
    }

    // ----- helpers ---------------------------------------------------------------------------------

    private static readonly Instruction RetInstruction =
        Make(Opcode.Ret, Register.Fp, -2, Register.Fp, -1, Op1Source.Fp, -1, ResLogic.Op1, PcUpdate.Jump, ApUpdate.Regular);

    private static int NextId() => Interlocked.Increment(ref s_nextId);

    private void NewGroup(string reason)
    {
        _group = NextId();
        _apChange = 0;
        _reserved = 0;
        _groupReason[_group] = reason;
    }

    private void EmitCall(Label target, Function? function, bool absolute)
    {
        RequireReachable("call");
        CheckNoPending("call");
        int pc = _pc;
        Emit(Make(Opcode.Call, Register.Ap, 0, Register.Ap, 1, Op1Source.Imm, 1, ResLogic.Op1, absolute ? PcUpdate.Jump : PcUpdate.JumpRel, ApUpdate.Regular), null, target, absolute);
        target.Referenced = true;
        if (function is { IsComplete: true, ApChange: { } change })
        {
            _apChange += 2 + change;
            return;
        }
        string why = function is null ? "it is not a function of this builder"
            : !function.IsComplete ? "its code is not complete yet (a recursive or forward call)"
            : "its returns do not share one known ap change";
        NewGroup($"after the call to '{target.Name}' at pc {pc}, whose ap change is unknown: {why}");
    }

    private void Arrive(Label target, string where)
    {
        target.Referenced = true;
        if (target.Pc is null)
        {
            target.Incoming.Add((_group, _apChange, where));
            return;
        }
        if (!target.BoundFresh && target.BoundState != (_group, _apChange))
        {
            throw new CasmBuilderException(
                $"{where} goes back to label '{target.Name}' with ap change {_apChange} (group {_group}), but the label was bound with ap change {target.BoundState.ApChange} (group {target.BoundState.Group}); bind a loop head with resetApTracking: true");
        }
    }

    private void Emit(Instruction ins, Felt? imm, Label? target = null, bool absolute = false)
    {
        _code.Add(new Emitted(_pc, ins, imm, target, absolute));
        _pc += ins.Size;
    }

    private void CheckNoFallThrough(string name)
    {
        RequireOpen();
        if (_reachable && (_code.Count > 0 || _current is not null))
        {
            throw new CasmBuilderException($"the code before function '{name}' falls through into it: end it with ret or jmp");
        }
    }

    private void RequireOpen()
    {
        if (_sealed) throw new CasmBuilderException("the program was already built: no more code can be added");
    }

    private void RequireReachable(string what)
    {
        if (!_reachable) throw new CasmBuilderException($"unreachable code at pc {_pc} ({what}) after a jmp or ret: bind a label or begin a function first");
    }

    private void CheckNoPending(string what)
    {
        if (_reserved > _apChange) throw new CasmBuilderException($"{_reserved - _apChange} cell(s) reserved with Alloc() are still above ap at {what}: advance ap (ApAdd) first");
    }

    private void CheckLabel(Label label)
    {
        if (!ReferenceEquals(label.Owner, this)) throw new CasmBuilderException($"label '{label.Name}' belongs to another builder");
    }

    private void CheckNewName(string name)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new CasmBuilderException($"invalid name '{name}'");
        }
        if (_labels.ContainsKey(name) || _constants.ContainsKey(name)) throw new CasmBuilderException($"'{name}' is already defined");
    }

    private static short Offset(int value, Cell? cell)
    {
        if (value < short.MinValue || value > short.MaxValue)
        {
            throw new CasmBuilderException($"offset {value}{(cell is { } c ? $" of {c}" : "")} is out of range [-2^15, 2^15)");
        }
        return (short)value;
    }

    private static Op1Source Src(Register r) => r == Register.Ap ? Op1Source.Ap : Op1Source.Fp;

    private static Instruction Make(Opcode opcode, Register dstReg, short dst, Register op0Reg, short op0, Op1Source src, short op1,
        ResLogic res, PcUpdate pcUpdate, ApUpdate ap) =>
        new(dst, op0, op1, dstReg, op0Reg, src,
            pcUpdate == PcUpdate.Jnz ? ResLogic.Unconstrained : res,
            pcUpdate,
            opcode == Opcode.Call ? ApUpdate.Add2 : ap,
            opcode switch { Opcode.Call => FpUpdate.ApPlus2, Opcode.Ret => FpUpdate.Dst, _ => FpUpdate.Regular },
            opcode);

    private static void AppendLabels(StringBuilder text, Dictionary<int, List<Label>> byPc, int pc)
    {
        if (!byPc.TryGetValue(pc, out var list)) return;
        foreach (var l in list) text.Append(l.Name).Append(":\n");
    }

    // ----- listing ---------------------------------------------------------------------------------

    private static string FormatFelt(Felt f)
    {
        var v = f.ToBigInteger();
        return v > Felt.Modulus / 2 ? "-" + (Felt.Modulus - v).ToString(CultureInfo.InvariantCulture) : v.ToString(CultureInfo.InvariantCulture);
    }

    private static string CellText(Register r, short off) => off == 0 ? $"[{Reg(r)}]" : $"[{Reg(r)} + {off}]";

    private static string Reg(Register r) => r == Register.Ap ? "ap" : "fp";

    private static string Op1Text(in Instruction ins, string? imm) => ins.Op1Src switch
    {
        Op1Source.Imm => imm ?? "?",
        Op1Source.Ap => CellText(Register.Ap, ins.OffOp1),
        Op1Source.Fp => CellText(Register.Fp, ins.OffOp1),
        _ => ins.OffOp1 == 0 ? $"[{CellText(ins.Op0Reg, ins.OffOp0)}]" : $"[{CellText(ins.Op0Reg, ins.OffOp0)} + {ins.OffOp1}]",
    };

    /// <summary>The instruction in the syntax <see cref="Assembler.CasmAssembler"/> reads.</summary>
    private static string Format(in Instruction ins, string? imm)
    {
        string app = ins.ApUpdate == ApUpdate.Add1 ? ", ap++" : "";
        switch (ins.Opcode)
        {
            case Opcode.Ret:
                return "ret";
            case Opcode.Call:
                return $"call {(ins.PcUpdate == PcUpdate.Jump ? "abs" : "rel")} {Op1Text(ins, imm)}";
            case Opcode.AssertEq:
            {
                string dst = CellText(ins.DstReg, ins.OffDst);
                string res = ins.Res switch
                {
                    ResLogic.Add => $"{CellText(ins.Op0Reg, ins.OffOp0)} + {Op1Text(ins, imm)}",
                    ResLogic.Mul => $"{CellText(ins.Op0Reg, ins.OffOp0)} * {Op1Text(ins, imm)}",
                    _ => Op1Text(ins, imm),
                };
                return $"{dst} = {res}{app}";
            }
        }
        return ins.PcUpdate switch
        {
            PcUpdate.Jnz => $"jmp rel {Op1Text(ins, imm)} if {CellText(ins.DstReg, ins.OffDst)} != 0{app}",
            PcUpdate.Jump => $"jmp abs {Op1Text(ins, imm)}{app}",
            PcUpdate.JumpRel => $"jmp rel {Op1Text(ins, imm)}{app}",
            _ => $"ap += {Op1Text(ins, imm)}",
        };
    }
}
