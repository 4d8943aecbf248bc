using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Cairn.Cairo.Instructions;
using Cairn.Primitives;

namespace Cairn.Cairo.Assembler;

/// <summary>The result of assembling: the words, builtins, labels (pc) and constants.</summary>
public sealed record AssembledProgram(
    IReadOnlyList<Felt> Data,
    IReadOnlyList<string> Builtins,
    IReadOnlyDictionary<string, int> Labels,
    IReadOnlyDictionary<string, BigInteger> Constants)
{
    /// <summary>
    /// A Cairo 0 compiled-program JSON (cairo-vm.md §6.1): prime, data, builtins, hints (none),
    /// identifiers <c>__main__.NAME</c> (label <c>main</c> as a function, others as labels, consts),
    /// main_scope, and empty reference_manager / attributes / debug_info.
    /// </summary>
    public string ToJson()
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("prime", "0x" + Programs.CairoProgram.PrimeHex);
            w.WriteStartArray("data");
            foreach (var d in Data) w.WriteStringValue(d.ToString());
            w.WriteEndArray();
            w.WriteStartArray("builtins");
            foreach (var b in Builtins) w.WriteStringValue(b);
            w.WriteEndArray();
            w.WriteStartObject("hints");
            w.WriteEndObject();
            w.WriteStartObject("identifiers");
            foreach (var (name, pc) in Labels.OrderBy(l => l.Key, StringComparer.Ordinal))
            {
                w.WriteStartObject("__main__." + name);
                if (name == "main")
                {
                    w.WriteStartArray("decorators");
                    w.WriteEndArray();
                }
                w.WriteNumber("pc", pc);
                w.WriteString("type", name == "main" ? "function" : "label");
                w.WriteEndObject();
            }
            foreach (var (name, value) in Constants.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                w.WriteStartObject("__main__." + name);
                w.WriteString("type", "const");
                w.WritePropertyName("value");
                w.WriteRawValue(value.ToString(CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteString("main_scope", "__main__");
            w.WriteStartObject("reference_manager");
            w.WriteStartArray("references");
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartArray("attributes");
            w.WriteEndArray();
            w.WriteNull("debug_info");
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }
}

/// <summary>
/// Assembles Cairo assembly (one instruction per line, Cairo 0 casm syntax) into program words,
/// encoding each instruction with <see cref="InstructionEncoder"/>. Supported:
/// <c>[d] = imm | [x] | [[x] + o] | [x] + [y] | [x] * [y] | [x] + imm | [x] * imm</c> (with <c>, ap++</c>),
/// <c>jmp rel E</c>, <c>jmp abs E</c>, <c>jmp rel|abs [x]</c>, <c>jmp LABEL</c>, <c>jmp … if [x] != 0</c>, <c>call rel E</c>,
/// <c>call abs E</c>, <c>call rel|abs [x]</c>, <c>call LABEL</c>, <c>ret</c>, <c>ap += E</c>, labels <c>name:</c>,
/// <c>const NAME = E;</c>, <c>%builtins a b …</c> and <c>//</c> comments. Offsets are written
/// <c>[reg + n]</c>, <c>[reg + -n]</c> or <c>[reg - n]</c>; E is an integer, a constant or a label,
/// optionally with a leading minus and <c>+</c>/<c>-</c> terms.
/// </summary>
public static class CasmAssembler
{
    private sealed record Line(int Number, int Pc, string Text);

    public static AssembledProgram Assemble(string source)
    {
        var labels = new Dictionary<string, int>(StringComparer.Ordinal);
        var constText = new List<(int Line, string Name, string Expr)>();
        var builtins = new List<string>();
        var instructions = new List<Line>();
        int pc = 0;
        var lines = source.ReplaceLineEndings("\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            int n = i + 1;
            string text = lines[i];
            int comment = text.IndexOf("//", StringComparison.Ordinal);
            if (comment >= 0) text = text[..comment];
            text = text.Trim();
            if (text.EndsWith(';')) text = text[..^1].TrimEnd();
            if (text.Length == 0) continue;
            if (text.StartsWith("%builtins", StringComparison.Ordinal))
            {
                if (builtins.Count > 0) throw new AssemblerException(n, "%builtins given twice");
                foreach (var b in text["%builtins".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (!IsName(b)) throw new AssemblerException(n, $"invalid builtin name '{b}'");
                    builtins.Add(b);
                }
                continue;
            }
            if (text.StartsWith('%')) throw new AssemblerException(n, $"unknown directive '{text.Split(' ')[0]}'");
            if (text.StartsWith("const ", StringComparison.Ordinal))
            {
                int eq = text.IndexOf('=');
                string name = eq < 0 ? "" : text[6..eq].Trim();
                if (eq < 0 || !IsName(name)) throw new AssemblerException(n, "expected 'const NAME = value;'");
                if (labels.ContainsKey(name) || constText.Any(c => c.Name == name)) throw new AssemblerException(n, $"'{name}' is already defined");
                constText.Add((n, name, text[(eq + 1)..].Trim()));
                continue;
            }
            int colon = text.IndexOf(':');
            if (colon > 0 && IsName(text[..colon].Trim()))
            {
                string name = text[..colon].Trim();
                if (labels.ContainsKey(name) || constText.Any(c => c.Name == name)) throw new AssemblerException(n, $"'{name}' is already defined");
                labels[name] = pc;
                text = text[(colon + 1)..].Trim();
                if (text.Length == 0) continue;
            }
            instructions.Add(new Line(n, pc, text));
            pc += Parse(text, n).Size;
        }

        // Constants may refer to earlier constants and to labels.
        var constants = new Dictionary<string, BigInteger>(StringComparer.Ordinal);
        foreach (var (line, name, expr) in constText)
        {
            if (expr.Length == 0) throw new AssemblerException(line, $"const {name} has no value");
            constants[name] = Evaluate(expr, line, labels, constants, null);
        }

        var data = new List<Felt>();
        foreach (var ins in instructions)
        {
            var parsed = Parse(ins.Text, ins.Number);
            var instruction = parsed.Resolve(ins.Number, ins.Pc, labels, constants, out BigInteger? imm);
            data.Add(InstructionEncoder.Encode(instruction));
            if (imm is { } v) data.Add(Felt.FromBigIntegerReduced(v));
        }
        return new AssembledProgram(data, builtins, labels, constants);
    }

    // ----- parsing -----------------------------------------------------------------------------

    private readonly record struct Cell(Register Reg, string Offset);

    private sealed class Parsed
    {
        public required Func<Func<string, short>, Func<string, BigInteger>, (Instruction Ins, string? Imm)> Build { get; init; }
        public int Size { get; init; }
        public bool ImmRelative { get; init; }

        public Instruction Resolve(int line, int pc, Dictionary<string, int> labels, Dictionary<string, BigInteger> constants, out BigInteger? imm)
        {
            short Off(string e)
            {
                var v = Evaluate(e, line, labels, constants, null);
                if (v < short.MinValue || v > short.MaxValue) throw new AssemblerException(line, $"offset {v} is out of range [-2^15, 2^15)");
                return (short)v;
            }
            BigInteger Val(string e) => Evaluate(e, line, labels, constants, null);
            var (ins, immText) = Build(Off, Val);
            imm = immText is null ? null : Evaluate(immText, line, labels, constants, ImmRelative ? pc : null);
            return ins;
        }
    }

    private static Instruction Make(Opcode opcode, Register dstReg, short dst, Register op0Reg, short op0, Op1Source src, short op1,
        ResLogic res, PcUpdate pcUpdate, ApUpdate ap) =>
        new(dst, op0, op1, dstReg, op0Reg, src,
            pcUpdate == PcUpdate.Jnz ? ResLogic.Unconstrained : res,
            pcUpdate,
            opcode == Opcode.Call ? ApUpdate.Add2 : ap,
            opcode switch { Opcode.Call => FpUpdate.ApPlus2, Opcode.Ret => FpUpdate.Dst, _ => FpUpdate.Regular },
            opcode);

    private static Parsed Parse(string text, int line)
    {
        var ap = ApUpdate.Regular;
        string body = text;
        int comma = TopLevelComma(text);
        if (comma >= 0)
        {
            string suffix = text[(comma + 1)..].Trim();
            if (Squash(suffix) != "ap++") throw new AssemblerException(line, $"expected 'ap++' after ',', got '{suffix}'");
            ap = ApUpdate.Add1;
            body = text[..comma].Trim();
        }

        string squashed = Squash(body);
        if (squashed == "ret")
        {
            if (ap != ApUpdate.Regular) throw new AssemblerException(line, "ret cannot have ap++");
            return new Parsed { Size = 1, Build = (_, _) => (Make(Opcode.Ret, Register.Fp, -2, Register.Fp, -1, Op1Source.Fp, -1, ResLogic.Op1, PcUpdate.Jump, ApUpdate.Regular), null) };
        }
        if (squashed.StartsWith("ap+=", StringComparison.Ordinal))
        {
            if (ap != ApUpdate.Regular) throw new AssemblerException(line, "'ap += …' cannot have ap++");
            string e = body[(body.IndexOf('=') + 1)..].Trim();
            RequireExpr(e, line);
            return new Parsed { Size = 2, Build = (_, _) => (Make(Opcode.Nop, Register.Fp, -1, Register.Fp, -1, Op1Source.Imm, 1, ResLogic.Op1, PcUpdate.Regular, ApUpdate.Add), e) };
        }
        if (Word(body, "call", out string callRest))
        {
            if (ap != ApUpdate.Regular) throw new AssemblerException(line, "call cannot have ap++");
            bool abs = Word(callRest, "abs", out string target);
            if (!abs && !Word(callRest, "rel", out target))
            {
                target = callRest; // call LABEL
                if (!IsName(Squash(target))) throw new AssemblerException(line, $"expected 'call rel …', 'call abs …' or 'call LABEL', got 'call {callRest}'");
            }
            bool relLabel = !abs;
            if (target.StartsWith('['))
            {
                var cell = ParseCell(target, line);
                return new Parsed
                {
                    Size = 1,
                    Build = (off, _) => (Make(Opcode.Call, Register.Ap, 0, Register.Ap, 1, Src(cell.Reg), off(cell.Offset), ResLogic.Op1, abs ? PcUpdate.Jump : PcUpdate.JumpRel, ApUpdate.Regular), null),
                };
            }
            RequireExpr(target, line);
            return new Parsed
            {
                Size = 2,
                ImmRelative = relLabel,
                Build = (_, _) => (Make(Opcode.Call, Register.Ap, 0, Register.Ap, 1, Op1Source.Imm, 1, ResLogic.Op1, abs ? PcUpdate.Jump : PcUpdate.JumpRel, ApUpdate.Regular), target),
            };
        }
        if (Word(body, "jmp", out string jmpRest))
        {
            string? cond = null;
            int ifAt = FindWord(jmpRest, "if");
            if (ifAt >= 0)
            {
                cond = jmpRest[(ifAt + 2)..].Trim();
                jmpRest = jmpRest[..ifAt].Trim();
            }
            bool abs = Word(jmpRest, "abs", out string target);
            bool rel = !abs && Word(jmpRest, "rel", out target);
            if (!abs && !rel)
            {
                target = jmpRest; // jmp LABEL
                if (!IsName(Squash(target))) throw new AssemblerException(line, $"expected 'jmp rel …', 'jmp abs …' or 'jmp LABEL', got 'jmp {jmpRest}'");
            }
            if (cond is null && target.StartsWith('['))
            {
                var targetCell = ParseCell(target, line);
                return new Parsed
                {
                    Size = 1,
                    Build = (off, _) => (Make(Opcode.Nop, Register.Fp, -1, Register.Fp, -1, Src(targetCell.Reg), off(targetCell.Offset), ResLogic.Op1, abs ? PcUpdate.Jump : PcUpdate.JumpRel, ap), null),
                };
            }
            RequireExpr(target, line);
            if (cond is null)
            {
                return new Parsed
                {
                    Size = 2,
                    ImmRelative = !abs,
                    Build = (_, _) => (Make(Opcode.Nop, Register.Fp, -1, Register.Fp, -1, Op1Source.Imm, 1, ResLogic.Op1, abs ? PcUpdate.Jump : PcUpdate.JumpRel, ap), target),
                };
            }
            if (abs) throw new AssemblerException(line, "a conditional jump must be relative ('jmp rel … if' or 'jmp LABEL if')");
            const string suffix = "!=0";
            string c = Squash(cond);
            if (!c.EndsWith(suffix, StringComparison.Ordinal)) throw new AssemblerException(line, "expected 'if [reg + off] != 0'");
            var cell = ParseCell(cond[..cond.LastIndexOf('!')].Trim(), line);
            return new Parsed
            {
                Size = 2,
                ImmRelative = true,
                Build = (off, _) => (Make(Opcode.Nop, cell.Reg, off(cell.Offset), Register.Fp, -1, Op1Source.Imm, 1, ResLogic.Op1, PcUpdate.Jnz, ap), target),
            };
        }

        int eqAt = TopLevelIndex(body, '=');
        if (eqAt < 0) throw new AssemblerException(line, $"unrecognised instruction '{text}'");
        var dst = ParseCell(body[..eqAt].Trim(), line);
        string rhs = body[(eqAt + 1)..].Trim();
        if (rhs.Length == 0) throw new AssemblerException(line, "missing right-hand side after '='");

        int opAt = TopLevelOperator(rhs, out char op);
        if (opAt >= 0 && rhs.StartsWith('['))
        {
            var left = ParseCell(rhs[..opAt].Trim(), line);
            string right = rhs[(opAt + 1)..].Trim();
            var res = op == '+' ? ResLogic.Add : ResLogic.Mul;
            if (right.StartsWith('['))
            {
                var r = ParseCell(right, line);
                return new Parsed
                {
                    Size = 1,
                    Build = (off, _) => (Make(Opcode.AssertEq, dst.Reg, off(dst.Offset), left.Reg, off(left.Offset), Src(r.Reg), off(r.Offset), res, PcUpdate.Regular, ap), null),
                };
            }
            RequireExpr(right, line);
            return new Parsed
            {
                Size = 2,
                Build = (off, _) => (Make(Opcode.AssertEq, dst.Reg, off(dst.Offset), left.Reg, off(left.Offset), Op1Source.Imm, 1, res, PcUpdate.Regular, ap), right),
            };
        }
        if (rhs.StartsWith("[[", StringComparison.Ordinal) || (rhs.StartsWith('[') && rhs[1..].TrimStart().StartsWith('[')))
        {
            // [[reg + o1] + o2]: op0 = [reg + o1], op1 = [op0 + o2]
            if (!rhs.EndsWith(']')) throw new AssemblerException(line, $"malformed operand '{rhs}'");
            string inner = rhs[1..^1].Trim();
            int close = inner.IndexOf(']');
            if (close < 0) throw new AssemblerException(line, $"malformed operand '{rhs}'");
            var op0 = ParseCell(inner[..(close + 1)], line);
            string rest = Squash(inner[(close + 1)..]);
            string o2 = rest.Length == 0 ? "0" : rest.StartsWith('+') ? rest[1..] : rest.StartsWith('-') ? rest : throw new AssemblerException(line, $"malformed operand '{rhs}'");
            RequireExpr(o2, line);
            return new Parsed
            {
                Size = 1,
                Build = (off, _) => (Make(Opcode.AssertEq, dst.Reg, off(dst.Offset), op0.Reg, off(op0.Offset), Op1Source.Op0, off(o2), ResLogic.Op1, PcUpdate.Regular, ap), null),
            };
        }
        if (rhs.StartsWith('['))
        {
            var src = ParseCell(rhs, line);
            return new Parsed
            {
                Size = 1,
                Build = (off, _) => (Make(Opcode.AssertEq, dst.Reg, off(dst.Offset), Register.Fp, -1, Src(src.Reg), off(src.Offset), ResLogic.Op1, PcUpdate.Regular, ap), null),
            };
        }
        RequireExpr(rhs, line);
        return new Parsed
        {
            Size = 2,
            Build = (off, _) => (Make(Opcode.AssertEq, dst.Reg, off(dst.Offset), Register.Fp, -1, Op1Source.Imm, 1, ResLogic.Op1, PcUpdate.Regular, ap), rhs),
        };
    }

    /// <summary>Parses <c>[ap]</c>, <c>[fp + n]</c>, <c>[ap + -n]</c>, <c>[fp - n]</c>.</summary>
    private static Cell ParseCell(string text, int line)
    {
        string s = Squash(text);
        if (s.Length < 4 || s[0] != '[' || s[^1] != ']') throw new AssemblerException(line, $"expected a memory cell '[ap + off]' or '[fp + off]', got '{text.Trim()}'");
        string inner = s[1..^1];
        Register reg;
        if (inner.StartsWith("ap", StringComparison.Ordinal)) reg = Register.Ap;
        else if (inner.StartsWith("fp", StringComparison.Ordinal)) reg = Register.Fp;
        else throw new AssemblerException(line, $"expected ap or fp in '{text.Trim()}'");
        string rest = inner[2..];
        string offset = rest.Length == 0 ? "0"
            : rest[0] == '+' ? rest[1..]
            : rest[0] == '-' ? rest
            : throw new AssemblerException(line, $"malformed memory cell '{text.Trim()}'");
        RequireExpr(offset, line);
        return new Cell(reg, offset);
    }

    private static void RequireExpr(string e, int line)
    {
        string s = Squash(e);
        if (s.Length == 0) throw new AssemblerException(line, "missing value");
        foreach (char c in s)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '+' or '-' or '.'))
                throw new AssemblerException(line, $"invalid expression '{e.Trim()}'");
        }
    }

    /// <summary>Evaluates sums of integers, constants and labels (a single label is taken relative to <paramref name="relativeTo"/> when set).</summary>
    private static BigInteger Evaluate(string expr, int line, Dictionary<string, int> labels, Dictionary<string, BigInteger> constants, int? relativeTo)
    {
        string s = Squash(expr);
        if (relativeTo is { } at)
        {
            // Relative jumps and calls: a label means "label - pc"; numbers and constants are taken as they are.
            if (labels.TryGetValue(s, out int target)) return target - at;
            if (IsName(s) && !constants.ContainsKey(s)) throw new AssemblerException(line, $"unknown label '{s}'");
        }
        BigInteger total = BigInteger.Zero;
        int i = 0;
        bool first = true;
        while (i < s.Length)
        {
            int sign = 1;
            if (s[i] is '+' or '-')
            {
                while (i < s.Length && s[i] is '+' or '-')
                {
                    if (s[i] == '-') sign = -sign;
                    i++;
                }
            }
            else if (!first) throw new AssemblerException(line, $"invalid expression '{expr.Trim()}'");
            int start = i;
            while (i < s.Length && s[i] is not ('+' or '-')) i++;
            string term = s[start..i];
            if (term.Length == 0) throw new AssemblerException(line, $"invalid expression '{expr.Trim()}'");
            BigInteger v;
            if (term.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                if (!BigInteger.TryParse("0" + term[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out v))
                    throw new AssemblerException(line, $"invalid number '{term}'");
            }
            else if (char.IsAsciiDigit(term[0]))
            {
                if (!BigInteger.TryParse(term, NumberStyles.None, CultureInfo.InvariantCulture, out v))
                    throw new AssemblerException(line, $"invalid number '{term}'");
            }
            else if (constants.TryGetValue(term, out var c)) v = c;
            else if (labels.TryGetValue(term, out int pc)) v = pc;
            else throw new AssemblerException(line, $"unknown identifier '{term}'");
            total += sign * v;
            first = false;
        }
        return total;
    }

    private static Op1Source Src(Register r) => r == Register.Ap ? Op1Source.Ap : Op1Source.Fp;

    private static bool IsName(string s) =>
        s.Length > 0 && (char.IsAsciiLetter(s[0]) || s[0] == '_') && s.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static string Squash(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (char c in s) if (!char.IsWhiteSpace(c)) sb.Append(c);
        return sb.ToString();
    }

    /// <summary>True when <paramref name="text"/> starts with the keyword followed by whitespace (or ends).</summary>
    private static bool Word(string text, string word, out string rest)
    {
        rest = "";
        if (!text.StartsWith(word, StringComparison.Ordinal)) return false;
        if (text.Length > word.Length && !char.IsWhiteSpace(text[word.Length])) return false;
        rest = text[word.Length..].Trim();
        return true;
    }

    private static int FindWord(string text, string word)
    {
        for (int i = 0; i + word.Length <= text.Length; i++)
        {
            if (string.CompareOrdinal(text, i, word, 0, word.Length) != 0) continue;
            bool before = i == 0 || char.IsWhiteSpace(text[i - 1]);
            bool after = i + word.Length == text.Length || char.IsWhiteSpace(text[i + word.Length]) || text[i + word.Length] == '[';
            if (before && after) return i;
        }
        return -1;
    }

    private static int TopLevelComma(string text) => TopLevelIndex(text, ',');

    private static int TopLevelIndex(string text, char ch)
    {
        int depth = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '[') depth++;
            else if (text[i] == ']') depth--;
            else if (depth == 0 && text[i] == ch && !(ch == '=' && i + 1 < text.Length && text[i + 1] == '=')
                     && !(ch == '=' && i > 0 && text[i - 1] is '!' or '+')) return i;
        }
        return -1;
    }

    /// <summary>A top-level binary '+' or '*' between operands (after a closing bracket).</summary>
    private static int TopLevelOperator(string text, out char op)
    {
        int depth = 0;
        op = '\0';
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '[') depth++;
            else if (c == ']') depth--;
            else if (depth == 0 && c is '+' or '*')
            {
                op = c;
                return i;
            }
        }
        return -1;
    }
}
