using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Cairn.Cairo.Memory;
using Cairn.Primitives;

namespace Cairn.Cairo.Hints.Cairo1;

/// <summary>
/// A CASM hint operand (cairo-vm.md §6.3): <c>{"Deref": CellRef}</c>, <c>{"DoubleDeref": [CellRef, i16]}</c>,
/// <c>{"Immediate": "0x…"}</c> or <c>{"BinOp": {"op": "Add" | "Mul", "a": CellRef, "b": {"Deref": CellRef} | {"Immediate": "0x…"}}}</c>.
/// Evaluation follows starkware-libs/cairo casm_run: <see cref="GetFelt"/> (<c>get_val</c>),
/// <see cref="GetValue"/> (<c>get_maybe</c>; <c>Add</c> works on an address) and <see cref="GetAddress"/>
/// (<c>extract_relocatable</c>).
/// </summary>
public sealed class ResOperand : IEquatable<ResOperand>
{
    private ResOperand(ResOperandKind kind, CellRef cell, short doubleDerefOffset, Felt immediate, BinOpKind op, CellRef? bCell, Felt bImmediate)
    {
        Kind = kind;
        Cell = cell;
        DoubleDerefOffset = doubleDerefOffset;
        Immediate = immediate;
        Op = op;
        BCell = bCell;
        BImmediate = bImmediate;
    }

    public ResOperandKind Kind { get; }

    /// <summary>The cell of Deref / DoubleDeref, operand <c>a</c> of BinOp.</summary>
    public CellRef Cell { get; }

    /// <summary>The offset <c>k</c> of <c>[[cell] + k]</c>.</summary>
    public short DoubleDerefOffset { get; }

    /// <summary>The constant of Immediate.</summary>
    public Felt Immediate { get; }

    /// <summary>The operation of BinOp.</summary>
    public BinOpKind Op { get; }

    /// <summary>Operand <c>b</c> of BinOp when it is a deref (null: <see cref="BImmediate"/>).</summary>
    public CellRef? BCell { get; }

    /// <summary>Operand <c>b</c> of BinOp when it is an immediate.</summary>
    public Felt BImmediate { get; }

    public static ResOperand Deref(CellRef cell) => new(ResOperandKind.Deref, cell, 0, default, default, null, default);

    public static ResOperand DoubleDeref(CellRef cell, short offset) => new(ResOperandKind.DoubleDeref, cell, offset, default, default, null, default);

    public static ResOperand Imm(Felt value) => new(ResOperandKind.Immediate, default, 0, value, default, null, default);

    public static ResOperand BinOp(BinOpKind op, CellRef a, CellRef b) => new(ResOperandKind.BinOp, a, 0, default, op, b, default);

    public static ResOperand BinOp(BinOpKind op, CellRef a, Felt b) => new(ResOperandKind.BinOp, a, 0, default, op, null, b);

    /// <summary>The operand as a felt (<c>get_val</c>): every cell read must hold a felt.</summary>
    public Felt GetFelt(HintContext context)
    {
        var memory = context.Memory;
        switch (Kind)
        {
            case ResOperandKind.Deref:
                return memory.GetFelt(Cell.Address(context));
            case ResOperandKind.DoubleDeref:
                return memory.GetFelt(memory.GetRelocatable(Cell.Address(context)).Add(DoubleDerefOffset));
            case ResOperandKind.Immediate:
                return Immediate;
            default:
                Felt a = memory.GetFelt(Cell.Address(context));
                Felt b = BCell is { } bc ? memory.GetFelt(bc.Address(context)) : BImmediate;
                return Op == BinOpKind.Add ? a + b : a * b;
        }
    }

    /// <summary>The operand as a felt or an address (<c>get_maybe</c>).</summary>
    public MaybeRelocatable GetValue(HintContext context)
    {
        var memory = context.Memory;
        switch (Kind)
        {
            case ResOperandKind.Deref:
                return memory.Get(Cell.Address(context));
            case ResOperandKind.DoubleDeref:
                return memory.Get(memory.GetRelocatable(Cell.Address(context)).Add(DoubleDerefOffset));
            case ResOperandKind.Immediate:
                return Immediate;
            default:
                var a = memory.Get(Cell.Address(context));
                Felt b = BCell is { } bc ? memory.GetFelt(bc.Address(context)) : BImmediate;
                if (Op == BinOpKind.Add) return a + b;
                if (!a.IsFelt) throw new HintException($"cannot multiply the address {a} (operand {this})");
                return a.Felt * b;
        }
    }

    /// <summary>The operand as an address (<c>extract_relocatable</c>): its value must be a relocatable.</summary>
    public Relocatable GetAddress(HintContext context)
    {
        if (Kind == ResOperandKind.Immediate) throw new HintException($"operand {this} is a constant, expected an address");
        var v = GetValue(context);
        if (!v.IsRelocatable) throw new HintException($"operand {this} is {v}, expected an address");
        return v.Relocatable;
    }

    /// <summary>Parses the JSON form; a <see cref="FormatException"/> naming <paramref name="what"/> otherwise.</summary>
    public static ResOperand FromJson(JsonElement json, string what = "ResOperand")
    {
        if (json.ValueKind != JsonValueKind.Object) throw new FormatException($"{what}: expected a ResOperand object, found {json.ValueKind}");
        JsonProperty? single = null;
        int count = 0;
        foreach (var p in json.EnumerateObject())
        {
            single = p;
            count++;
        }
        if (count != 1 || single is not { } prop) throw new FormatException($"{what}: a ResOperand must have exactly one key (Deref, DoubleDeref, Immediate or BinOp), found {count}");
        switch (prop.Name)
        {
            case "Deref":
                return Deref(CellRef.FromJson(prop.Value, what + ".Deref"));
            case "DoubleDeref":
            {
                var v = prop.Value;
                if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() != 2) throw new FormatException($"{what}: DoubleDeref must be [CellRef, i16]");
                var cell = CellRef.FromJson(v[0], what + ".DoubleDeref");
                if (v[1].ValueKind != JsonValueKind.Number || !v[1].TryGetInt16(out short k)) throw new FormatException($"{what}: DoubleDeref offset must be an i16");
                return DoubleDeref(cell, k);
            }
            case "Immediate":
                return Imm(ParseBigIntAsFelt(prop.Value, what + ".Immediate"));
            case "BinOp":
            {
                var v = prop.Value;
                if (v.ValueKind != JsonValueKind.Object) throw new FormatException($"{what}: BinOp must be an object");
                if (!v.TryGetProperty("op", out var opJson) || opJson.ValueKind != JsonValueKind.String) throw new FormatException($"{what}: BinOp has no string \"op\"");
                var op = opJson.GetString() switch
                {
                    "Add" => BinOpKind.Add,
                    "Mul" => BinOpKind.Mul,
                    var other => throw new FormatException($"{what}: unknown BinOp op \"{other}\" (expected \"Add\" or \"Mul\")"),
                };
                if (!v.TryGetProperty("a", out var aJson)) throw new FormatException($"{what}: BinOp has no \"a\"");
                var a = CellRef.FromJson(aJson, what + ".BinOp.a");
                if (!v.TryGetProperty("b", out var bJson) || bJson.ValueKind != JsonValueKind.Object) throw new FormatException($"{what}: BinOp has no object \"b\"");
                if (bJson.TryGetProperty("Deref", out var bDeref)) return BinOp(op, a, CellRef.FromJson(bDeref, what + ".BinOp.b"));
                if (bJson.TryGetProperty("Immediate", out var bImm)) return BinOp(op, a, ParseBigIntAsFelt(bImm, what + ".BinOp.b"));
                throw new FormatException($"{what}: BinOp \"b\" must be {{\"Deref\": …}} or {{\"Immediate\": …}}");
            }
            default:
                throw new FormatException($"{what}: unknown ResOperand variant \"{prop.Name}\" (expected Deref, DoubleDeref, Immediate or BinOp)");
        }
    }

    /// <summary>
    /// Parses a <c>BigIntAsHex</c> (<c>"0x…"</c>, possibly <c>"-0x…"</c>; decimal strings and JSON numbers
    /// are accepted too) as an integer.
    /// </summary>
    public static BigInteger ParseBigInt(JsonElement json, string what)
    {
        if (json.ValueKind == JsonValueKind.Number)
        {
            if (BigInteger.TryParse(json.GetRawText(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return n;
            throw new FormatException($"{what}: {json.GetRawText()} is not an integer");
        }
        if (json.ValueKind != JsonValueKind.String) throw new FormatException($"{what}: expected a hex string, found {json.ValueKind}");
        string s = json.GetString()!.Trim();
        bool negative = s.StartsWith('-');
        string body = negative ? s[1..] : s;
        BigInteger value;
        if (body.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            string hex = body[2..];
            if (hex.Length == 0 || !BigInteger.TryParse("0" + hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value))
            {
                throw new FormatException($"{what}: \"{s}\" is not a hex integer");
            }
        }
        else if (body.Length == 0 || !body.All(char.IsAsciiDigit) || !BigInteger.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            throw new FormatException($"{what}: \"{s}\" is not an integer");
        }
        return negative ? -value : value;
    }

    /// <summary><see cref="ParseBigInt"/> reduced modulo P (as <c>Felt252::from(BigInt)</c>).</summary>
    public static Felt ParseBigIntAsFelt(JsonElement json, string what) => Felt.FromBigIntegerReduced(ParseBigInt(json, what));

    public bool Equals(ResOperand? other) =>
        other is not null && Kind == other.Kind && Cell == other.Cell && DoubleDerefOffset == other.DoubleDerefOffset
        && Immediate == other.Immediate && Op == other.Op && BCell == other.BCell && BImmediate == other.BImmediate;

    public override bool Equals(object? obj) => obj is ResOperand r && Equals(r);

    public override int GetHashCode() => HashCode.Combine(Kind, Cell, DoubleDerefOffset, Immediate, Op, BCell, BImmediate);

    /// <summary>Compiler-like rendering, e.g. <c>[fp + -6] + 5</c>.</summary>
    public override string ToString() => Kind switch
    {
        ResOperandKind.Deref => Cell.ToString(),
        ResOperandKind.DoubleDeref => $"[{Cell} + {DoubleDerefOffset}]",
        ResOperandKind.Immediate => Immediate.ToHexString(),
        _ => $"{Cell} {(Op == BinOpKind.Add ? "+" : "*")} {(BCell is { } b ? b.ToString() : BImmediate.ToHexString())}",
    };
}
