using System.Globalization;
using System.Numerics;
using Cairn.Cairo.Memory;
using Cairn.Primitives;

namespace Cairn.Cairo.Hints.Cairo0;

/// <summary>
/// A parsed Cairo 0 reference value (cairo-vm.md §6.2), e.g. <c>[cast(fp + (-3), felt*)]</c> or
/// <c>cast([ap + (-1)] + [ap + (-2)], felt)</c>: registers, integer literals, sums, dereferences and
/// casts. Evaluated against the registers (ap already corrected for ap tracking) and memory.
/// </summary>
public abstract class ReferenceExpression
{
    private ReferenceExpression()
    {
    }

    /// <summary>The value of the expression; inner brackets read memory.</summary>
    public abstract MaybeRelocatable Evaluate(VmMemory memory, Relocatable ap, Relocatable fp);

    /// <summary>Whether the expression mentions <c>ap</c> (and so needs ap tracking).</summary>
    public abstract bool UsesAp { get; }

    /// <summary>Parses a reference value; malformed text is a <see cref="FormatException"/>.</summary>
    public static ReferenceExpression Parse(string text)
    {
        var parser = new Parser(text);
        var e = parser.ParseSum();
        parser.SkipSpaces();
        if (!parser.AtEnd) throw new FormatException($"unexpected '{text[parser.Position..]}' in reference '{text}'");
        return e;
    }

    /// <summary><c>ap</c> or <c>fp</c>.</summary>
    public sealed class RegisterExpression(bool isAp) : ReferenceExpression
    {
        public bool IsAp { get; } = isAp;

        public override bool UsesAp => IsAp;

        public override MaybeRelocatable Evaluate(VmMemory memory, Relocatable ap, Relocatable fp) => IsAp ? ap : fp;

        public override string ToString() => IsAp ? "ap" : "fp";
    }

    /// <summary>An integer literal (reduced modulo P).</summary>
    public sealed class ImmediateExpression(Felt value) : ReferenceExpression
    {
        public Felt Value { get; } = value;

        public override bool UsesAp => false;

        public override MaybeRelocatable Evaluate(VmMemory memory, Relocatable ap, Relocatable fp) => Value;

        /// <summary>Signed: felts above P/2 print as negative numbers, as the compiler writes them.</summary>
        public override string ToString()
        {
            var v = Value.ToBigInteger();
            return (v > Felt.Modulus / 2 ? v - Felt.Modulus : v).ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary><c>a + b</c> (or <c>a - b</c> when <see cref="Subtract"/>).</summary>
    public sealed class SumExpression(ReferenceExpression left, ReferenceExpression right, bool subtract) : ReferenceExpression
    {
        public ReferenceExpression Left { get; } = left;

        public ReferenceExpression Right { get; } = right;

        public bool Subtract { get; } = subtract;

        public override bool UsesAp => Left.UsesAp || Right.UsesAp;

        public override MaybeRelocatable Evaluate(VmMemory memory, Relocatable ap, Relocatable fp)
        {
            var a = Left.Evaluate(memory, ap, fp);
            var b = Right.Evaluate(memory, ap, fp);
            return Subtract ? a - b : a + b;
        }

        public override string ToString() => $"{Left} {(Subtract ? '-' : '+')} {Right}";
    }

    /// <summary><c>[inner]</c>: the memory cell at the inner address.</summary>
    public sealed class DerefExpression(ReferenceExpression inner) : ReferenceExpression
    {
        public ReferenceExpression Inner { get; } = inner;

        public override bool UsesAp => Inner.UsesAp;

        public override MaybeRelocatable Evaluate(VmMemory memory, Relocatable ap, Relocatable fp)
        {
            var address = Inner.Evaluate(memory, ap, fp);
            if (!address.IsRelocatable) throw new HintException($"cannot dereference {address} in reference [{Inner}]: not an address");
            return memory.Get(address.Relocatable);
        }

        public override string ToString() => $"[{Inner}]";
    }

    /// <summary><c>cast(inner, T)</c>: the inner value, typed <see cref="CairoType"/>.</summary>
    public sealed class CastExpression(ReferenceExpression inner, string cairoType) : ReferenceExpression
    {
        public ReferenceExpression Inner { get; } = inner;

        public string CairoType { get; } = cairoType;

        public override bool UsesAp => Inner.UsesAp;

        public override MaybeRelocatable Evaluate(VmMemory memory, Relocatable ap, Relocatable fp) => Inner.Evaluate(memory, ap, fp);

        public override string ToString() => $"cast({Inner}, {CairoType})";
    }

    private sealed class Parser(string text)
    {
        public int Position { get; private set; }

        public bool AtEnd => Position >= text.Length;

        public void SkipSpaces()
        {
            while (Position < text.Length && char.IsWhiteSpace(text[Position])) Position++;
        }

        public ReferenceExpression ParseSum()
        {
            var left = ParseTerm();
            while (true)
            {
                SkipSpaces();
                if (AtEnd || (text[Position] != '+' && text[Position] != '-')) return left;
                bool subtract = text[Position] == '-';
                Position++;
                var right = ParseTerm();
                left = subtract && right is ImmediateExpression imm
                    ? new SumExpression(left, new ImmediateExpression(-imm.Value), subtract: false)
                    : new SumExpression(left, right, subtract);
            }
        }

        private ReferenceExpression ParseTerm()
        {
            SkipSpaces();
            if (AtEnd) throw Error("unexpected end");
            char ch = text[Position];
            if (ch == '[')
            {
                Position++;
                var inner = ParseSum();
                Expect(']');
                return new DerefExpression(inner);
            }
            if (ch == '(')
            {
                Position++;
                var inner = ParseSum();
                Expect(')');
                return inner;
            }
            if (ch == '-')
            {
                Position++;
                var t = ParseTerm();
                if (t is ImmediateExpression imm) return new ImmediateExpression(-imm.Value);
                return new SumExpression(new ImmediateExpression(Felt.Zero), t, subtract: true);
            }
            if (char.IsAsciiDigit(ch)) return ParseNumber();
            if (Matches("cast("))
            {
                Position += 5;
                var inner = ParseSum();
                SkipSpaces();
                Expect(',');
                string type = ParseType();
                Expect(')');
                return new CastExpression(inner, type);
            }
            if (MatchesWord("ap"))
            {
                Position += 2;
                return new RegisterExpression(isAp: true);
            }
            if (MatchesWord("fp"))
            {
                Position += 2;
                return new RegisterExpression(isAp: false);
            }
            throw Error("unexpected token");
        }

        private ImmediateExpression ParseNumber()
        {
            int start = Position;
            BigInteger value;
            if (Matches("0x") || Matches("0X"))
            {
                Position += 2;
                int digits = Position;
                while (Position < text.Length && char.IsAsciiHexDigit(text[Position])) Position++;
                value = BigInteger.Parse("0" + text[digits..Position], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            }
            else
            {
                while (Position < text.Length && char.IsAsciiDigit(text[Position])) Position++;
                value = BigInteger.Parse(text[start..Position], NumberStyles.None, CultureInfo.InvariantCulture);
            }
            return new ImmediateExpression(Felt.FromBigIntegerReduced(value));
        }

        /// <summary>A type runs to the ')' closing the cast (types may hold parenthesised tuples).</summary>
        private string ParseType()
        {
            SkipSpaces();
            int start = Position;
            int depth = 0;
            while (Position < text.Length)
            {
                char ch = text[Position];
                if (ch == '(') depth++;
                else if (ch == ')')
                {
                    if (depth == 0) break;
                    depth--;
                }
                Position++;
            }
            string type = text[start..Position].Trim();
            if (type.Length == 0) throw Error("missing type");
            return type;
        }

        private void Expect(char ch)
        {
            SkipSpaces();
            if (AtEnd || text[Position] != ch) throw Error($"expected '{ch}'");
            Position++;
        }

        private bool Matches(string s) => string.CompareOrdinal(text, Position, s, 0, s.Length) == 0;

        private bool MatchesWord(string s) =>
            Matches(s) && (Position + s.Length >= text.Length || !(char.IsAsciiLetterOrDigit(text[Position + s.Length]) || text[Position + s.Length] == '_'));

        private FormatException Error(string what) => new($"{what} at position {Position} in reference '{text}'");
    }
}
