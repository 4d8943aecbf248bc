using System.Text.Json;
using Cairn.Cairo.Memory;

namespace Cairn.Cairo.Hints.Cairo1;

/// <summary>
/// A CASM cell reference <c>[reg + offset]</c> (cairo-vm.md §6.3): JSON
/// <c>{"register": "AP" | "FP", "offset": i16}</c>.
/// </summary>
public readonly record struct CellRef(CellRegister Register, short Offset)
{
    /// <summary>The address <c>reg + offset</c> for the current registers.</summary>
    public Relocatable Address(HintContext context) =>
        (Register == CellRegister.Ap ? context.Ap : context.Fp).Add(Offset);

    /// <summary>Parses the JSON form; a <see cref="FormatException"/> naming <paramref name="what"/> otherwise.</summary>
    public static CellRef FromJson(JsonElement json, string what = "CellRef")
    {
        if (json.ValueKind != JsonValueKind.Object) throw new FormatException($"{what}: expected a CellRef object {{\"register\", \"offset\"}}, found {json.ValueKind}");
        if (!json.TryGetProperty("register", out var reg) || reg.ValueKind != JsonValueKind.String)
        {
            throw new FormatException($"{what}: CellRef has no string \"register\"");
        }
        var register = reg.GetString() switch
        {
            "AP" => CellRegister.Ap,
            "FP" => CellRegister.Fp,
            var other => throw new FormatException($"{what}: unknown register \"{other}\" (expected \"AP\" or \"FP\")"),
        };
        if (!json.TryGetProperty("offset", out var off) || off.ValueKind != JsonValueKind.Number || !off.TryGetInt16(out short offset))
        {
            throw new FormatException($"{what}: CellRef has no i16 \"offset\"");
        }
        return new CellRef(register, offset);
    }

    /// <summary>As the compiler prints it: <c>[ap + 1]</c>, <c>[fp + -3]</c>.</summary>
    public override string ToString() => $"[{(Register == CellRegister.Ap ? "ap" : "fp")} + {Offset}]";
}
